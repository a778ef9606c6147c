// Sum the gates and every suite's results into the one line CI reads: "N passed, N failed".
// A suite whose report is missing (it crashed before reporting) counts as one failure.
import { existsSync, readFileSync } from 'node:fs'

const [gatePassed, gateFailed, vitestFile, playwrightFile] = process.argv.slice(2)
let passed = Number(gatePassed)
let failed = Number(gateFailed)

if (existsSync(vitestFile)) {
  const report = JSON.parse(readFileSync(vitestFile, 'utf8'))
  passed += report.numPassedTests
  failed += report.numFailedTests
  // a file that failed to load has no tests but is a failure
  failed += report.testResults.filter((f) => f.status === 'failed' && f.assertionResults.length === 0).length
} else failed += 1

if (existsSync(playwrightFile)) {
  const report = JSON.parse(readFileSync(playwrightFile, 'utf8'))
  passed += report.stats.expected + report.stats.flaky
  failed += report.stats.unexpected
  if ((report.errors ?? []).length) failed += 1
} else failed += 1

console.log(`${passed} passed, ${failed} failed`)
process.exit(failed > 0 || passed === 0 ? 1 : 0)
