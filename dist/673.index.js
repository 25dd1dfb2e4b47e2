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
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(6760);
/* harmony import */ var node_path__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_path__WEBPACK_IMPORTED_MODULE_0__);
/* harmony import */ var _rules_server_text_js__WEBPACK_IMPORTED_MODULE_1__ = __webpack_require__(2834);
/* harmony import */ var _small_file_js__WEBPACK_IMPORTED_MODULE_2__ = __webpack_require__(4378);
// The repositories file, read from the workspace: a regular file of at most 1 MiB, or an error naming it.



const MAX_FILE_BYTES = 1024 * 1024;
/** The file's text; `workspace` is where a relative path starts (GITHUB_WORKSPACE, else the working folder). */
function readRepositoriesFile(path, workspace) {
    const full = (0,node_path__WEBPACK_IMPORTED_MODULE_0__.isAbsolute)(path) ? path : (0,node_path__WEBPACK_IMPORTED_MODULE_0__.resolve)(workspace, path);
    const shown = (0,_rules_server_text_js__WEBPACK_IMPORTED_MODULE_1__/* .cleanServerText */ .Ct)(path);
    try {
        return (0,_small_file_js__WEBPACK_IMPORTED_MODULE_2__/* .readSmallFile */ .E)(full, MAX_FILE_BYTES);
    }
    catch (error) {
        const why = (0,_small_file_js__WEBPACK_IMPORTED_MODULE_2__/* .whyUnread */ .M)(error, {
            ENOENT: 'does not exist (a relative path starts at the workspace: check out the repository first)',
            EFBIG: 'is larger than 1 MiB',
        });
        throw new Error(`Input repositories_file ${shown} ${why}.`, { cause: error });
    }
}


/***/ })

};
;