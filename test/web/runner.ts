/**
 * A tiny test runner for the web worker (mocha's Node build needs `process` and files): tests are registered
 * in order, run one after the other, and the summary is printed in one line that scripts/e2e/web.js checks
 * again. run() throws on any failure, which is how @vscode/test-web learns of it.
 */
type Body = () => Promise<void> | void;

const tests: { name: string; body: Body }[] = [];

export function test(name: string, body: Body): void {
  tests.push({ name, body });
}

/** The line scripts/e2e/web.js looks for; keep both in step. */
export const SUMMARY_PREFIX = 'policy-lens web suite:';

export async function runAll(): Promise<void> {
  const failed: string[] = [];
  for (const t of tests) {
    try {
      await t.body();
      console.log(`  ✔ ${t.name}`);
    } catch (err) {
      failed.push(t.name);
      console.log(`  ✘ ${t.name}\n    ${(err as Error)?.stack ?? String(err)}`);
    }
  }
  console.log(`${SUMMARY_PREFIX} ${JSON.stringify({ total: tests.length, passed: tests.length - failed.length, failed: failed.length, failures: failed })}`);
  if (tests.length === 0) throw new Error('the web suite ran no test');
  if (failed.length) throw new Error(`${failed.length} web test(s) failed: ${failed.join('; ')}`);
}
