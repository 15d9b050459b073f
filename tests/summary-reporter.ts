import type { Reporter, TestModule } from 'vitest/node';

/** Ends the run with one plain line, `Tests: N passed, N failed, N skipped`, that CI logs can read (and one more when the PostgreSQL tests skipped). */
export default class SummaryReporter implements Reporter {
  onTestRunEnd(modules: ReadonlyArray<TestModule>) {
    const count = { passed: 0, failed: 0, skipped: 0 };
    for (const m of modules)
      for (const t of m.children.allTests()) {
        const state = t.result().state;
        if (state === 'passed') count.passed++;
        else if (state === 'failed') count.failed++;
        else count.skipped++;
      }
    console.log(`\nTests: ${count.passed} passed, ${count.failed} failed, ${count.skipped} skipped`);
    if (!process.env.TEST_DATABASE_URL && modules.some((m) => m.moduleId.includes('/tests/pg/') || m.moduleId.includes('/tests/api/')))
      console.log(
        'PostgreSQL skipped: TEST_DATABASE_URL is not set, so tests/pg and the API and CLI passes on PostgreSQL did not run (scripts/pg-cluster.sh run -- npx vitest run tests/pg tests/api tests/cli).',
      );
  }
}
