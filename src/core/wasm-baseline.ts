import { setFlagsFromString } from 'node:v8'

// undici parses HTTP with llhttp compiled to WebAssembly. Once a parser function has run enough,
// V8 recompiles it with TurboFan in the background, and the process cannot exit before that job
// ends: ~40 ms at the end of a short run (npm run bench). A tier-up budget out of reach keeps the
// baseline code, plenty for a handful of responses. undici compiles its parser as soon as it is
// loaded, so this module is imported before anything else.
setFlagsFromString('--wasm-tiering-budget=2000000000')
