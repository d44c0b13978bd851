// Prints the one plain line CI reads: "N passed, N failed". A suite that could not run at all
// (a syntax error, a failing beforeAll) counts as one failure, so a broken file never hides.
export default class SummaryReporter {
  onRunComplete(_contexts, results) {
    const brokenSuites = results.testResults.filter(
      (suite) => suite.testExecError || (suite.failureMessage && suite.numFailingTests === 0),
    ).length;
    const failed = results.numFailedTests + brokenSuites;
    process.stdout.write(`\n${results.numPassedTests} passed, ${failed} failed\n`);
  }
}
