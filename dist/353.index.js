"use strict";
exports.id = 353;
exports.ids = [353];
exports.modules = {

/***/ 353:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ensureInInstance: () => (/* binding */ ensureInInstance)
/* harmony export */ });
/* harmony import */ var _rules_endpoint_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8474);

async function ensureInInstance(api, request) {
    const lookup = await api.findInstance(request.enterprise.instance);
    if (lookup.kind === 'missing') {
        throw new Error(`Instance ${request.enterprise.instance} was not found in region ${request.region}: check the input instance ` +
            '(its ID, or its name as the console shows it) and region.');
    }
    const { instance } = lookup;
    const trusted = trustedAddress(instance, request);
    if (trusted)
        throw new Error(trusted);
    if (instance.state !== 'Running') {
        throw new Error(`Instance ${instance.name} is ${instance.state}, not Running: nothing can be pushed to it now. Wait until the ` +
            'console shows it Running, or check its billing if it is frozen.');
    }
    const warnings = [];
    if (request.outsideNetwork) {
        const access = await api.publicAccess(instance.id);
        if (access !== 'Enable') {
            warnings.push(`Instance ${instance.name}'s public access is ${access}: this GitHub-hosted runner reaches the instance only ` +
                'through its public address, so pushes will fail. Enable public access for the instance (with the ' +
                "runner's addresses on its allow list, if it has one), or run the job on a self-hosted runner in the " +
                "instance's VPC.");
        }
    }
    const path = (repository) => `${instance.accessAddress}/${request.namespace}/${repository}`;
    let namespace;
    let known = 'unknown';
    const ensureNamespace = () => (namespace ??= namespaceStep(api, instance.id, request));
    const results = await Promise.all(request.repositories.map(async (repository) => {
        try {
            const info = await api.showRepository(instance.id, request.namespace, repository);
            const entry = { repository, created: false, settingsChanged: [], settingsDiffer: [] };
            if (info) {
                known = 'exists';
                return { ...entry, info: { ...info, path: path(repository) } };
            }
            await ensureNamespace();
            return { ...entry, info: { name: repository, path: path(repository) }, awaitingPush: true };
        }
        catch (error) {
            return { repository, error: error instanceof Error ? error : new Error(String(error)) };
        }
    }));
    const state = namespace ? await namespace.catch(() => 'unknown') : known;
    return { instance, result: { namespace: state === 'unknown' ? known : state, results }, warnings };
}
/**
 * Why the instance's access address is not believed, if it is not: the login and every later push go there, so it
 * must be under Huawei Cloud's domain of the region, or the host the input registry names (a custom domain). See
 * docs/api-notes.md, "Enterprise Edition".
 */
function trustedAddress(instance, request) {
    const address = instance.accessAddress;
    const { registry } = request.enterprise;
    const domain = (0,_rules_endpoint_js__WEBPACK_IMPORTED_MODULE_0__/* .cloudDomain */ .cE)(request.region);
    if (registry) {
        if (address === registry)
            return undefined;
        return (`Instance ${instance.name} gives its registry as ${address}, not ${registry} as the input registry says: ` +
            'nothing is logged in to or pushed to an address the workflow did not name. Check the instance and the input.');
    }
    if (address.endsWith(`.${domain}`))
        return undefined;
    return (`Instance ${instance.name} gives its registry as ${address}, which is not under ${domain}: the action logs in ` +
        'only to a registry of Huawei Cloud. If the instance uses a domain of its own, give it as the input registry.');
}
/** The namespace made sure of: read, and created when missing ("exists" after a race is confirmed by a read). */
async function namespaceStep(api, instanceId, request) {
    if (await api.namespaceExists(instanceId, request.namespace))
        return 'exists';
    if (request.dryRun)
        return 'created';
    if ((await api.createNamespace(instanceId, request.namespace, request.isPublic ?? false)) === 'created')
        return 'created';
    if (await api.namespaceExists(instanceId, request.namespace))
        return 'exists';
    throw new Error(`Creating namespace ${request.namespace} answered that it exists, but reading it finds none: try again, and if ` +
        'it persists, check the namespace in the console.');
}


/***/ })

};
;