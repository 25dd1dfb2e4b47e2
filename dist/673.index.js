"use strict";
exports.id = 673;
exports.ids = [673];
exports.modules = {

/***/ 9673:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony export */ __webpack_require__.d(__webpack_exports__, {
/* harmony export */   readRepositoriesFile: () => (/* binding */ readRepositoriesFile)
/* harmony export */ });
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(3024);
/* harmony import */ var node_fs__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_fs__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_1___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_1__);
/* harmony import */ var _rules_server_text_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(2834);
// The repositories file, read from the workspace: a regular file of at most 1 MiB, or an error naming it.



const MAX_FILE_BYTES = 1024 * 1024;
/** The file's text; `workspace` is where a relative path starts (GITHUB_WORKSPACE, else the working folder). */
function readRepositoriesFile(path, workspace) {
    const full = (0,node_path__WEBPACK_IMPORTED_MODULE_1__.isAbsolute)(path) ? path : (0,node_path__WEBPACK_IMPORTED_MODULE_1__.resolve)(workspace, path);
    const shown = (0,_rules_server_text_js__WEBPACK_IMPORTED_MODULE_2__/* .cleanServerText */ .Ct)(path);
    try {
        const descriptor = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.openSync)(full, node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_RDONLY | node_fs__WEBPACK_IMPORTED_MODULE_0__.constants.O_NONBLOCK);
        try {
            if (!(0,node_fs__WEBPACK_IMPORTED_MODULE_0__.fstatSync)(descriptor).isFile())
                throw Object.assign(new Error('not a file'), { code: 'ENOTFILE' });
            const buffer = Buffer.alloc(MAX_FILE_BYTES + 1);
            const size = (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.readSync)(descriptor, buffer, 0, buffer.length, 0);
            if (size > MAX_FILE_BYTES)
                throw Object.assign(new Error('too large'), { code: 'EFBIG' });
            return buffer.subarray(0, size).toString('utf8');
        }
        finally {
            (0,node_fs__WEBPACK_IMPORTED_MODULE_0__.closeSync)(descriptor);
        }
    }
    catch (error) {
        const code = error.code;
        const why = code === 'ENOENT'
            ? 'does not exist (a relative path starts at the workspace: check out the repository first)'
            : code === 'EFBIG'
                ? 'is larger than 1 MiB'
                : code === 'ENOTFILE'
                    ? 'is not a regular file'
                    : `cannot be read (${code ?? 'an error'})`;
        throw new Error(`Input repositories_file ${shown} ${why}.`, { cause: error });
    }
}


/***/ })

};
;