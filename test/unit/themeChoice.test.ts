import * as assert from 'assert';
import { themeMechanism, type ThemeFacts } from '../../src/vscode/themeDecorations/themeChoice';
import { covers, decoratedSpans } from '../../src/vscode/themeDecorations/visibleWindow';

const plain: ThemeFacts = { languageId: 'markdown', included: false, autoDetect: true, recognisedPlan: false, hasMentions: false, tooLarge: false };

/** Issue 9 §5: which documents show themes, and by what (grammar or decorations). */
describe('which documents get themes', () => {
  it('keeps the policy languages on their grammars, whatever the choices', () => {
    for (const languageId of ['policy-markdown', 'policy-text']) {
      assert.strictEqual(themeMechanism({ ...plain, languageId }), 'grammar');
      assert.strictEqual(themeMechanism({ ...plain, languageId, choice: 'hidden' }), 'grammar');
    }
  });

  it('decorates a Markdown or plain-text document recognised as a plan or with mentions, by default', () => {
    for (const languageId of ['markdown', 'plaintext']) {
      assert.strictEqual(themeMechanism({ ...plain, languageId }), 'none', 'an unrelated note stays plain');
      assert.strictEqual(themeMechanism({ ...plain, languageId, recognisedPlan: true }), 'decorations');
      assert.strictEqual(themeMechanism({ ...plain, languageId, hasMentions: true }), 'decorations');
    }
  });

  it('policyLens.autoDetect off: only the include globs and the commands turn themes on', () => {
    assert.strictEqual(themeMechanism({ ...plain, autoDetect: false, recognisedPlan: true, hasMentions: true }), 'none');
    assert.strictEqual(themeMechanism({ ...plain, autoDetect: false, included: true }), 'decorations');
    assert.strictEqual(themeMechanism({ ...plain, autoDetect: false, choice: 'shown' }), 'decorations');
  });

  it("the analyst's choice for the document wins over the default and the globs", () => {
    assert.strictEqual(themeMechanism({ ...plain, choice: 'shown' }), 'decorations');
    assert.strictEqual(themeMechanism({ ...plain, choice: 'hidden', recognisedPlan: true, hasMentions: true, included: true }), 'none');
  });

  it('leaves other languages and documents past the size limit alone', () => {
    assert.strictEqual(themeMechanism({ ...plain, languageId: 'typescript', choice: 'shown', included: true }), 'none');
    assert.strictEqual(themeMechanism({ ...plain, tooLarge: true, choice: 'shown' }), 'none');
  });
});

describe('the lines theme decorations cover', () => {
  it('widens the visible ranges by the margin, clamped to the document, and merges what touches', () => {
    assert.deepStrictEqual(decoratedSpans([{ first: 10, last: 40 }], 1000, 100), [{ first: 0, last: 140 }]);
    assert.deepStrictEqual(decoratedSpans([{ first: 500, last: 540 }], 560, 100), [{ first: 400, last: 559 }]);
    // Two visible ranges (folded lines between them) far apart stay two spans; close ones become one.
    assert.deepStrictEqual(decoratedSpans([{ first: 900, last: 920 }, { first: 10, last: 20 }], 5000, 100), [{ first: 0, last: 120 }, { first: 800, last: 1020 }]);
    assert.deepStrictEqual(decoratedSpans([{ first: 10, last: 20 }, { first: 200, last: 220 }], 5000, 100), [{ first: 0, last: 320 }]);
    assert.deepStrictEqual(decoratedSpans([{ first: 0, last: 0 }], 0), []);
  });

  it('a scroll within what was decorated needs no new pass; past it, it does', () => {
    const done = decoratedSpans([{ first: 200, last: 240 }], 5000, 100);
    assert.ok(covers(done, decoratedSpans([{ first: 230, last: 270 }], 5000, 50)));
    assert.ok(!covers(done, decoratedSpans([{ first: 300, last: 340 }], 5000, 50)));
  });
});
