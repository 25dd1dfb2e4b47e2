"use strict";
exports.id = 368;
exports.ids = [368];
exports.modules = {

/***/ 1368:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   deadlineOf: () => (/* binding */ deadlineOf),
/* harmony export */   distributionApi: () => (/* binding */ distributionApi),
/* harmony export */   totalOf: () => (/* binding */ totalOf)
/* harmony export */ });
/* harmony import */ var _api_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1268);
/* harmony import */ var _request_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9610);
/* harmony import */ var _rules_server_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2834);
/* harmony import */ var _rules_names_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(5603);
/* harmony import */ var _answers_js__WEBPACK_IMPORTED_MODULE_4__ = __webpack_require__(8128);
/* harmony import */ var _paths_js__WEBPACK_IMPORTED_MODULE_6__ = __webpack_require__(9955);
/* harmony import */ var _rules_distribution_js__WEBPACK_IMPORTED_MODULE_5__ = __webpack_require__(9125);
// SWR's operations for where a repository's images go beyond it: automatic sync rules to other regions, a manual
// sync of the tags it already holds, and shares with other accounts (docs/api-notes.md, "Image sync and sharing").
// Each list answer is read into checked values here, once.







/** Tags a page: SWR's largest (docs/api-notes.md, "Image sync and sharing"). */
const TAG_PAGE = 1000;
/** The entries of a list answer; SWR answers an empty list as [] or, at times, as nothing. */
function listOf(response, what) {
    const body = response.body.trim() === '' ? [] : (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .parsedBody */ .IN)(response);
    if (body === null)
        return [];
    if (!Array.isArray(body))
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, what);
    if (!body.every(_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .isRecord */ .u4))
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, what, 'an entry is not an object');
    return body;
}
function syncRules(response) {
    return listOf(response, 'a list of sync rules').map(({ remoteRegionId, remoteNamespace, override }) => {
        // Checked as an input would be: a rule's ends are shown in the log and compared with sync_to.
        if (typeof remoteRegionId !== 'string' ||
            !_rules_distribution_js__WEBPACK_IMPORTED_MODULE_5__/* .REGION */ .Zg.test(remoteRegionId) ||
            typeof remoteNamespace !== 'string' ||
            (0,_rules_names_js__WEBPACK_IMPORTED_MODULE_3__/* .nameProblem */ .rH)(remoteNamespace, _rules_names_js__WEBPACK_IMPORTED_MODULE_3__/* .NAMESPACE_RULE */ .D2) !== undefined) {
            throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'a list of sync rules', 'a rule has no remoteRegionId or remoteNamespace, or one that is not a region or organization name');
        }
        return { region: remoteRegionId, namespace: remoteNamespace, override: override === true };
    });
}
/** A share's account as the console takes it; longer or stranger text is not an account. */
const ACCOUNT = /^[\x21-\x7e]{1,64}$/;
const DEADLINE_DATE = /^(\d{4}-\d{2}-\d{2})(?:$|[T ])/;
/** A time with its zone (Z or an offset), which then decides the day in UTC. */
const ZONED = /(?:Z|[+-]\d{2}:?\d{2})$/;
/**
 * The last day of a share, in UTC, whatever form SWR answers it in: "forever", a date, a UTC time, a time with an
 * offset ("2027-06-30T08:00:00+08:00"), or a time with none ("2027-06-30 00:00:00", taken as UTC, as terraform reads
 * the first ten characters).
 */
function deadlineOf(deadline) {
    if (deadline === 'forever')
        return 'forever';
    if (typeof deadline !== 'string' || deadline.length > 40)
        return undefined;
    const date = DEADLINE_DATE.exec(deadline)?.[1];
    if (!date)
        return undefined;
    if (!ZONED.test(deadline))
        return date;
    const time = Date.parse(deadline.replace(' ', 'T'));
    return Number.isNaN(time) ? undefined : new Date(time).toISOString().slice(0, 10);
}
function shares(response) {
    return listOf(response, 'a list of shares').map(({ access_domain: account, deadline, description }) => {
        const day = deadlineOf(deadline);
        if (typeof account !== 'string' || !ACCOUNT.test(account) || !day) {
            throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'a list of shares', 'a share has no access_domain, or a deadline that is no date');
        }
        return {
            account: (0,_rules_server_text_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanServerText */ .Ct)(account),
            deadline: day,
            description: typeof description === 'string' ? description.slice(0, 1000) : '',
        };
    });
}
/** A tag as registries take it: 1 to 128 letters, digits, "_", "." and "-", not starting with "." or "-". */
const TAG = /^[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}$/;
const DIGEST = /^sha256:[0-9a-f]{64}$/;
function tags(response) {
    return listOf(response, 'a list of tags').map(({ Tag: tag, digest, tag_type: type }) => {
        if (typeof tag !== 'string' || !TAG.test(tag)) {
            throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'a list of tags', 'an entry has no Tag, or one that is not a tag');
        }
        // tag_type: 0 an image, 1 a manifest list (ShowReposTagResp in the SDKs); a digest only in its one form.
        return {
            tag,
            digest: typeof digest === 'string' && DIGEST.test(digest) ? digest : undefined,
            kind: type === 1 ? 'manifest list' : 'image',
        };
    });
}
/** The total a list's Content-Range gives ("0-999/1500", with or without a unit); undefined without one. */
function totalOf(response) {
    const range = (0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .headerValue */ .Z)(response.headers['content-range']);
    const total = range === undefined ? undefined : /^(?:[a-z]+ )?\d+-\d+\/(\d{1,9})$/i.exec(range.trim())?.[1];
    return total === undefined ? undefined : Number(total);
}
/** What a manual sync answers: the tags that failed to copy ([] when all were copied). */
function failedTags(response, sent) {
    const body = response.body.trim() === '' ? [] : (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .parsedBody */ .IN)(response);
    if (body === null)
        return [];
    if (!Array.isArray(body) || !body.every((tag) => typeof tag === 'string')) {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'the list of tags that failed to sync');
    }
    // A tag that was not sent cannot have failed: such an answer is not believed.
    if (!body.every((tag) => sent.includes(tag))) {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'the list of tags that failed to sync', 'it names tags that were not sent');
    }
    return [...new Set(body)];
}
/** A share's deadline as SWR takes it: "forever", or the day's start in UTC, as terraform sends it. */
const deadlineBody = (deadline) => (deadline === 'forever' ? deadline : `${deadline}T00:00:00Z`);
function distributionApi(send) {
    // Shares live under "repositories", not "repos".
    const shared = (namespace, repository) => `/v2/manage/namespaces/${namespace}/repositories/${repository.replaceAll('/', '$')}/access-domains`;
    const created = () => 'created';
    // A share that exists answers 409 (CreateRepoDomains' page); a rule that exists is not documented, and its 409 is
    // taken the same way.
    const exists = { 409: () => 'exists' };
    const listTags = async (namespace, repository, most) => {
        // Pages of SWR's largest size, until Content-Range's total is read (docs/api-notes.md, "Image sync and
        // sharing"); without one, until a page comes short.
        const found = [];
        const seen = new Set();
        for (let page = 1;; page++) {
            const query = new URLSearchParams({ offset: String(found.length), limit: String(TAG_PAGE) });
            const response = await send(`Reading the tags of ${namespace}/${repository}${page > 1 ? ` (page ${page})` : ''}`, 'GET', `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .repositoryPath */ .S)(namespace, repository)}/tags?${query.toString()}`);
            const listed = (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .outcome */ .bu)('listTags', response, () => tags(response));
            const total = totalOf(response);
            for (const entry of listed) {
                if (seen.has(entry.tag))
                    continue;
                seen.add(entry.tag);
                found.push(entry);
            }
            if (found.length > most || (total ?? 0) > most) {
                throw new Error((0,_rules_distribution_js__WEBPACK_IMPORTED_MODULE_5__/* .tooManyTags */ .Z7)(`${namespace}/${repository}`, total ?? `more than ${most}`, most));
            }
            const done = total === undefined ? listed.length < TAG_PAGE : found.length >= total;
            if (done || listed.length === 0)
                return found;
        }
    };
    return {
        async listSyncRules(namespace, repository) {
            const name = `${namespace}/${repository}`;
            const response = await send(`Reading the sync rules of ${name}`, 'GET', `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .repositoryPath */ .S)(namespace, repository)}/sync_repo`);
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .outcome */ .bu)('listSyncRules', response, () => syncRules(response));
        },
        async createSyncRule(namespace, repository, target, override) {
            const response = await send(`Creating the rule syncing ${namespace}/${repository} to ${target.region}/${target.namespace}`, 'POST', `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .repositoryPath */ .S)(namespace, repository)}/sync_repo`, 
            // syncAuto true: the rule copies every push from now on, as terraform creates it.
            { remoteRegionId: target.region, remoteNamespace: target.namespace, syncAuto: true, override });
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .outcome */ .bu)('createSyncRule', response, created, exists);
        },
        async deleteSyncRule(namespace, repository, target) {
            const response = await send(`Removing the rule syncing ${namespace}/${repository} to ${target.region}/${target.namespace}`, 'DELETE', `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .repositoryPath */ .S)(namespace, repository)}/sync_repo`, { remoteRegionId: target.region, remoteNamespace: target.namespace });
            (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .outcome */ .bu)('deleteSyncRule', response, () => undefined);
        },
        listTags,
        async createTag(namespace, repository, source, destination, override) {
            const response = await send(`Tagging ${namespace}/${repository}:${source} as ${destination}`, 'POST', `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .repositoryPath */ .S)(namespace, repository)}/tags`, 
            // CreateRepoTag (docs/api-notes.md, "Tags"): override lets the destination be moved when it exists.
            { source_tag: source, destination_tag: destination, override });
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .outcome */ .bu)('createTag', response, created, exists);
        },
        async syncImages(namespace, repository, target, override, imageTags) {
            const response = await send(`Copying the images of ${namespace}/${repository} to ${target.region}/${target.namespace}`, 'POST', `${(0,_paths_js__WEBPACK_IMPORTED_MODULE_6__/* .repositoryPath */ .S)(namespace, repository)}/sync_images`, { remoteRegionId: target.region, remoteNamespace: target.namespace, override, imageTag: imageTags });
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .outcome */ .bu)('syncImages', response, () => failedTags(response, imageTags));
        },
        async listShares(namespace, repository) {
            const response = await send(`Reading the shares of ${namespace}/${repository}`, 'GET', shared(namespace, repository));
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .outcome */ .bu)('listShares', response, () => shares(response));
        },
        async createShare(namespace, repository, share) {
            const response = await send(`Sharing ${namespace}/${repository} with ${share.account}`, 'POST', shared(namespace, repository), { access_domain: share.account, permit: 'read', deadline: deadlineBody(share.deadline) });
            return (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .outcome */ .bu)('createShare', response, created, exists);
        },
        async updateShare(namespace, repository, share, description) {
            const response = await send(`Updating the share of ${namespace}/${repository} with ${share.account}`, 'PATCH', `${shared(namespace, repository)}/${encodeURIComponent(share.account)}`, 
            // The description as the share has it: left out, SWR would clear it.
            { permit: 'read', deadline: deadlineBody(share.deadline), description });
            (0,_answers_js__WEBPACK_IMPORTED_MODULE_4__/* .outcome */ .bu)('updateShare', response, () => undefined);
        },
    };
}


/***/ })

};
;