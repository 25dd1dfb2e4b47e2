"use strict";
exports.id = 411;
exports.ids = [411];
exports.modules = {

/***/ 2411:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   requestIdToken: () => (/* binding */ requestIdToken)
/* harmony export */ });
/* harmony import */ var _api_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1268);
/* harmony import */ var _request_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9610);
/* harmony import */ var _rules_credentials_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(6681);
// GitHub's OpenID Connect ID token for the job, requested with the action's own client rather than the toolkit's
// getIDToken(): that one follows redirects, sending the job's request token along to wherever they point, and
// reads answers of any size. This request is bounded, retried and never redirected like every other.



function hint(status) {
    if (status === 401 || status === 403) {
        return ("GitHub refused the job's request token (ACTIONS_ID_TOKEN_REQUEST_TOKEN), which is valid only while the job " +
            'runs: check that the job has "permissions: id-token: write".');
    }
    return 'Try again; if it persists, check https://www.githubstatus.com.';
}
/** The ID token for the audience (undefined: GitHub's default, the URL of the repository's owner). */
async function requestIdToken(client, endpoint, audience) {
    // Appended as the toolkit does: the runner's URL carries a query of its own.
    const url = new URL(audience ? `${endpoint.url}&audience=${encodeURIComponent(audience)}` : endpoint.url);
    const response = await client.send({
        operation: 'Requesting an ID token from GitHub',
        method: 'GET',
        url,
        authenticate: (request) => ({
            ...request.headers,
            Accept: 'application/json',
            Authorization: `Bearer ${endpoint.requestToken}`,
        }),
    });
    if (!(0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .isSuccess */ .oJ)(response))
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .requestError */ .Un)(response, hint);
    let value;
    try {
        value = JSON.parse(response.body)?.value;
    }
    catch {
        value = undefined;
    }
    if (typeof value !== 'string' || !_rules_credentials_js__WEBPACK_IMPORTED_MODULE_2__/* .JWT */ .yl.test(value))
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'an ID token ({"value": "<JWT>"})');
    return value;
}


/***/ })

};
;