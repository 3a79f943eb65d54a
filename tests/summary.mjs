// Sums the runners' reports into one closing line: "N passed, N failed, N skipped". Exit 1 on any failure.
import { existsSync, readFileSync } from "node:fs";

let passed = 0;
let failed = 0;
let skipped = 0;
for (const file of process.argv.slice(2)) {
  if (!existsSync(file)) {
    console.log(`missing report: ${file}`);
    failed += 1;
    continue;
  }
  if (file.endsWith(".txt")) {
    for (const line of readFileSync(file, "utf8").split("\n").filter(Boolean)) {
      if (line.startsWith("pass ")) passed += 1;
      else failed += 1;
    }
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  if (report.stats && "expected" in report.stats) {
    passed += report.stats.expected + report.stats.flaky;
    failed += report.stats.unexpected;
    skipped += report.stats.skipped;
    if (report.errors?.length) failed += report.errors.length;
  } else {
    passed += report.numPassedTests;
    failed += report.numFailedTests;
    // A test file that fails to load has no failed tests, only a failed suite.
    if (!report.success && report.numFailedTests === 0) failed += Math.max(1, report.numFailedTestSuites);
    skipped += report.numPendingTests + report.numTodoTests;
  }
}
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exitCode = failed > 0 ? 1 : 0;
