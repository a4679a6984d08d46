import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { REPO } from '../paths';

interface Manifest {
  contributes: {
    languages: { id: string; configuration: string }[];
    configurationDefaults: Record<string, unknown>;
  };
}

const manifest = JSON.parse(readFileSync(path.join(REPO, 'package.json'), 'utf8')) as Manifest;

/** Issue 12: the policy languages were edited like code ("(paraphrased)" coloured as brackets, quotes auto-closed). */
describe('prose editing defaults for the policy languages', () => {
  for (const language of ['policy-markdown', 'policy-text']) {
    it(`[${language}]: word wrap on, no bracket-pair colours or guides, no auto-closed quotes`, () => {
      const d = manifest.contributes.configurationDefaults[`[${language}]`] as Record<string, unknown>;
      assert.ok(d, `no [${language}] defaults`);
      assert.strictEqual(d['editor.wordWrap'], 'on');
      assert.strictEqual(d['editor.bracketPairColorization.enabled'], false);
      assert.strictEqual(d['editor.guides.bracketPairs'], false);
      assert.strictEqual(d['editor.autoClosingQuotes'], 'never');
    });
  }

  it("language configuration: Markdown's comment and region markers, no colourised brackets, no quote pairs", () => {
    const files = new Set(manifest.contributes.languages.map((l) => l.configuration));
    assert.strictEqual(files.size, 1);
    const config = JSON.parse(readFileSync(path.join(REPO, [...files][0]!), 'utf8')) as {
      comments: { blockComment: [string, string] };
      colorizedBracketPairs: unknown[];
      autoClosingPairs: { open: string }[];
      folding: { markers: { start: string; end: string } };
    };
    assert.deepStrictEqual(config.comments.blockComment, ['<!--', '-->']);
    assert.deepStrictEqual(config.colorizedBracketPairs, []);
    assert.deepStrictEqual(config.autoClosingPairs.map((p) => p.open).filter((o) => /["'“‘]/.test(o)), []);
    const start = new RegExp(config.folding.markers.start);
    const end = new RegExp(config.folding.markers.end);
    assert.ok(start.test('<!-- #region Pillar I -->') && start.test('  <!-- region -->'));
    assert.ok(end.test('<!-- #endregion -->') && !end.test('<!-- #region -->') && !start.test('<!-- #endregion -->'));
  });

  it('explorer file nesting: a sidecar nests under its document (beside it, <document>.annotations.yaml)', () => {
    const patterns = manifest.contributes.configurationDefaults['explorer.fileNesting.patterns'] as Record<string, string>;
    // VS Code's rule: the key's `*` is ${capture}; the value lists the children.
    const children = (file: string): string[] =>
      Object.entries(patterns).flatMap(([key, value]) => {
        const m = new RegExp(`^${key.replace(/[.]/g, '\\.').replace('*', '(.+)')}$`).exec(file);
        return m ? value.split(',').map((v) => v.trim().replace('${capture}', m[1]!)) : [];
      });
    for (const doc of ['us-ai-action-plan-2025.policy.md', 'cn-global-ai-governance-2025.txt', 'notes.md', 'plan.policy.txt']) {
      assert.ok(children(doc).includes(`${doc}.annotations.yaml`), doc);
    }
  });
});
