"use strict";
exports.id = 563;
exports.ids = [563];
exports.modules = {

/***/ 7563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   METADATA_ENDPOINT: () => (/* binding */ METADATA_ENDPOINT),
/* harmony export */   instanceCredentials: () => (/* binding */ instanceCredentials)
/* harmony export */ });
/* harmony import */ var _api_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6113);
/* harmony import */ var _request_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9610);
// The metadata service of the ECS or BMS the job runs on (docs/api-notes.md, "Instance metadata"): the temporary
// access key of the agency bound to the instance. The session token is asked for first, as Huawei's SDKs do; a
// service without that endpoint is asked plainly. Every secret is masked the moment it is read.


/** Where the metadata service is on every ECS and BMS. */
const METADATA_ENDPOINT = 'http://169.254.169.254';
/** How long the session token is asked for: longer than any job's use of it. */
const TOKEN_TTL_SECONDS = 21600;
/** Nothing answers at the metadata address: not an instance of Huawei Cloud, or a container cut off from it. */
const UNREACHABLE = 'instance_credentials needs the metadata service of an ECS or BMS (169.254.169.254), and none answered: this ' +
    "machine is not an ECS or BMS of Huawei Cloud, or this container does not share the host's network (run it with " +
    'the host network). Or sign in another way and set instance_credentials to false.';
const NO_AGENCY = /Please configure Cloud Service Agency first/i;
const ACCESS_KEY = /^[A-Za-z0-9]{8,128}$/;
const SECRET = /^[\x21-\x7e]{8,1024}$/;
const SECURITY_TOKEN = /^[A-Za-z0-9+/=_.-]{8,16384}$/;
/** The agency's temporary access key, signed with its security token. */
async function instanceCredentials(client, endpoint, mask) {
    const url = (path) => new URL(path, endpoint);
    const tokenAnswer = await client.send({
        operation: 'Asking the instance metadata service for a session token',
        method: 'PUT',
        url: url('/meta-data/latest/api/token'),
        authenticate: (request) => ({ ...request.headers, 'X-Metadata-Token-Ttl-Seconds': String(TOKEN_TTL_SECONDS) }),
        unreachable: UNREACHABLE,
    });
    // 404 or 405: no token endpoint here, and none is needed (the SDKs read it so too).
    let sessionToken;
    if ((0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .isSuccess */ .oJ)(tokenAnswer)) {
        sessionToken = tokenAnswer.body.trim();
        if (!/^[\x21-\x7e]{1,4096}$/.test(sessionToken))
            throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(tokenAnswer, 'a session token');
        mask(sessionToken);
    }
    else if (tokenAnswer.status !== 404 && tokenAnswer.status !== 405) {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .requestError */ .Un)(tokenAnswer, () => metadataHint(tokenAnswer));
    }
    const keyAnswer = await client.send({
        operation: 'Reading the agency’s temporary access key from the instance metadata service',
        method: 'GET',
        url: url('/openstack/latest/securitykey'),
        authenticate: (request) => ({ ...request.headers, ...(sessionToken ? { 'X-Metadata-Token': sessionToken } : {}) }),
        unreachable: UNREACHABLE,
    });
    if (!(0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .isSuccess */ .oJ)(keyAnswer))
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .requestError */ .Un)(keyAnswer, () => metadataHint(keyAnswer));
    return readSecurityKey(keyAnswer, mask);
}
function readSecurityKey(response, mask) {
    let credential;
    try {
        credential = JSON.parse(response.body)?.credential;
    }
    catch {
        credential = undefined;
    }
    const { access, secret, securitytoken } = credential ?? {};
    // Masked before they are checked: a check's message must never carry them.
    for (const value of [secret, securitytoken])
        if (typeof value === 'string' && value.length >= 4)
            mask(value);
    const valid = typeof access === 'string' &&
        ACCESS_KEY.test(access) &&
        typeof secret === 'string' &&
        SECRET.test(secret) &&
        typeof securitytoken === 'string' &&
        SECURITY_TOKEN.test(securitytoken);
    if (!valid) {
        // The problem is named, not shown: the body holds the secrets.
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'a temporary access key ({"credential": {"access", "secret", "securitytoken", "expires_at"}})', 'its credential is missing, or not of a temporary access key’s form');
    }
    return {
        kind: 'access-key',
        accessKeyId: access,
        secretAccessKey: secret,
        securityToken: securitytoken,
        source: 'the agency of this ECS or BMS (instance metadata)',
    };
}
/** What to do about a refusal of the metadata service. */
function metadataHint(response) {
    if (response.status === 401 && NO_AGENCY.test(response.body)) {
        return ('No agency is bound to this instance: in the ECS console, create an agency for ECS with the SWR permissions ' +
            'this step needs (see "Permissions" in the README), and bind it to the instance (Management Information → ' +
            'Agency). Or sign in another way and set instance_credentials to false.');
    }
    if (response.status === 401 || response.status === 403) {
        return ("The metadata service refused the request: the instance's metadata options may require a session token " +
            'this job could not get, or disable the metadata service. Check them (metadata_options of the instance).');
    }
    if (response.status === 404) {
        return 'The metadata service has no security key: the metadata service may be disabled for this instance.';
    }
    return '';
}


/***/ })

};
;