"use strict";
exports.id = 686;
exports.ids = [686];
exports.modules = {

/***/ 686:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   parseRepositoriesFile: () => (/* binding */ parseRepositoriesFile)
/* harmony export */ });
/* harmony import */ var yaml__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8815);
// The repositories file (repositories_file): per repository, the settings the inputs take, with defaults at the
// top, in YAML; its form is published as repositories.schema.json. Every problem names the file, the line and the
// key. Loaded only by a run that gives the file (the YAML parser is not small).

/** A value as an input's text: a list one item a line, a boolean or number as written. */
function asInputText(node) {
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node))
        return node.value === null ? '' : String(node.value);
    if ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isSeq */ .oP)(node) && node.items.every(yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn))
        return node.items.map((item) => String(item.value)).join('\n');
    return undefined;
}
/** The repositories of the file, or every problem with it. `keys` are the settings a repository may have. */
function parseRepositoriesFile(text, file, keys) {
    const lines = new yaml__WEBPACK_IMPORTED_MODULE_0__/* .LineCounter */ .HN();
    const document = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .parseDocument */ .Tp)(text, { lineCounter: lines, uniqueKeys: true });
    const lineOf = (node) => lines.linePos(node.range?.[0] ?? 0).line;
    const problems = document.errors.map((error) => `${file} line ${error.linePos?.[0].line ?? 1}: ${error.message.split('\n')[0]}`);
    if (problems.length > 0)
        return problems;
    const root = document.contents;
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(root))
        return [`${file}: the file is a map with "repositories" (and, optionally, "defaults").`];
    const settings = (node, where) => {
        const found = new Map();
        if (node === null || node === undefined || ((0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(node) && node.value === null))
            return found;
        if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(node)) {
            problems.push(`${file} line ${lineOf(node)}: ${where} is a map of settings.`);
            return found;
        }
        for (const pair of node.items) {
            const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : '';
            const line = lineOf(pair.key);
            if (!keys.includes(key)) {
                problems.push(`${file} line ${line}: ${where} has the key ${JSON.stringify(key)}, which is not a setting. Accepted: ${keys.join(', ')}.`);
                continue;
            }
            const value = asInputText(pair.value);
            if (value === undefined)
                problems.push(`${file} line ${line}: ${where}.${key} is a value or a list of values.`);
            else
                found.set(key, { value, line });
        }
        return found;
    };
    for (const pair of root.items) {
        const key = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : '';
        if (key !== 'defaults' && key !== 'repositories') {
            problems.push(`${file} line ${lineOf(pair.key)}: the key ${JSON.stringify(key)} is not taken: "defaults" and "repositories" are.`);
        }
    }
    const defaults = settings(root.get('defaults', true), 'defaults');
    const listed = root.get('repositories', true);
    if (!(0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isMap */ .jh)(listed) || listed.items.length === 0) {
        problems.push(`${file}: "repositories" is a map of repository names, each with its settings (or none).`);
        return problems;
    }
    const repositories = listed.items.map((pair) => {
        const name = (0,yaml__WEBPACK_IMPORTED_MODULE_0__/* .isScalar */ .jn)(pair.key) ? String(pair.key.value) : '';
        const own = settings(pair.value, `repositories.${name}`);
        return { name, line: lineOf(pair.key), values: new Map([...defaults, ...own]) };
    });
    return problems.length > 0 ? problems : repositories;
}


/***/ })

};
;