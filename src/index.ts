import './core/wasm-baseline.js'
import { run } from './main.js'

await run()
