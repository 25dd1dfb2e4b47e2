"use strict";
exports.id = 164;
exports.ids = [164];
exports.modules = {

/***/ 5164:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   PROJECT_ID_VARIABLES: () => (/* binding */ PROJECT_ID_VARIABLES),
/* harmony export */   readEnterprise: () => (/* binding */ readEnterprise)
/* harmony export */ });
/* harmony import */ var _input_table_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(4142);
// SWR Enterprise Edition: the instance input, the project its paths carry, and the inputs this version supports only
// for the shared edition, refused before any request (docs/api-notes.md, "Enterprise Edition").

/** Where huaweicloud/auth-action and the SDKs leave the project ID. */
const PROJECT_ID_VARIABLES = ['HUAWEI_CLOUD_PROJECT_ID', 'HUAWEICLOUD_SDK_PROJECT_ID'];
const INSTANCE = /^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/;
const PROJECT_ID = /^[0-9a-f]{32}$/;
/** What each input the shared edition has and an instance does not would need, in words. */
const BASIC_ONLY = {
    category: 'repositories in an instance are made by their first push, with no category',
    description: 'repositories in an instance are made by their first push; set a description once it exists',
    retention_keep_last: 'retention policies of an instance are not managed by this action yet',
    retention_keep_days: 'retention policies of an instance are not managed by this action yet',
    retention_keep_tags: 'retention policies of an instance are not managed by this action yet',
    sync_to: 'an instance replicates images with its own policies, not managed by this action yet',
    share_with: 'sharing is not managed by this action for an instance yet',
};
function readEnterprise(read, env) {
    const instance = read.text('instance').trim();
    if (!instance) {
        if (read.text('project_id'))
            read.fail('Input project_id is for the instance input (SWR Enterprise Edition).');
        return undefined;
    }
    if (!INSTANCE.test(instance)) {
        read.fail(`Input instance ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(instance)} is not an instance ID or name: give the ID (a UUID) or the name.`);
    }
    for (const [name, why] of Object.entries(BASIC_ONLY)) {
        if (read.text(name))
            read.fail(`Input ${name} is not supported with instance: ${why}.`);
    }
    if (read.boolean('sync_override'))
        read.fail('Input sync_override is not supported with instance.');
    const duration = read.text('login_duration');
    if (duration && duration !== '21600') {
        read.fail(`Input login_duration ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(duration)} is not supported with instance: an instance's temporary login lasts ` +
            '24 hours, set by SWR. Leave login_duration out.');
    }
    const [projectFrom, projectId] = [
        ['input project_id', read.text('project_id')],
        ...PROJECT_ID_VARIABLES.map((name) => [name, env[name] ?? '']),
    ].find(([, value]) => value) ?? [];
    if (projectId && !PROJECT_ID.test(projectId)) {
        read.fail(`${projectFrom} ${(0,_input_table_js__WEBPACK_IMPORTED_MODULE_0__/* .quote */ .hD)(projectId)} is not a project ID: 32 hexadecimal digits, as IAM lists it.`);
    }
    return { instance, projectId: projectId || undefined, registry: read.text('registry') || undefined };
}


/***/ })

};
;