// Entry of the web suite (scripts/e2e/web.js): bundled for the web worker into dist/web/test/index.js; the
// suites register their tests on import, in this order.
import './extension.webtest';
import './annotations.webtest';
import './explorer.webtest';
import './l10n.webtest';
import { runAll } from './runner';

export function run(): Promise<void> {
  return runAll();
}
