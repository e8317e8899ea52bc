export const id = 647;
export const ids = [647];
export const modules = {

/***/ 7647:
/***/ ((__unused_webpack_module, __webpack_exports__, __webpack_require__) => {

__webpack_require__.r(__webpack_exports__);
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0__ = __webpack_require__(8877);
/* harmony import */ var node_v8__WEBPACK_IMPORTED_MODULE_0___default = /*#__PURE__*/__webpack_require__.n(node_v8__WEBPACK_IMPORTED_MODULE_0__);

// undici parses HTTP with llhttp compiled to WebAssembly. Once a parser function has run enough,
// V8 recompiles it with TurboFan in the background, and the process cannot exit before that job
// ends: ~40 ms at the end of a short run (npm run bench). A tier-up budget out of reach keeps the
// baseline code, plenty for a handful of responses. undici compiles its parser as soon as it is
// loaded, so this module is imported before anything else.
(0,node_v8__WEBPACK_IMPORTED_MODULE_0__.setFlagsFromString)('--wasm-tiering-budget=2000000000');


/***/ })

};
