import { writeFileSync } from 'fs';
import * as path from 'path';
import { readdirSync } from 'fs';
// mocha 11: the last major that runs as CommonJS inside the extension host.
import Mocha from 'mocha';

/**
 * Entry point of the extension-host suite (the module @vscode/test-electron calls extensionTestsPath).
 * Writes a summary for the harness, which refuses a run that executed no test.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 60000, reporter: 'spec' });
  // POLICY_LENS_E2E_GREP: run only the tests whose title matches (while working on one of them).
  const grep = process.env['POLICY_LENS_E2E_GREP'];
  if (grep) mocha.grep(grep);
  // The untrusted pass (restricted mode) runs only the suite written for it; the others never run it.
  const untrusted = process.env['POLICY_LENS_E2E_TRUST'] === 'untrusted';
  for (const f of readdirSync(__dirname).sort()) if (f.endsWith('.test.js') && (f === 'untrusted.test.js') === untrusted) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const failed: { title: string; error: string }[] = [];
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
      // Contract with scripts/e2e/summary.js: total counts the tests that ran (pending excluded).
      const summary = { total: stats.passes + stats.failures, passed: stats.passes, failed: stats.failures, pending: stats.pending, failures: failed };
      const file = process.env['POLICY_LENS_E2E_SUMMARY'];
      if (file) writeFileSync(file, JSON.stringify(summary));
      console.log(`extension-host suite: ${summary.passed} passed, ${summary.failed} failed`);
      if (failures) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
    runner.on('fail', (test, err: Error) => failed.push({ title: test.fullTitle(), error: String(err?.message ?? err) }));
  });
}
