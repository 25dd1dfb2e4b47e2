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
/* harmony import */ var _rules_distribution_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(9125);
/* harmony import */ var _organization_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(421);


/**
 * Tags copied at most when a rule is made for a repository that holds images: ten of SWR's largest tag pages, and
 * ten copies. A repository holding more is refused before its rule is made, saying so.
 */
const MAX_COPIED_TAGS = 10_000;
/** Tags one manual sync is asked to copy: one tag page's worth. */
const TAGS_PER_COPY = 1000;
async function ensureSync(api, regions, request, repository, state, progress = []) {
    const { sync, namespace, dryRun, updateExisting } = request;
    if (!sync)
        return undefined;
    const existing = state.created ? [] : await api.listSyncRules(namespace, repository);
    const name = (target) => `${target.region}/${target.namespace}`;
    const listed = new Set(sync.targets.map(name));
    const outcomes = [];
    const anyNew = sync.targets.some((target) => !existing.some((rule) => name(rule) === name(target)));
    if (!dryRun && state.images > MAX_COPIED_TAGS && anyNew) {
        throw new Error((0,_rules_distribution_js__WEBPACK_IMPORTED_MODULE_0__/* .tooManyTags */ .Z7)(`${namespace}/${repository}`, state.images, MAX_COPIED_TAGS));
    }
    // Read once for the repository, however many new rules copy its tags.
    let tags;
    const readTags = () => (tags ??= api.listTags(namespace, repository, MAX_COPIED_TAGS).then((listed) => listed.map(({ tag }) => tag)));
    for (const target of sync.targets) {
        const rule = existing.find((candidate) => name(candidate) === name(target));
        if (rule && rule.override === sync.override) {
            outcomes.push({ target: name(target), action: 'exists' });
            continue;
        }
        if (rule && !updateExisting) {
            outcomes.push({ target: name(target), action: 'differs', was: rule.override });
            continue;
        }
        if (rule) {
            // No operation changes a rule: it is made anew, as terraform replaces it. Its images were copied already.
            if (!dryRun) {
                await api.deleteSyncRule(namespace, repository, target);
                progress.push(`removed the rule syncing to ${name(target)} to make it anew`);
                await api.createSyncRule(namespace, repository, target, sync.override);
                progress.push(`made the rule syncing to ${name(target)} anew, with override ${sync.override}`);
            }
            outcomes.push({ target: name(target), action: 'replaced', was: rule.override });
            continue;
        }
        const copied = state.images > 0 ? state.images : undefined;
        if (dryRun) {
            outcomes.push({ target: name(target), action: 'created', copied });
            continue;
        }
        const organizationNote = await ensureTargetOrganization(regions, target);
        if ((await api.createSyncRule(namespace, repository, target, sync.override)) === 'exists') {
            // Another job made it a moment ago: that job copies the images.
            outcomes.push({ target: name(target), action: 'exists', organizationNote });
            continue;
        }
        progress.push(`created the rule syncing to ${name(target)}`);
        const count = copied ? await copyOrUndo(api, request, repository, target, await readTags()) : undefined;
        if (count)
            progress.push(`copied ${count} images to ${name(target)}`);
        outcomes.push({ target: name(target), action: 'created', copied: count, organizationNote });
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
            typeof swr === 'string'
                ? Promise.resolve(swr)
                : (0,_organization_js__WEBPACK_IMPORTED_MODULE_1__/* .ensureNamespace */ .G)(swr, target.namespace).then(() => undefined, (error) => {
                    const message = error instanceof Error ? error.message : String(error);
                    throw new Error(`In region ${target.region}: ${message}`, { cause: error });
                });
        ensured.set(key, pending);
    }
    return pending;
}
/**
 * A rule copies only later pushes: the tags already in the repository are copied by manual syncs, and the tags a
 * sync answers as failed are tried once more. When some still fail, the rule this run made is removed again, so that
 * a re-run makes it anew and copies them (a rule that exists is never copied again); the step then fails naming them.
 */
async function copyOrUndo(api, request, repository, target, tags) {
    const { namespace } = request;
    const override = !!request.sync?.override;
    const copy = async (batch) => {
        const failed = [];
        for (let start = 0; start < batch.length; start += TAGS_PER_COPY) {
            failed.push(...(await api.syncImages(namespace, repository, target, override, batch.slice(start, start + TAGS_PER_COPY))));
        }
        return failed;
    };
    let failure;
    try {
        const failed = await copy(tags).then((first) => (first.length > 0 ? copy(first) : first));
        if (failed.length === 0)
            return tags.length;
        const shown = failed.slice(0, 20).join(', ') + (failed.length > 20 ? ` and ${failed.length - 20} more` : '');
        failure =
            `Copying the images of ${namespace}/${repository} to ${target.region}/${target.namespace}: SWR could not copy ` +
                `${failed.length} of ${tags.length} tags, twice: ${shown}.`;
    }
    catch (error) {
        failure = error instanceof Error ? error.message : String(error);
    }
    const undone = await api.deleteSyncRule(namespace, repository, target).then(() => 'The rule this run made was removed again, so that a re-run makes it anew and copies them.', (error) => 'The rule this run made could not be removed again ' +
        `(${error instanceof Error ? error.message : String(error)}): a re-run will find it and copy nothing, so ` +
        'copy the images with the console, or delete the rule and run the job again.');
    throw new Error(`${failure} ${undone}`);
}
async function ensureShares(api, request, repository, state, progress = []) {
    const { shares, namespace, dryRun, updateExisting } = request;
    if (!shares)
        return undefined;
    const existing = state.created ? [] : await api.listShares(namespace, repository);
    // Account names are matched as the console matches them, whatever their case.
    const same = (a, b) => a.toLowerCase() === b.toLowerCase();
    const outcomes = [];
    for (const share of shares) {
        const found = existing.find((candidate) => same(candidate.account, share.account));
        if (found && found.deadline === share.deadline) {
            outcomes.push({ ...share, action: 'exists' });
        }
        else if (found && !updateExisting) {
            outcomes.push({ ...share, action: 'differs', was: found.deadline });
        }
        else if (found) {
            if (!dryRun) {
                await api.updateShare(namespace, repository, { ...share, account: found.account }, found.description);
                progress.push(`updated the share with ${share.account}`);
            }
            outcomes.push({ ...share, action: 'updated', was: found.deadline });
        }
        else {
            const creation = dryRun ? 'created' : await api.createShare(namespace, repository, share);
            if (creation === 'created' && !dryRun)
                progress.push(`shared it with ${share.account}`);
            outcomes.push({ ...share, action: creation });
        }
    }
    for (const share of existing) {
        if (!shares.some((wished) => same(wished.account, share.account))) {
            outcomes.push({ account: share.account, deadline: share.deadline, action: 'also' });
        }
    }
    return outcomes;
}


/***/ })

};
;