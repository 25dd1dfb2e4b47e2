"use strict";
exports.id = 192;
exports.ids = [192];
exports.modules = {

/***/ 4192:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {


// EXPORTS
__webpack_require__.d(__webpack_exports__, {
  logIn: () => (/* binding */ logIn)
});

// EXTERNAL MODULE: external "node:fs"
var external_node_fs_ = __webpack_require__(3024);
// EXTERNAL MODULE: external "node:path"
var external_node_path_ = __webpack_require__(6760);
// EXTERNAL MODULE: ./src/rules/endpoint.ts
var endpoint = __webpack_require__(8474);
// EXTERNAL MODULE: ./src/rules/registry-login.ts
var registry_login = __webpack_require__(7060);
// EXTERNAL MODULE: external "node:child_process"
var external_node_child_process_ = __webpack_require__(1421);
// EXTERNAL MODULE: ./src/rules/server-text.ts
var server_text = __webpack_require__(2834);
;// CONCATENATED MODULE: ./src/clients/tool-process.ts
// Running a local tool (the Docker CLI, a credential helper) as a child process that learns no more than it needs:
// its environment stripped of every secret of the step, secrets fed on standard input only, its output bounded and
// cleaned of secrets before anything is cut or shown, and a hard end when it outlives its time.


/** The step's own variables that hold or lead to credentials: inputs, post-step state, sign-in conventions. */
const SECRET_VARIABLES = /^(?:INPUT_|STATE_|HUAWEI_CLOUD_|HUAWEICLOUD_SDK_|HW_(?:ACCESS|SECRET|SECURITY)|ACTIONS_ID_TOKEN_REQUEST_|ACTIONS_RUNTIME_TOKEN$|GITHUB_TOKEN$)/i;
/** The environment a tool gets: the step's, less its secrets (by name, and any value holding a secret the run knows). */
function toolEnvironment(env) {
    const kept = {};
    for (const [name, value] of Object.entries(env)) {
        if (value !== undefined && !SECRET_VARIABLES.test(name) && !(0,server_text/* containsSecret */.At)(value))
            kept[name] = value;
    }
    return kept;
}
/** What is kept of a tool's output: its end, where the reason for a failure stands. */
const OUTPUT_KEPT = 64 * 1024;
/** After the time is up, SIGTERM; after this grace, SIGKILL. */
const KILL_GRACE_MS = 2_000;
/** The end of a stream, bounded; a first line cut by the bound is dropped whole, since a secret may straddle it. */
class Tail {
    text = '';
    cut = false;
    add(chunk) {
        this.text += chunk;
        if (this.text.length > OUTPUT_KEPT) {
            this.text = this.text.slice(-OUTPUT_KEPT);
            this.cut = true;
        }
    }
    /** The text with every known secret removed, and a partial first line dropped. */
    clean() {
        const text = this.cut ? this.text.slice(this.text.indexOf('\n') + 1 || this.text.length) : this.text;
        return (0,server_text/* withoutSecrets */.cT)(text);
    }
}
/** The tool's own reason for failing: its last non-empty line, made one safe line. */
function reasonOf(output) {
    const last = output
        .split(/\r?\n/)
        .map((line) => line.trim())
        .filter(Boolean)
        .at(-1);
    return last ? (0,server_text/* cleanServerText */.Ct)(last) : 'it printed nothing';
}
/** Runs the tool; resolves with what it printed on standard output (secrets removed), or fails with its reason. */
function tool_process_runTool(command, args, { input = '', timeoutMs, env }) {
    const name = [command.split(/[\\/]/).at(-1), args[0]].filter(Boolean).join(' ');
    return new Promise((resolve, reject) => {
        const child = (0,external_node_child_process_.spawn)(command, args, { env: toolEnvironment(env), stdio: 'pipe', windowsHide: true });
        const stdout = new Tail();
        const stderr = new Tail();
        child.stdout.setEncoding('utf8').on('data', (chunk) => stdout.add(chunk));
        child.stderr.setEncoding('utf8').on('data', (chunk) => stderr.add(chunk));
        let settled = false;
        let expired = false;
        const settle = (error) => {
            if (settled)
                return;
            settled = true;
            clearTimeout(timer);
            clearTimeout(killer);
            if (error)
                reject(error);
            else
                resolve(stdout.clean());
        };
        let killer;
        const timer = setTimeout(() => {
            expired = true;
            child.kill('SIGTERM');
            killer = setTimeout(() => child.kill('SIGKILL'), KILL_GRACE_MS);
        }, timeoutMs);
        child.on('error', (error) => settle(new Error(`${name} could not be run: ${(0,server_text/* cleanServerText */.Ct)(error.message)}`)));
        // After a kill, a grandchild may still hold the pipes open: the tool's own end is the end.
        child.on('exit', () => {
            if (!expired)
                return;
            child.stdout.destroy();
            child.stderr.destroy();
            settle(new Error(`${name} did not finish within ${timeoutMs / 1000} s and was stopped.`));
        });
        child.on('close', (code) => {
            if (code === 0)
                return settle();
            const said = reasonOf(stderr.clean() || stdout.clean());
            settle(new Error(`${name} failed (exit code ${code ?? 'none: ended by a signal'}): ${said}`));
        });
        child.stdin.on('error', () => undefined);
        child.stdin.end(input);
    });
}

;// CONCATENATED MODULE: ./src/clients/docker-cli.ts
// The Docker CLI and the credential helper behind a credentials store, for configs that keep logins there: only the
// CLI hands a login to the store, and only the helper tells (without a secret) which user a registry's login is.
// Secrets go on standard input, never on the command line; a host always comes after "--".





/** Where a command is on PATH, if anywhere (with Windows' executable extensions). */
function findOnPath(command, env) {
    const extensions = process.platform === 'win32' ? (env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';') : [''];
    for (const folder of (env.PATH ?? env.Path ?? '').split(external_node_path_.delimiter)) {
        for (const extension of extensions) {
            const candidate = (0,external_node_path_.join)(folder, `${command}${extension.toLowerCase()}`);
            if (folder && (0,external_node_fs_.existsSync)(candidate))
                return candidate;
        }
    }
    return undefined;
}
function checkedHost(host) {
    if (!(0,endpoint/* isRegistryHost */.EV)(host))
        throw new Error(`"${host.slice(0, 80)}" is not a registry host`);
    return host;
}
async function dockerLogin(docker, host, username, password, options) {
    await tool_process_runTool(docker, ['login', '--username', username, '--password-stdin', '--', checkedHost(host)], {
        ...options,
        input: password,
    });
}
async function dockerLogout(docker, host, options) {
    await runTool(docker, ['logout', '--', checkedHost(host)], options);
}
/**
 * A credentials store, through its helper `docker-credential-NAME` (Docker's credential helper protocol): `list`
 * names each registry's user without a secret; `get` and `store` read and write one login.
 */
class CredentialHelper {
    store;
    command;
    options;
    constructor(store, command, options) {
        this.store = store;
        this.command = command;
        this.options = options;
    }
    static find(store, env, timeoutMs) {
        const command = (0,registry_login/* isStoreName */.nF)(store) ? findOnPath(`docker-credential-${store}`, env) : undefined;
        return command ? new CredentialHelper(store, command, { env, timeoutMs }) : undefined;
    }
    /** The user the store holds a login for at the host, if any. */
    async userAt(host) {
        const text = await tool_process_runTool(this.command, ['list'], this.options);
        let listed;
        try {
            listed = JSON.parse(text || '{}');
        }
        catch {
            throw new Error(`docker-credential-${this.store} list answered with something that is not JSON.`);
        }
        const user = listed?.[checkedHost(host)];
        return typeof user === 'string' ? user : undefined;
    }
    /** The whole login the store holds for the host, checked against the forms a registry login takes. */
    async get(host) {
        const text = await tool_process_runTool(this.command, ['get'], { ...this.options, input: checkedHost(host) });
        let value = {};
        try {
            value = JSON.parse(text) ?? {};
        }
        catch {
            // Reported below, without the text: it may hold the secret.
        }
        const { Username: username, Secret: secret } = value;
        if (typeof username !== 'string' || typeof secret !== 'string' || !usable(username, secret)) {
            throw new Error(`docker-credential-${this.store} get answered with a login this action cannot put back.`);
        }
        return { username, secret };
    }
    async put(host, login) {
        const input = JSON.stringify({ ServerURL: checkedHost(host), Username: login.username, Secret: login.secret });
        await tool_process_runTool(this.command, ['store'], { ...this.options, input });
    }
}
/** An identity token stands in for a password with the user "<token>"; both must be of a registry login's form. */
function usable(username, secret) {
    return (username === '<token>' || registry_login/* REGISTRY_USERNAME */.FV.test(username)) && registry_login/* REGISTRY_PASSWORD */._B.test(secret);
}

// EXTERNAL MODULE: external "node:crypto"
var external_node_crypto_ = __webpack_require__(7598);
// EXTERNAL MODULE: external "node:os"
var external_node_os_ = __webpack_require__(8161);
// EXTERNAL MODULE: ./node_modules/proper-lockfile/index.js
var proper_lockfile = __webpack_require__(3648);
var proper_lockfile_default = /*#__PURE__*/__webpack_require__.n(proper_lockfile);
;// CONCATENATED MODULE: ./src/clients/docker-config.ts
// Docker's config file, where docker, buildx and the tools that read Docker's config (crane, skopeo, kaniko,
// buildah with it) find registry logins. On a self-hosted runner several jobs share it: it is changed only under a
// cross-process lock, only in the one entry this action owns, and every other key and entry is kept as it was.





/** $DOCKER_CONFIG/config.json, else config.json in .docker of the home folder (per OS, as Docker resolves it). */
function dockerConfigPath(env) {
    return (0,external_node_path_.join)(env.DOCKER_CONFIG || (0,external_node_path_.join)((0,external_node_os_.homedir)(), '.docker'), 'config.json');
}
/**
 * Where the config is, checked before any credential is made: DOCKER_CONFIG names a folder, and a config.json that
 * is a symbolic link is written through, as Docker writes it, never replaced by a file.
 */
function locateDockerConfig(path) {
    const folder = (0,external_node_path_.dirname)(path);
    if ((0,external_node_fs_.existsSync)(folder) && !(0,external_node_fs_.statSync)(folder).isDirectory()) {
        throw new Error(`Docker's config folder ${folder} (DOCKER_CONFIG, or .docker in the home folder) is a file, not a folder: ` +
            'Docker reads config.json inside it. Point DOCKER_CONFIG at a folder (it is created when missing).');
    }
    let target = path;
    if ((0,external_node_fs_.existsSync)(path) || isLink(path)) {
        if (isLink(path)) {
            try {
                target = (0,external_node_fs_.realpathSync)(path);
            }
            catch {
                throw new Error(`The Docker config file ${path} is a symbolic link to a file that does not exist: fix or remove the link.`);
            }
        }
        if (!(0,external_node_fs_.statSync)(target).isFile())
            throw new Error(`The Docker config file ${path} is not a file: remove it.`);
    }
    const existing = nearestExisting((0,external_node_path_.dirname)(target));
    try {
        (0,external_node_fs_.accessSync)(existing, external_node_fs_.constants.W_OK);
    }
    catch {
        throw new Error(`The Docker config file ${path} cannot be written: ${existing} is not writable by this user. Set ` +
            'DOCKER_CONFIG to a folder of the job (e.g. under RUNNER_TEMP).');
    }
    return { path, target };
}
function isLink(path) {
    try {
        return (0,external_node_fs_.lstatSync)(path).isSymbolicLink();
    }
    catch {
        return false;
    }
}
function nearestExisting(folder) {
    let current = folder;
    while (!(0,external_node_fs_.existsSync)(current) && (0,external_node_path_.dirname)(current) !== current)
        current = (0,external_node_path_.dirname)(current);
    return current;
}
/** The config as it is (empty when there is no file yet); an error naming the file when it is not a JSON object. */
function readDockerConfig(path) {
    if (!(0,external_node_fs_.existsSync)(path))
        return {};
    let text;
    try {
        text = (0,external_node_fs_.readFileSync)(path, 'utf8');
    }
    catch (error) {
        const code = error.code ?? 'an error';
        throw new Error(`The Docker config file ${path} cannot be read (${code}): fix its permissions or remove it.`, {
            cause: error,
        });
    }
    let config;
    try {
        config = text.trim() === '' ? {} : JSON.parse(text);
    }
    catch (error) {
        // Only the position: the parser's message may quote the file, and the file holds other logins.
        const where = /\(line \d+ column \d+\)/.exec(String(error))?.[0];
        throw new Error(`The Docker config file ${path} is not valid JSON${where ? ` ${where}` : ''}. It was left as it is: fix or ` +
            'remove it, or set DOCKER_CONFIG to another folder for this job.', { cause: error });
    }
    if (!config || typeof config !== 'object' || Array.isArray(config)) {
        throw new Error(`The Docker config file ${path} does not hold a JSON object. It was left as it is: fix or remove it.`);
    }
    return config;
}
/** Tabs, as Docker writes it; an error naming the file when the config cannot be written back whole. */
function serializeDockerConfig(config, path) {
    try {
        return `${JSON.stringify(config, null, '\t')}\n`;
    }
    catch (error) {
        throw new Error(`The Docker config file ${path} is nested too deeply to be written back: fix it, or set DOCKER_CONFIG to ` +
            'another folder for this job. It was left as it is.', { cause: error });
    }
}
/**
 * The credentials store that keeps logins for the host, when the config names one: Docker ignores an auths entry
 * then, so the login must go through the Docker CLI, which hands it to the store.
 */
function credentialStoreFor(config, host) {
    const helper = config.credHelpers && typeof config.credHelpers === 'object' ? config.credHelpers[host] : undefined;
    const store = typeof helper === 'string' && helper ? helper : config.credsStore;
    return typeof store === 'string' && store ? store : undefined;
}
function withEntry(config, host, entry) {
    const auths = config.auths && typeof config.auths === 'object' ? config.auths : {};
    return { ...config, auths: { ...auths, [host]: entry } };
}
const withLogin = (config, host, auth) => withEntry(config, host, { auth });
function withoutLogin(config, host) {
    const { [host]: _removed, ...auths } = config.auths ?? {};
    return { ...config, auths };
}
/** What the post step compares, so that the state never holds the credential itself. */
const fingerprint = (auth) => (0,external_node_crypto_.createHash)('sha256').update(auth).digest('hex');
/** The auth Docker would use for the host from this config, or undefined. */
function loginIn(config, host) {
    const auth = config.auths?.[host]?.auth;
    return typeof auth === 'string' ? auth : undefined;
}
/** The host's whole entry, when it holds a login (an auth, or a token Docker uses in its place). */
function entryIn(config, host) {
    const entry = config.auths?.[host];
    if (!entry || typeof entry !== 'object' || Array.isArray(entry))
        return undefined;
    const texts = Object.entries(entry).filter((pair) => typeof pair[1] === 'string');
    return texts.some(([name, value]) => value !== '' && name !== 'email') ? Object.fromEntries(texts) : undefined;
}
/** How long a change waits for another process's lock, and when a lock not kept fresh counts as abandoned. */
const LOCK_WAIT = { retries: 40, factor: 1.15, minTimeout: 20, maxTimeout: 800, randomize: true };
const LOCK_STALE_MS = 10_000;
/**
 * Changes the config under an exclusive lock shared with every other process of this action (config.json.lock, a
 * folder beside it): read, change, write, with no other job's change in between. The change sees the config as it
 * is at that moment and returns the new config, or undefined to leave the file alone. A lock left by a killed
 * process counts as abandoned once it is 10 s old.
 */
async function changeDockerConfig(file, change) {
    const folder = (0,external_node_path_.dirname)(file.target);
    (0,external_node_fs_.mkdirSync)(folder, { recursive: true, mode: 0o700 });
    let release;
    try {
        release = await proper_lockfile_default().lock(file.target, {
            realpath: false,
            stale: LOCK_STALE_MS,
            retries: LOCK_WAIT,
            // The change is short; were the lock ever taken over, the write below still replaces the file whole.
            onCompromised: () => undefined,
        });
    }
    catch (error) {
        throw new Error(`The Docker config file ${file.path} stayed locked by another process (${file.target}.lock) for over 15 s. ` +
            'If no job is using it, remove that folder.', { cause: error });
    }
    try {
        const next = change(readDockerConfig(file.target));
        if (next)
            writeDockerConfig(file, next);
    }
    finally {
        await release().catch(() => undefined);
    }
}
/**
 * Writes the whole config at once: to a temporary file beside the target, then renamed over it, so that a reader
 * never sees half a file. The file is readable by its owner only (0600); a folder made for it, by its owner only.
 */
function writeDockerConfig(file, config) {
    const text = serializeDockerConfig(config, file.path);
    const temporary = (0,external_node_path_.join)((0,external_node_path_.dirname)(file.target), `.config.json.${(0,external_node_crypto_.randomBytes)(6).toString('hex')}.tmp`);
    try {
        (0,external_node_fs_.writeFileSync)(temporary, text, { mode: 0o600 });
        (0,external_node_fs_.renameSync)(temporary, file.target);
    }
    catch (error) {
        (0,external_node_fs_.rmSync)(temporary, { force: true });
        throw error;
    }
}

// EXTERNAL MODULE: ./src/flow/login-state.ts
var login_state = __webpack_require__(6249);
;// CONCATENATED MODULE: ./src/flow/login.ts
// Logging the container tools in to the registry: one CreateSecret request, then the credential where Docker looks
// for it. Everything that could stop the login (a config that is not JSON or cannot be written back, a
// DOCKER_CONFIG that is a file, a credentials store without its CLI or helper) is found before the request, so no
// credential is made in vain, and nothing is written on any error. A login that was there before is kept for the
// post step to put back.



/** Where the login will go, with every check that could fail made now. */
async function destination(wish, env, mask) {
    const { host } = wish;
    const file = locateDockerConfig(dockerConfigPath(env));
    const config = readDockerConfig(file.target);
    serializeDockerConfig(withLogin(config, host, 'x'.repeat(64)), file.path);
    const store = credentialStoreFor(config, host);
    if (!store)
        return { file };
    const docker = findOnPath('docker', env);
    const helper = CredentialHelper.find(store, env, wish.timeoutMs);
    if (!docker || !helper) {
        const missing = !docker ? 'it is not on PATH' : `its helper docker-credential-${store} is not on PATH`;
        throw new Error(`The Docker config file ${file.path} keeps the logins for ${host} in the credentials store "${store}" ` +
            '(credsStore or credHelpers), where Docker looks instead of the file. Only the Docker CLI can put a login ' +
            `there, and ${missing}: install it, or set DOCKER_CONFIG to a folder of its own for this job.`);
    }
    let previous;
    if (await helper.userAt(host)) {
        previous = await helper.get(host).catch((error) => {
            throw new Error(`The credentials store "${store}" holds a login for ${host}, which this step would replace and could not ` +
                `put back after the job: ${error instanceof Error ? error.message : String(error)} Set DOCKER_CONFIG to a ` +
                'folder of its own for this job, or remove that login first.');
        });
        for (const secret of (0,login_state/* previousSecrets */.lg)(previous))
            mask(secret);
    }
    return { file, store: { docker, helper, previous } };
}
async function logIn(
/** The edition's temporary login to the host. */
createSecret, wish, { env, mask }) {
    const { host } = wish;
    const { file, store } = await destination(wish, env, mask);
    const secret = await createSecret();
    mask(secret.password);
    mask(secret.auth);
    if (store) {
        const { docker, helper, previous } = store;
        await dockerLogin(docker, host, secret.username, secret.password, { env, timeoutMs: wish.timeoutMs });
        const record = {
            via: 'docker-cli',
            host,
            configPath: file.path,
            store: helper.store,
            username: secret.username,
            previous,
        };
        return { secret, record, replaced: previous ? `the credentials store "${helper.store}"` : undefined };
    }
    // The entry that was there is read under the same lock as the write, so that no other job's change is lost.
    let previous;
    await changeDockerConfig(file, (config) => {
        previous = entryIn(config, host);
        for (const value of (0,login_state/* previousSecrets */.lg)(previous))
            mask(value);
        return withLogin(config, host, secret.auth);
    });
    const record = {
        via: 'config',
        host,
        configPath: file.path,
        fingerprint: fingerprint(secret.auth),
        previous,
    };
    return { secret, record, replaced: previous ? file.path : undefined };
}


/***/ })

};
;