"use strict";
exports.id = 153;
exports.ids = [153];
exports.modules = {

/***/ 6153:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   GITHUB_ISSUER: () => (/* binding */ GITHUB_ISSUER),
/* harmony export */   iamApi: () => (/* binding */ iamApi),
/* harmony export */   idTokenBody: () => (/* binding */ idTokenBody),
/* harmony export */   idTokenClaims: () => (/* binding */ idTokenClaims),
/* harmony export */   oidcHint: () => (/* binding */ oidcHint),
/* harmony export */   passwordHint: () => (/* binding */ passwordHint),
/* harmony export */   passwordTokenBody: () => (/* binding */ passwordTokenBody),
/* harmony export */   projectIdOf: () => (/* binding */ projectIdOf)
/* harmony export */ });
/* harmony import */ var _api_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1268);
/* harmony import */ var _request_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9610);
/* harmony import */ var _rules_endpoint_js__WEBPACK_IMPORTED_MODULE_3__ = __webpack_require__(8474);
/* harmony import */ var _rules_server_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2834);
// IAM's token operations, for the sign-in methods that need a token: an IAM user's password, or an OpenID Connect ID
// token exchanged through an IAM identity provider. Each makes exactly one request; a token is the one outcome, and
// every other answer is thrown as a RequestError with IAM's hint. And the project ID of a region, looked up.




const GITHUB_ISSUER = 'https://token.actions.githubusercontent.com';
function passwordTokenBody(signIn, region) {
    const user = { name: signIn.user, password: signIn.password, domain: { name: signIn.domain } };
    return { auth: { identity: { methods: ['password'], password: { user } }, scope: { project: { name: region } } } };
}
function idTokenBody(idToken, region) {
    return { auth: { id_token: { id: idToken }, scope: { project: { name: region } } } };
}
/** Reads the (unverified) claims of a JWT, to explain a refusal; the token itself is never shown. */
function idTokenClaims(idToken) {
    try {
        return JSON.parse(Buffer.from(idToken.split('.')[1] ?? '', 'base64url').toString('utf8'));
    }
    catch {
        return {};
    }
}
/** The token of a successful answer, masked at once; undefined when IAM answered otherwise. */
function subjectToken(response, mask) {
    const token = (0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .headerValue */ .Z)(response.headers['x-subject-token']);
    if (token)
        mask(token);
    if (!(0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .isSuccess */ .oJ)(response) || !token)
        return undefined;
    // The body's token.project.id saves Enterprise Edition a project lookup; taken only in its documented form.
    let projectId;
    try {
        projectId = JSON.parse(response.body)?.token?.project?.id;
    }
    catch {
        projectId = undefined;
    }
    return typeof projectId === 'string' && /^[0-9a-f]{32}$/.test(projectId) ? { token, projectId } : { token };
}
/**
 * IAM at the endpoint, issuing tokens scoped to the project named after the region; `mask` hides each token the
 * moment it is received.
 */
function iamApi(client, iamEndpoint, region, mask) {
    return {
        async passwordToken(signIn) {
            const response = await client.send({
                operation: `Signing in as IAM user ${signIn.user}`,
                method: 'POST',
                url: (0,_rules_endpoint_js__WEBPACK_IMPORTED_MODULE_3__/* .endpointUrl */ .Pb)(iamEndpoint, '/v3/auth/tokens'),
                body: passwordTokenBody(signIn, region),
                unreachable: (0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .unreachableHint */ .qk)('iam_endpoint'),
            });
            const token = subjectToken(response, mask);
            if (token)
                return token;
            throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .requestError */ .Un)(response, (status) => passwordHint(status, signIn, region));
        },
        async federatedToken(idpId, idToken, tokenName) {
            const response = await client.send({
                operation: `Exchanging ${tokenName} through identity provider ${idpId}`,
                method: 'POST',
                url: (0,_rules_endpoint_js__WEBPACK_IMPORTED_MODULE_3__/* .endpointUrl */ .Pb)(iamEndpoint, '/v3.0/OS-AUTH/id-token/tokens'),
                body: idTokenBody(idToken, region),
                unreachable: (0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .unreachableHint */ .qk)('iam_endpoint'),
                authenticate: (request) => ({ ...request.headers, 'X-Idp-Id': idpId }),
            });
            const token = subjectToken(response, mask);
            if (token)
                return token;
            const claims = idTokenClaims(idToken);
            throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .requestError */ .Un)(response, (status, detail) => oidcHint(status, detail, idpId, claims, Date.now()));
        },
    };
}
function passwordHint(status, signIn, region) {
    switch (status) {
        case 400:
        case 404:
            return `Check region: the token is scoped to the project "${region}" of account ${signIn.domain}.`;
        case 401:
            return (`IAM refused the password of user "${signIn.user}" in account "${signIn.domain}": check iam_domain (the account ` +
                'name, not the user name), iam_user and iam_password, that the user has programmatic access, and that it is not locked.');
        case 403:
            return "IAM does not let this user obtain a token: check the account's login protection and access policies.";
        default:
            return (0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .isSuccessStatus */ .ar)(status) ? 'IAM answered without an X-Subject-Token header.' : '';
    }
}
function oidcHint(status, detail, idpId, claims, now) {
    if (status === 404) {
        return (`IAM has no identity provider "${idpId}": check idp_id against IAM's Identity Providers, and that ` +
            'region (or iam_endpoint) is of the account that holds it.');
    }
    if ((0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .isSuccessStatus */ .ar)(status))
        return 'IAM answered without an X-Subject-Token header.';
    // The claims come from the token's issuer: shown only as clean text.
    const audience = (0,_rules_server_text_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanServerText */ .Ct)(Array.isArray(claims.aud) ? claims.aud.join(', ') : String(claims.aud ?? 'unknown'), 120);
    const issuer = claims.iss === undefined ? 'an unknown issuer' : (0,_rules_server_text_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanServerText */ .Ct)(String(claims.iss), 120);
    const exp = typeof claims.exp === 'number' && Math.abs(claims.exp) < 8e12 ? claims.exp : undefined;
    const expires = exp === undefined ? 'unknown' : new Date(exp * 1000).toISOString();
    const facts = `The ID token was issued by ${issuer} for the audience "${audience}", valid until ${expires}.`;
    const message = (detail.message ?? '').toLowerCase();
    let advice;
    if (exp !== undefined && exp * 1000 <= now) {
        advice = "It has expired: check the runner's clock.";
    }
    else if (/\baud|audience|client/.test(message)) {
        advice =
            "The audience must equal the identity provider's client ID: set id_token_audience to the client ID, " +
                `or set the client ID to "${audience}".`;
    }
    else if (/\biss|issuer/.test(message)) {
        advice = `The identity provider's issuer (identity provider URL) must be ${GITHUB_ISSUER}.`;
    }
    else if (/expire/.test(message)) {
        advice = "It has expired: check the runner's clock, and that the token is used as soon as it is issued.";
    }
    else if (status === 403) {
        advice =
            "The identity provider's identity conversion rules grant this token no access: check them against its claims.";
    }
    else {
        advice =
            `Check the identity provider's client ID (must be "${audience}"), its issuer (${GITHUB_ISSUER}) ` +
                'and its identity conversion rules.';
    }
    return `IAM rejected the ID token. ${facts} ${advice}`;
}
/**
 * The ID of the project named after the region, for Enterprise Edition's paths: IAM's project list filtered by name,
 * read with the run's own credentials (docs/api-notes.md, "Enterprise Edition").
 */
async function projectIdOf(client, iamEndpoint, region, authenticate) {
    const response = await client.send({
        operation: `Looking up the project ID of ${region}`,
        method: 'GET',
        url: (0,_rules_endpoint_js__WEBPACK_IMPORTED_MODULE_3__/* .endpointUrl */ .Pb)(iamEndpoint, `/v3/projects?name=${encodeURIComponent(region)}`),
        authenticate,
        unreachable: (0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .unreachableHint */ .qk)('iam_endpoint'),
    });
    if (!(0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .isSuccess */ .oJ)(response)) {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .requestError */ .Un)(response, () => 'Give the project ID in the input project_id, or let the credentials list IAM projects.');
    }
    let projects;
    try {
        projects = JSON.parse(response.body)?.projects;
    }
    catch {
        projects = undefined;
    }
    const found = Array.isArray(projects)
        ? projects.find((project) => project?.name === region)
        : undefined;
    if (typeof found?.id !== 'string' || !/^[0-9a-f]{32}$/.test(found.id)) {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, `a project list with the project ${region}`);
    }
    return found.id;
}


/***/ })

};
;