"use strict";
exports.id = 563;
exports.ids = [563];
exports.modules = {

/***/ 7563:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   METADATA_ENDPOINT: () => (/* binding */ METADATA_ENDPOINT),
/* harmony export */   instanceCredentials: () => (/* binding */ instanceCredentials)
/* harmony export */ });
/* harmony import */ var _api_client_js__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(1268);
/* harmony import */ var _request_error_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(9610);
// The metadata service of the ECS or BMS the job runs on (docs/api-notes.md, "Instance metadata"): the temporary
// access key of the agency bound to the instance. The session token is asked for first, as Huawei's SDKs do; a
// service without that endpoint is asked plainly. Every secret is masked the moment it is read.


/** Where the metadata service is on every ECS and BMS. */
const METADATA_ENDPOINT = 'http://169.254.169.254';
/** How long the session token is asked for: longer than any job's use of it. */
const TOKEN_TTL_SECONDS = 21600;
/** Nothing answers at the metadata address: not an instance of Huawei Cloud, or a container cut off from it. */
const UNREACHABLE = 'instance_credentials needs the metadata service of an ECS or BMS (169.254.169.254), and none answered: this ' +
    "machine is not an ECS or BMS of Huawei Cloud, or this container does not share the host's network (run it with " +
    'the host network). Or sign in another way and set instance_credentials to false.';
const NO_AGENCY = /Please configure Cloud Service Agency first/i;
/**
 * What the token path answers where no session token is needed: the Python SDK reads 404, 405 and 503 so, the Go SDK
 * 404 and 405 (docs/api-notes.md, "Instance metadata").
 */
const NO_TOKEN_STATUSES = [404, 405, 503];
const SESSION_TOKEN = /^[\x21-\x7e]{1,4096}$/;
const ACCESS_KEY = /^[A-Za-z0-9]{8,128}$/;
const SECRET = /^[\x21-\x7e]{8,1024}$/;
const SECURITY_TOKEN = /^[A-Za-z0-9+/=_.-]{8,16384}$/;
/** The agency's temporary access key, signed with its security token. */
async function instanceCredentials(client, endpoint, mask, now = Date.now) {
    const url = (path) => new URL(path, endpoint);
    const tokenAnswer = await client.send({
        operation: 'Asking the instance metadata service for a session token',
        method: 'PUT',
        url: url('/meta-data/latest/api/token'),
        authenticate: (request) => ({ ...request.headers, 'X-Metadata-Token-Ttl-Seconds': String(TOKEN_TTL_SECONDS) }),
        unreachable: UNREACHABLE,
        // A service without a token endpoint answers one of these at once: asking again would not change it.
        finalStatuses: NO_TOKEN_STATUSES,
    });
    let sessionToken;
    if ((0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .isSuccess */ .oJ)(tokenAnswer)) {
        sessionToken = tokenAnswer.body.trim();
        // Masked before it is checked, and never quoted: whatever came is treated as the secret it should be.
        mask(sessionToken);
        if (!SESSION_TOKEN.test(sessionToken)) {
            throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(tokenAnswer, 'a session token', 'it is empty, too long, or has characters no token has');
        }
    }
    else if (!NO_TOKEN_STATUSES.includes(tokenAnswer.status)) {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .requestError */ .Un)(tokenAnswer, () => metadataHint(tokenAnswer));
    }
    const keyAnswer = await client.send({
        operation: 'Reading the agency’s temporary access key from the instance metadata service',
        method: 'GET',
        url: url('/openstack/latest/securitykey'),
        authenticate: (request) => ({ ...request.headers, ...(sessionToken ? { 'X-Metadata-Token': sessionToken } : {}) }),
        unreachable: UNREACHABLE,
    });
    if (!(0,_api_client_js__WEBPACK_IMPORTED_MODULE_0__/* .isSuccess */ .oJ)(keyAnswer))
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .requestError */ .Un)(keyAnswer, () => metadataHint(keyAnswer));
    return readSecurityKey(keyAnswer, mask, now);
}
/** A key the service hands out lasts about an hour; one that claims to last longer than this is not believed. */
const MAX_KEY_LIFETIME_MS = 24 * 3600 * 1000;
/** A key that expires sooner than this could expire while the run uses it. */
const MIN_KEY_LIFETIME_MS = 60 * 1000;
function readSecurityKey(response, mask, now) {
    let credential;
    try {
        credential = JSON.parse(response.body)?.credential;
    }
    catch {
        credential = undefined;
    }
    const { access, secret, securitytoken, expires_at: expiresAt } = credential ?? {};
    // Masked before they are checked, the key's ID too (as the input access_key_id is): no message may carry them.
    for (const value of [access, secret, securitytoken])
        if (typeof value === 'string' && value.length >= 4)
            mask(value);
    const valid = typeof access === 'string' &&
        ACCESS_KEY.test(access) &&
        typeof secret === 'string' &&
        SECRET.test(secret) &&
        typeof securitytoken === 'string' &&
        SECURITY_TOKEN.test(securitytoken);
    if (!valid) {
        // The problem is named, not shown: the body holds the secrets.
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'a temporary access key ({"credential": {"access", "secret", "securitytoken", "expires_at"}})', 'its credential is missing, or not of a temporary access key’s form');
    }
    checkExpiry(response, expiresAt, now());
    return {
        kind: 'access-key',
        accessKeyId: access,
        secretAccessKey: secret,
        securityToken: securitytoken,
        source: 'the agency of this ECS or BMS (instance metadata)',
    };
}
/**
 * The key's expires_at (e.g. "2026-12-04T03:18:44.382000Z"), read before the key is used: an expired key would be
 * refused by SWR with a 401 that points at inputs the workflow never gave.
 */
function checkExpiry(response, expiresAt, now) {
    const time = typeof expiresAt === 'string' && /^\d{4}-\d{2}-\d{2}T[\d:.]+(?:Z|[+-]\d{2}:?\d{2})$/.test(expiresAt);
    const expiry = time ? Date.parse(expiresAt) : Number.NaN;
    if (Number.isNaN(expiry)) {
        throw (0,_request_error_js__WEBPACK_IMPORTED_MODULE_1__/* .unexpectedBody */ .Eu)(response, 'a temporary access key', 'its expires_at is missing or not a time');
    }
    const shown = new Date(expiry).toISOString();
    if (expiry - now < MIN_KEY_LIFETIME_MS) {
        throw new Error(`The instance metadata service gave a temporary access key that expired at ${shown} (or expires within a ` +
            "minute): the instance's clock, or its metadata service, is wrong. Check the instance's time " +
            "synchronisation, or restart the instance's metadata agent; then run the job again.");
    }
    if (expiry - now > MAX_KEY_LIFETIME_MS) {
        throw new Error(`The instance metadata service gave a temporary access key that claims to last until ${shown}, more than 24 ` +
            "hours from now, which no agency's key does: the instance's clock, or the service answering at the " +
            'metadata address, is not what it should be. Check both before trusting this machine with credentials.');
    }
}
/** What to do about a refusal of the metadata service. */
function metadataHint(response) {
    if (response.status === 401 && NO_AGENCY.test(response.body)) {
        return ('No agency is bound to this instance: in the ECS console, create an agency for ECS with the SWR permissions ' +
            'this step needs (see "Permissions" in the README), and bind it to the instance (Management Information → ' +
            'Agency). Or sign in another way and set instance_credentials to false.');
    }
    if (response.status === 401 || response.status === 403) {
        return ("The metadata service refused the request: the instance's metadata options may require a session token " +
            'this job could not get, or disable the metadata service. Check them (metadata_options of the instance).');
    }
    if (response.status === 404) {
        return 'The metadata service has no security key: the metadata service may be disabled for this instance.';
    }
    return '';
}


/***/ })

};
;