"use strict";
exports.id = 988;
exports.ids = [988,125];
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
        throw new Error((0,_rules_distribution_js__WEBPACK_IMPORTED_MODULE_0__.tooManyTags)(`${namespace}/${repository}`, state.images, MAX_COPIED_TAGS));
    }
    // Read once for the repository, however many new rules copy its tags.
    let tags;
    const readTags = () => (tags ??= api.listTags(namespace, repository, MAX_COPIED_TAGS));
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


/***/ }),

/***/ 9125:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   REGION: () => (/* binding */ REGION),
/* harmony export */   SYNC_REGIONS: () => (/* binding */ SYNC_REGIONS),
/* harmony export */   parseShares: () => (/* binding */ parseShares),
/* harmony export */   parseSyncTargets: () => (/* binding */ parseSyncTargets),
/* harmony export */   readDistribution: () => (/* binding */ readDistribution),
/* harmony export */   tooManyTags: () => (/* binding */ tooManyTags)
/* harmony export */ });
/* harmony import */ var _input_table_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4142);
/* harmony import */ var _names_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(5603);
// Where a repository's images go beyond its own region: the regions they are synced to (sync_to, sync_override) and
// the accounts the repository is shared with (share_with), each line checked before any request.


/** A region ID's form: cn-north-4, ap-southeast-1, eu-west-101. */
const REGION = /^[a-z]{2}(?:-[a-z]+)+-\d{1,3}$/;
/**
 * The regions where SWR offers cross-region sync, as its user guide lists them (docs/api-notes.md, "Image sync and
 * sharing"): Beijing1, Beijing4, Ulanqab1, Shanghai1, Shanghai2, Guangzhou, Guiyang1, Hong Kong, Bangkok, Singapore,
 * Johannesburg.
 */
const SYNC_REGIONS = [
    'cn-north-1',
    'cn-north-4',
    'cn-north-9',
    'cn-east-3',
    'cn-east-2',
    'cn-south-1',
    'cn-southwest-2',
    'ap-southeast-1',
    'ap-southeast-2',
    'ap-southeast-3',
    'af-south-1',
];
const notSyncRegion = (region, what) => `${what} ${region} is not one where SWR offers sync between regions: ${SYNC_REGIONS.join(', ')}.`;
/** Account names as the console takes them; no spaces, so that "until" is never part of one. */
const ACCOUNT = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** "2027-06-30", if it is a real calendar date. */
function isCalendarDate(text) {
    const match = DATE.exec(text);
    if (!match)
        return false;
    const [year, month, day] = match.slice(1).map(Number);
    const date = new Date(Date.UTC(year, month - 1, day));
    return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
}
/** The sync targets of the lines, or the problems with them. */
function parseSyncTargets(lines, source) {
    const problems = [];
    const targets = [];
    if (lines.length > 0 && REGION.test(source.region) && !SYNC_REGIONS.includes(source.region)) {
        problems.push(`Input sync_to needs the repository's region to sync from: ${notSyncRegion(source.region, 'region')}`);
    }
    for (const line of lines) {
        const [region, namespace = source.namespace, ...rest] = line.split('/');
        const accepted = 'REGION or REGION/ORGANIZATION, e.g. "cn-east-3" or "cn-east-3/team"';
        if (rest.length > 0 || !REGION.test(region)) {
            problems.push(`Input sync_to has ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(line)}, which is not a target: give ${accepted}.`);
            continue;
        }
        if (!SYNC_REGIONS.includes(region)) {
            problems.push(`Input sync_to has ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(line)}: ${notSyncRegion(region, 'the region')}`);
            continue;
        }
        const problem = (0,_names_js__WEBPACK_IMPORTED_MODULE_1__/* .nameProblem */ .rH)(namespace, _names_js__WEBPACK_IMPORTED_MODULE_1__/* .NAMESPACE_RULE */ .D2);
        if (problem) {
            problems.push(`Input sync_to has ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(line)}: the organization is not a valid SWR name: ${problem}.`);
            continue;
        }
        if (region === source.region && namespace === source.namespace) {
            problems.push(`Input sync_to has ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(line)}, the repository's own region and organization.`);
            continue;
        }
        if (targets.some((target) => target.region === region && target.namespace === namespace)) {
            problems.push(`Input sync_to lists ${region}/${namespace} more than once.`);
            continue;
        }
        targets.push({ region, namespace });
    }
    return problems.length > 0 ? problems : targets;
}
/** The shares of the lines (`ACCOUNT` or `ACCOUNT until YYYY-MM-DD`), or the problems with them. */
function parseShares(lines, today) {
    const problems = [];
    const shares = [];
    const todayText = today.toISOString().slice(0, 10);
    for (const line of lines) {
        const [account, keyword, date, ...rest] = line.split(/\s+/);
        const accepted = 'ACCOUNT (shared forever) or ACCOUNT until YYYY-MM-DD, e.g. "prod-account until 2027-06-30"';
        if (!ACCOUNT.test(account) || rest.length > 0 || (keyword !== undefined && (keyword !== 'until' || !date))) {
            problems.push(`Input share_with has ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(line)}, which is not a share: give ${accepted}.`);
            continue;
        }
        if (date !== undefined && !isCalendarDate(date)) {
            problems.push(`Input share_with has ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(line)}: ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(date)} is not a date in the form YYYY-MM-DD.`);
            continue;
        }
        if (date !== undefined && date <= todayText) {
            problems.push(`Input share_with has ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(line)}: the share would end on or before today (${todayText}, UTC).`);
            continue;
        }
        if (shares.some((share) => share.account.toLowerCase() === account.toLowerCase())) {
            problems.push(`Input share_with lists the account ${account} more than once.`);
            continue;
        }
        shares.push({ account, deadline: (date ?? 'forever') });
    }
    return problems.length > 0 ? problems : shares;
}
/** The sync_to, sync_override and share_with inputs, once the repository's region and organization are known. */
function readDistribution(read, source, today) {
    const override = read.boolean('sync_override');
    const targets = parseSyncTargets(read.lines('sync_to'), source);
    const shares = parseShares(read.lines('share_with'), today);
    for (const problem of [targets, shares].flatMap((parsed) => (isProblems(parsed) ? parsed : [])))
        read.fail(problem);
    if (override && read.lines('sync_to').length === 0)
        read.fail('Input sync_override: true needs sync_to.');
    return {
        sync: !isProblems(targets) && targets.length > 0 ? { targets, override } : undefined,
        shares: !isProblems(shares) && shares.length > 0 ? shares : undefined,
    };
}
const isProblems = (parsed) => parsed.some((entry) => typeof entry === 'string');
/** Why the images of a repository with more tags than a new rule copies are not copied, and what to do. */
const tooManyTags = (name, count, most) => `Repository ${name} holds ${count} tags, more than the ${most} this action copies to a new sync target. Copy them ` +
    'with the console, or keep fewer (a retention policy), then run the job again.';


/***/ })

};
;