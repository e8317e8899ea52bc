// Preloaded into a measured process (NODE_OPTIONS=--import): on exit, writes its peak RSS and
// every file module it loaded to the file named by BENCH_REPORT.
import { registerHooks } from 'node:module'
import { writeFileSync } from 'node:fs'

const loaded = []
registerHooks({
  load(url, context, nextLoad) {
    if (url.startsWith('file:')) loaded.push(url)
    return nextLoad(url, context)
  }
})
process.on('exit', () => {
  const report = {
    maxRssKiB: process.resourceUsage().maxRSS,
    loaded: loaded.filter((url) => !url.endsWith('/measure.mjs'))
  }
  writeFileSync(process.env.BENCH_REPORT, JSON.stringify(report))
})
