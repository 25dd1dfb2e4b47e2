"use strict";
exports.id = 368;
exports.ids = [368];
exports.modules = {

/***/ 1368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   distributionApi: () => (/* binding */ distributionApi)
/* harmony export */ });
/* harmony import */ var _request_error_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9610);
/* harmony import */ var _answers_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(8128);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(9955);



/** The entries of a list answer; SWR answers an empty list as [] or, at times, as nothing. */
function listOf(response, what) {
    const body = response.body.trim() === '' ? [] : (0,_answers_js__WEBPACK_IMPORTED_MODULE_1__/* .parsedBody */ .IN)(response);
    if (body === null)
        return [];
    if (!Array.isArray(body))
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_0__/* .unexpectedBody */ .Eu)(response, what);
    if (!body.every(_answers_js__WEBPACK_IMPORTED_MODULE_1__/* .isRecord */ .u4))
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_0__/* .unexpectedBody */ .Eu)(response, what, 'an entry is not an object');
    return body;
}
function syncRules(response) {
    return listOf(response, 'a list of sync rules').map(({ remoteRegionId, remoteNamespace, override }) => {
        if (typeof remoteRegionId !== 'string' || typeof remoteNamespace !== 'string') {
            throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_0__/* .unexpectedBody */ .Eu)(response, 'a list of sync rules', 'a rule has no remoteRegionId or remoteNamespace');
        }
        return { region: remoteRegionId, namespace: remoteNamespace, override: override === true };
    });
}
const DEADLINE_DATE = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/;
function shares(response) {
    return listOf(response, 'a list of shares').map(({ access_domain: account, deadline }) => {
        const date = typeof deadline === 'string' ? DEADLINE_DATE.exec(deadline)?.[1] : undefined;
        if (typeof account !== 'string' || (deadline !== 'forever' && !date)) {
            throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_0__/* .unexpectedBody */ .Eu)(response, 'a list of shares', 'a share has no access_domain, or a deadline that is no date');
        }
        return { account, deadline: (deadline === 'forever' ? 'forever' : date) };
    });
}
function tags(response) {
    return listOf(response, 'a list of tags').map(({ Tag: tag }) => {
        if (typeof tag !== 'string')
            throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_0__/* .unexpectedBody */ .Eu)(response, 'a list of tags', 'an entry has no Tag');
        return tag;
    });
}
/** A share's deadline as SWR takes it: "forever", or the day's start in UTC, as terraform sends it. */
const deadlineBody = (deadline) => (deadline === 'forever' ? deadline : `${deadline}T00:00:00Z`);
function distributionApi(send) {
    // Shares live under "repositories", not "repos".
    const shared = (namespace, repository) => `/v2/manage/namespaces/${namespace}/repositories/${repository.replaceAll('/', '$')}/access-domains`;
    const created = () => 'created';
    // What SWR answers for a rule or share that exists is not documented; a 409 is taken as "it exists".
    const exists = { 409: () => 'exists' };
    return {
        async listSyncRules(namespace, repository) {
            const name = `${namespace}/${repository}`;
            const response = await send(`Reading the sync rules of ${name}`, 'GET', `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryPath */ .S)(namespace, repository)}/sync_repo`);
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_1__/* .outcome */ .bu)('listSyncRules', response, () => syncRules(response));
        },
        async createSyncRule(namespace, repository, target, override) {
            const response = await send(`Creating the rule syncing ${namespace}/${repository} to ${target.region}/${target.namespace}`, 'POST', `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryPath */ .S)(namespace, repository)}/sync_repo`, 
            // syncAuto true: the rule copies every push from now on, as terraform creates it.
            { remoteRegionId: target.region, remoteNamespace: target.namespace, syncAuto: true, override });
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_1__/* .outcome */ .bu)('createSyncRule', response, created, exists);
        },
        async listTags(namespace, repository, limit) {
            const query = new URLSearchParams({ offset: '0', limit: String(limit) });
            const response = await send(`Reading the tags of ${namespace}/${repository}`, 'GET', `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryPath */ .S)(namespace, repository)}/tags?${query.toString()}`);
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_1__/* .outcome */ .bu)('listTags', response, () => tags(response));
        },
        async syncImages(namespace, repository, target, override, imageTags) {
            const response = await send(`Copying the images of ${namespace}/${repository} to ${target.region}/${target.namespace}`, 'POST', `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_2__/* .repositoryPath */ .S)(namespace, repository)}/sync_images`, { remoteRegionId: target.region, remoteNamespace: target.namespace, override, imageTag: imageTags });
            (0,_answers_js__WEBPACK_IMPORTED_MODULE_1__/* .outcome */ .bu)('syncImages', response, () => undefined);
        },
        async listShares(namespace, repository) {
            const response = await send(`Reading the shares of ${namespace}/${repository}`, 'GET', shared(namespace, repository));
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_1__/* .outcome */ .bu)('listShares', response, () => shares(response));
        },
        async createShare(namespace, repository, share) {
            const response = await send(`Sharing ${namespace}/${repository} with ${share.account}`, 'POST', shared(namespace, repository), { access_domain: share.account, permit: 'read', deadline: deadlineBody(share.deadline) });
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_1__/* .outcome */ .bu)('createShare', response, created, exists);
        },
        async updateShare(namespace, repository, share) {
            const response = await send(`Updating the share of ${namespace}/${repository} with ${share.account}`, 'PATCH', `${shared(namespace, repository)}/${share.account}`, { permit: 'read', deadline: deadlineBody(share.deadline) });
            (0,_answers_js__WEBPACK_IMPORTED_MODULE_1__/* .outcome */ .bu)('updateShare', response, () => undefined);
        },
    };
}


/***/ })

};
;