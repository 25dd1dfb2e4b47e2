"use strict";
exports.id = 616;
exports.ids = [616,235];
exports.modules = {

/***/ 7616:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   ProxyAgent: () => (/* binding */ ProxyAgent)
/* harmony export */ });
// Bundled in place of undici (see "paths" in tsconfig.json). @actions/http-client imports undici only for
// getAgentDispatcher(), a proxy dispatcher for fetch() that this action never calls; loading the real undici
// cost about 75 ms of every run's start-up. Requests go through node:http(s) and the toolkit's tunnel proxy.
class ProxyAgent {
    constructor() {
        throw new Error('undici is not bundled with this action: HttpClient.getAgentDispatcher() is not supported');
    }
}


/***/ })

};
;