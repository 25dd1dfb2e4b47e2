"use strict";
exports.id = 545;
exports.ids = [545];
exports.modules = {

/***/ 8545:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   enterpriseApi: () => (/* binding */ enterpriseApi),
/* harmony export */   isInstanceId: () => (/* binding */ isInstanceId)
/* harmony export */ });
/* harmony import */ var _api_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1268);
/* harmony import */ var _request_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9610);
/* harmony import */ var _answers_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(8128);
/* harmony import */ var _login_secret_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(2355);
/* harmony import */ var _rules_endpoint_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8474);
/* harmony import */ var _rules_registry_login_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(7060);
/* harmony import */ var _rules_server_text_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(2834);







/** An instance ID is a UUID; anything else given for `instance` is its name. */
const isInstanceId = (value) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(value);
function instanceOf(response, entry) {
    const fields = (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(entry) ? entry : {};
    const { id, name, status, access_address: address } = fields;
    if (typeof id !== 'string' || typeof name !== 'string' || typeof status !== 'string') {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'an instance', 'no id, name or status');
    }
    // The ID goes into every later path: only a UUID, never "../" or another path's part.
    if (!isInstanceId(id))
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'an instance', 'its id is not an instance ID (a UUID)');
    if (typeof address !== 'string' || !(0,_rules_endpoint_js__WEBPACK_IMPORTED_MODULE_4__/* .isRegistryHost */ .EV)(address)) {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'an instance', 'its access_address is not a registry host');
    }
    return { id, name: (0,_rules_server_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanServerText */ .Ct)(name, 64), state: (0,_rules_server_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanServerText */ .Ct)(status, 40), accessAddress: address };
}
/** A "/" in a repository name travels as %2F, escaped once more for the path: %252F. */
const repositorySegment = (repository) => encodeURIComponent(repository.replaceAll('/', '%2F'));
const PAGE = 100;
/** Instances read at most, to find one by name: 10 pages. */
const MAX_INSTANCES = 1000;
function enterpriseApi(client, endpoint, authenticate, projectId) {
    const send = async (operation, method, path, body) => {
        const project = await projectId();
        return client.send({
            operation,
            method,
            url: (0,_rules_endpoint_js__WEBPACK_IMPORTED_MODULE_4__/* .endpointUrl */ .Pb)(endpoint, `/v2/${project}/instances${path}`),
            body,
            authenticate,
            headers: { 'X-Project-Id': project },
        });
    };
    const showInstance = async (id) => {
        const response = await send(`Reading instance ${id}`, 'GET', `/${id}`);
        return (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .outcome */ .bu)('showInstance', response, () => {
            const instance = instanceOf(response, (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .parsedBody */ .IN)(response));
            // An answer about another instance is not this one's: its address must not be logged in to.
            if (instance.id !== id) {
                throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, `instance ${id}`, `it describes another instance, ${instance.id}`);
            }
            return { kind: 'found', instance };
        }, { 404: () => ({ kind: 'missing' }) });
    };
    const instanceNamed = async (name) => {
        // Every page is read: two instances of one name must not be chosen between silently.
        const found = [];
        for (let offset = 0; offset < MAX_INSTANCES; offset += PAGE) {
            const response = await send('Listing the instances', 'GET', `?limit=${PAGE}&offset=${offset}`);
            const listed = (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .outcome */ .bu)('listInstances', response, () => (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .parsedBody */ .IN)(response));
            const instances = (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(listed) ? listed.instances : undefined;
            if (!Array.isArray(instances))
                throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'a list of instances');
            for (const entry of instances) {
                if ((0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(entry) && entry.name === name)
                    found.push(instanceOf(response, entry));
            }
            if (instances.length < PAGE)
                break;
        }
        if (found.length > 1) {
            throw new Error(`${found.length} instances are named ${name}: ${found.map((instance) => instance.id).join(', ')}. Give the ` +
                "input instance the ID of the one to use (the console shows it on the instance's page).");
        }
        return found[0] ? { kind: 'found', instance: found[0] } : { kind: 'missing' };
    };
    return {
        findInstance: (idOrName) => (isInstanceId(idOrName) ? showInstance(idOrName) : instanceNamed(idOrName)),
        async namespaceExists(instanceId, namespace) {
            const response = await send(`Reading namespace ${namespace}`, 'GET', `/${instanceId}/namespaces/${namespace}`);
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .outcome */ .bu)('showInstanceNamespace', response, () => true, { 404: () => false });
        },
        async createNamespace(instanceId, namespace, isPublic) {
            const response = await send(`Creating namespace ${namespace}`, 'POST', `/${instanceId}/namespaces`, {
                namespace_name: namespace,
                // A string, not a boolean (docs/api-notes.md, "Enterprise Edition").
                metadata: { public: String(isPublic) },
            });
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .outcome */ .bu)('createInstanceNamespace', response, () => 'created', {
                409: () => 'exists',
            });
        },
        async showRepository(instanceId, namespace, repository) {
            const response = await send(`Reading repository ${namespace}/${repository}`, 'GET', `/${instanceId}/namespaces/${namespace}/repositories/${repositorySegment(repository)}`);
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .outcome */ .bu)('showInstanceRepository', response, () => repositoryInfo(response, repository), { 404: () => undefined });
        },
        async publicAccess(instanceId) {
            const response = await send('Reading the public access of the instance', 'GET', `/${instanceId}/endpoint-policy`);
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .outcome */ .bu)('showInstanceEndpointPolicy', response, () => {
                const body = (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .parsedBody */ .IN)(response);
                const state = (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(body) ? body.status : undefined;
                if (typeof state !== 'string')
                    throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, "an instance's public access", 'no status');
                return (0,_rules_server_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanServerText */ .Ct)(state);
            });
        },
        async createLoginSecret(instanceId, host) {
            const response = await send(`Creating a temporary login to ${host}`, 'POST', `/${instanceId}/temp-credential`);
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .outcome */ .bu)('createInstanceTempCredential', response, () => loginSecret(response, host));
        },
    };
}
function repositoryInfo(response, repository) {
    const body = (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .parsedBody */ .IN)(response);
    if (!(0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(body))
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, "a repository's details");
    const text = (value) => (typeof value === 'string' ? (0,_rules_server_text_js__WEBPACK_IMPORTED_MODULE_3__/* .cleanServerText */ .Ct)(value) : undefined);
    const count = (value) => typeof value === 'number' && Number.isSafeInteger(value) && value >= 0 ? value : undefined;
    return {
        name: repository,
        // ShowInstanceRepository's id, as Basic's brief info has one (docs/api-notes.md, "Enterprise Edition").
        id: count(body.id),
        description: text(body.description),
        // Its tags, as Basic's num_images counts them: an artifact can carry several tags, or none.
        num_images: count(body.tag_count),
        num_download: count(body.pull_count),
        created: text(body.created_at),
        updated: text(body.updated_at),
    };
}
function loginSecret(response, host) {
    const body = (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .parsedBody */ .IN)(response);
    const { user_id: username, auth_token: password, expire_date: expires } = (0,_answers_js__WEBPACK_IMPORTED_MODULE_2__/* .isRecord */ .u4)(body) ? body : {};
    if (typeof username !== 'string' || typeof password !== 'string') {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'a temporary credential', 'no user_id or auth_token');
    }
    if (!_rules_registry_login_js__WEBPACK_IMPORTED_MODULE_5__/* .REGISTRY_USERNAME */ .FV.test(username) || !_rules_registry_login_js__WEBPACK_IMPORTED_MODULE_5__/* .REGISTRY_PASSWORD */ ._B.test(password)) {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'a temporary credential', 'its user_id or auth_token is outside the accepted form');
    }
    // The credential lasts 24 hours (docs/api-notes.md); without a date the estimate is the shorter default.
    const told = typeof expires === 'string' ? expires : (0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .headerValue */ .Z)(response.headers['x-swr-expireat']);
    const { expiresAt, estimated } = (0,_login_secret_js__WEBPACK_IMPORTED_MODULE_6__/* .expiryOf */ .p1)(told, 24 * 3600, Date.now());
    const auth = Buffer.from(`${username}:${password}`).toString('base64');
    return { host, username, password, auth, expiresAt, expiryEstimated: estimated };
}


/***/ })

};
;