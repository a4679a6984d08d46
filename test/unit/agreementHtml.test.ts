import * as assert from 'assert';
import { compareCoders } from '../../src/core/agreement/agreement';
import { agreementHtml } from '../../src/vscode/coders/agreementHtml';
import { driverCommandLine } from '../../src/core/merge/gitAttributes';

/** The Compare Coders page (issue 10, §4): static HTML under a strict CSP, file-borne names escaped. */
describe('Compare Coders page', () => {
  const report = compareCoders(100, [{ start: 0, end: 10, codes: ['<b>x</b>'] }], [{ start: 5, end: 10, codes: ['<b>x</b>'] }], ['unused']);
  const html = agreementHtml({ document: 'a&b.md', coders: ['<script>alert(1)</script>', 'bo'], report, orphaned: 1, nonce: 'abc123', stepHint: 'Next / Previous' });

  it('allows nothing but its own nonce-tagged style: no script at all', () => {
    // The policy is written as an escaped attribute (the webviews share webviewHead); the browser reads it unescaped.
    const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]*)">/.exec(html)?.[1]?.replace(/&apos;/g, "'");
    assert.strictEqual(csp, "default-src 'none'; style-src 'nonce-abc123';");
    assert.doesNotMatch(html, /<script/i);
    assert.match(html, /&lt;script&gt;alert\(1\)&lt;\/script&gt;/);
    assert.match(html, /&lt;b&gt;x&lt;\/b&gt;/);
    assert.match(html, /a&amp;b\.md/);
  });

  it('shows "undefined" for a code neither coder used, and the numbers for the others', () => {
    assert.match(html, /<th scope="row">unused<\/th><td><span class="undef">undefined<\/span><\/td>/);
    assert.match(html, /<td>95\.00%<\/td>/);
    assert.match(html, /1 orphaned annotation is left out/);
  });

  it('the editor’s driver command runs its Electron executable as node', () => {
    assert.strictEqual(driverCommandLine('/opt/Code Helper', '/s/cli.js', true), "ELECTRON_RUN_AS_NODE=1 '/opt/Code Helper' /s/cli.js merge-driver %O %A %B %P");
  });
});
