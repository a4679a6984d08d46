import * as assert from 'assert';
import { POLICY_LANGUAGES, POLICY_SELECTOR, READING_SELECTOR } from '../../src/vscode/languages';
import { whileVisible } from '../../src/vscode/liveEditor';

describe('tidiness (issue 12)', () => {
  it('regression: "Illegal argument: TextEditor" — decorations are not set on an editor closed while they were computed', async () => {
    const visible = [{ id: 'a', set: 0 }, { id: 'b', set: 0 }];
    const captured = visible[0]!;
    // What the debounced decorators do: capture the editor, await (the codebook, the pack), then set.
    const codes = new Promise<void>((resolve) => setTimeout(resolve, 5));
    visible.shift(); // the editor is closed meanwhile
    await codes;
    assert.strictEqual(whileVisible(captured, () => visible, (e) => e.set++), false);
    assert.strictEqual(captured.set, 0);
    assert.strictEqual(whileVisible(visible[0]!, () => visible, (e) => e.set++), true);
    assert.strictEqual(visible[0]!.set, 1);
  });

  it('regression: "uses a document selector without scheme" — every filter names a scheme', () => {
    assert.deepStrictEqual(POLICY_SELECTOR.map((f) => f.language), [...POLICY_LANGUAGES]);
    for (const f of POLICY_SELECTOR) assert.strictEqual(typeof f.scheme, 'string', JSON.stringify(f));
    assert.deepStrictEqual(READING_SELECTOR.map((f) => f.language), [...POLICY_LANGUAGES, 'markdown', 'plaintext']);
    for (const f of READING_SELECTOR) assert.strictEqual(typeof f.scheme, 'string', JSON.stringify(f));
  });
});
