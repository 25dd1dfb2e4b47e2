"use strict";
exports.id = 988;
exports.ids = [988];
exports.modules = {

/***/ 9988:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ensureShares: () => (/* binding */ ensureShares),
/* harmony export */   ensureSync: () => (/* binding */ ensureSync)
/* harmony export */ });
/* unused harmony export MAX_COPIED_TAGS */
/* harmony import */ var _organization_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(421);

/** Tags copied when a rule is made for a repository that holds images: SWR's list answers at most this many. */
const MAX_COPIED_TAGS = 100;
async function ensureSync(api, regions, request, repository, state) {
    const { sync, namespace, dryRun } = request;
    if (!sync)
        return undefined;
    const existing = state.created ? [] : await api.listSyncRules(namespace, repository);
    const name = (target) => `${target.region}/${target.namespace}`;
    const listed = new Set(sync.targets.map(name));
    const outcomes = [];
    // Read once for the repository, however many new rules copy its tags.
    let tags;
    const readTags = () => (tags ??= api.listTags(namespace, repository, MAX_COPIED_TAGS));
    for (const target of sync.targets) {
        if (existing.some((rule) => name(rule) === name(target))) {
            outcomes.push({ target: name(target), action: 'exists' });
            continue;
        }
        const copied = state.images > 0 ? state.images : undefined;
        if (dryRun) {
            outcomes.push({ target: name(target), action: 'created', copied });
            continue;
        }
        const organizationNote = await ensureTargetOrganization(regions, target);
        await api.createSyncRule(namespace, repository, target, sync.override);
        outcomes.push({
            target: name(target),
            action: 'created',
            copied: copied && (await copyImages(api, request, repository, target, await readTags())),
            organizationNote,
        });
    }
    for (const rule of existing)
        if (!listed.has(name(rule)))
            outcomes.push({ target: name(rule), action: 'also' });
    return outcomes;
}
/** Creates the target's organization in its region when missing; the reason when that cannot be done. */
function ensureTargetOrganization({ swr: regional, ensured }, target) {
    const key = `${target.region}/${target.namespace}`;
    let pending = ensured.get(key);
    if (!pending) {
        const swr = regional(target.region);
        pending =
            typeof swr === 'string' ? Promise.resolve(swr) : (0,_organization_js__WEBPACK_IMPORTED_MODULE_0__/* .ensureNamespace */ .G)(swr, target.namespace).then(() => undefined);
        ensured.set(key, pending);
    }
    return pending;
}
/** A rule copies only later pushes: the tags already in the repository are copied once, by a manual sync. */
async function copyImages(api, request, repository, target, tags) {
    if (tags.length > 0)
        await api.syncImages(request.namespace, repository, target, !!request.sync?.override, tags);
    return tags.length;
}
async function ensureShares(api, request, repository, state) {
    const { shares, namespace, dryRun, updateExisting } = request;
    if (!shares)
        return undefined;
    const existing = state.created ? [] : await api.listShares(namespace, repository);
    const outcomes = [];
    for (const share of shares) {
        const found = existing.find((candidate) => candidate.account === share.account);
        if (found && found.deadline === share.deadline) {
            outcomes.push({ ...share, action: 'exists' });
        }
        else if (found && !updateExisting) {
            outcomes.push({ ...share, action: 'differs', was: found.deadline });
        }
        else if (found) {
            if (!dryRun)
                await api.updateShare(namespace, repository, share);
            outcomes.push({ ...share, action: 'updated', was: found.deadline });
        }
        else {
            if (!dryRun)
                await api.createShare(namespace, repository, share);
            outcomes.push({ ...share, action: 'created' });
        }
    }
    for (const share of existing) {
        if (!shares.some((wished) => wished.account === share.account))
            outcomes.push({ ...share, action: 'also' });
    }
    return outcomes;
}


/***/ })

};
;