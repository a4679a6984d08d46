import * as assert from 'assert';
import { statusText } from '../../src/core/hover/statusText';

// Issue 12: "the status bar counts the user's own links too".
describe('the status bar text', () => {
  const p = { id: 'us-3.3', heading: 'Encourage Open-Source and Open-Weight AI' };

  it('counts the provision\'s counterparts and, apart, the user\'s own links', () => {
    assert.strictEqual(statusText(p, 2, 0)?.text, '$(law) us-3.3 · 2 counterparts');
    assert.strictEqual(statusText(p, 1, 1)?.text, '$(law) us-3.3 · 1 counterpart · 1 own link');
    assert.strictEqual(statusText(p, 0, 3)?.text, '$(law) us-3.3 · 0 counterparts · 3 own links');
    assert.match(statusText(p, 0, 3)!.tooltip, /jump to the counterpart \(your links are listed first\)/);
    assert.match(statusText(p, 0, 0)!.tooltip, /No counterpart provision/);
  });

  it('outside any provision, own links still show (Jump to Counterpart follows them); with none, nothing shows', () => {
    assert.strictEqual(statusText(undefined, 0, 2)?.text, '$(link) 2 own links');
    assert.strictEqual(statusText(undefined, 0, 0), undefined);
  });
});
