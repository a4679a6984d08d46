import { writeFileSync } from 'fs';
import * as path from 'path';
import { readdirSync } from 'fs';
// mocha 11: the last major that runs as CommonJS inside the extension host.
import Mocha = require('mocha');

/**
 * Entry point of the extension-host suite (the module @vscode/test-electron calls extensionTestsPath).
 * Writes a summary for the harness, which refuses a run that executed no test.
 */
export function run(): Promise<void> {
  const mocha = new Mocha({ ui: 'bdd', color: false, timeout: 30000, reporter: 'spec' });
  for (const f of readdirSync(__dirname).sort()) if (f.endsWith('.test.js')) mocha.addFile(path.join(__dirname, f));
  return new Promise((resolve, reject) => {
    const runner = mocha.run((failures) => {
      const stats = runner.stats ?? { passes: 0, failures, pending: 0, tests: 0 };
      const summary = { passed: stats.passes, failed: stats.failures, pending: stats.pending, total: stats.tests };
      const file = process.env['POLICY_LENS_E2E_SUMMARY'];
      if (file) writeFileSync(file, JSON.stringify(summary));
      console.log(`extension-host suite: ${summary.passed} passed, ${summary.failed} failed`);
      if (failures) reject(new Error(`${failures} extension-host test(s) failed`));
      else resolve();
    });
  });
}
