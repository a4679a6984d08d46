import * as assert from 'assert';
import { readFileSync } from 'fs';
import * as path from 'path';
import { parse } from 'yaml';
import { addCounterpartLink } from '../../src/core/data/counterpartsFile';
import { loadKnowledgePacks } from '../../src/core/data/loadPack';
import type { CounterpartLink } from '../../src/core/data/model';
import { DataError, formatProblem } from '../../src/core/data/problem';
import { PACK_DIR } from '../paths';

const FILE = '.policy-lens/pack/counterparts.yaml';
const link: CounterpartLink = { from: 'cn-11', to: 'us-1.1', relation: 'partial', confidence: 'medium', evidence: 'accepted-suggestion', summary: 'Both speak of "export" rules: one for access, one for control.' };
const other: CounterpartLink = { from: 'cn-3', to: 'us-1.3', relation: 'aligned', confidence: 'medium', summary: 'Open models on both sides.' };

/** What Accept Suggestion… writes into a workspace pack's counterparts.yaml (issue 9 §3). */
describe('counterparts.yaml writer', () => {
  it('creates the file when missing, valid for the pack loader, with the link as given', () => {
    const text = addCounterpartLink(FILE, undefined, link);
    assert.match(text, /^# /, 'says what the file is');
    assert.deepStrictEqual(parse(text), { version: 1, links: [link] });
    const bundled = (name: string): { file: string; text: string } => ({ file: `annotations/${name}`, text: readFileSync(path.join(PACK_DIR, name), 'utf8') });
    const plans = ['cn-global-ai-governance-2025.yaml', 'us-ai-action-plan-2025.yaml'].map((n) => bundled(path.join('plans', n)));
    const { pack, problems } = loadKnowledgePacks([{ themes: bundled('themes.yaml'), plans, counterparts: bundled('counterparts.yaml') }, { plans: [], counterparts: { file: FILE, text } }]);
    assert.deepStrictEqual(problems.map(formatProblem), []);
    assert.ok(pack.counterpartsOf('cn-11').some((c) => c.provision.id === 'us-1.1' && c.link.summary === link.summary));
  });

  it('round trip: a second link is appended, the first kept as written', () => {
    const one = addCounterpartLink(FILE, undefined, link);
    const two = addCounterpartLink(FILE, one, other);
    assert.ok(two.startsWith(one), 'the existing text is a prefix, byte for byte');
    assert.deepStrictEqual((parse(two) as { links: unknown[] }).links, [link, other]);
  });

  it('keeps comments, blank lines and folded summaries of an analyst-written file byte for byte', () => {
    const bundled = readFileSync(path.join(PACK_DIR, 'counterparts.yaml'), 'utf8');
    // The bundled file has comments, folded scalars and blank lines between items: the hardest case we know.
    const fresh = { ...link, from: 'cn-12', to: 'us-2.4' };
    const out = addCounterpartLink('annotations/counterparts.yaml', bundled, fresh);
    assert.ok(out.startsWith(bundled.trimEnd()), 'nothing before the new item changed');
    const tail = out.slice(bundled.trimEnd().length);
    assert.match(tail, /^\n\n  - from: cn-12\n    to: us-2\.4\n/, 'a blank line, then the item at the items\' indentation');
    const before = (parse(bundled) as { links: unknown[] }).links;
    assert.deepStrictEqual((parse(out) as { links: unknown[] }).links, [...before, fresh]);
  });

  it('appends inside `links` even when comments follow it, and turns `links: []` into a list', () => {
    const commented = 'version: 1 # ours\nlinks:\n  - from: cn-3\n    to: us-1.3\n    relation: aligned\n    confidence: medium\n    summary: Open models.\n# the end\n';
    const out = addCounterpartLink(FILE, commented, link);
    assert.match(out, /# ours/);
    assert.match(out, /# the end/);
    assert.strictEqual((parse(out) as { links: unknown[] }).links.length, 2);
    const empty = addCounterpartLink(FILE, '# mine\nversion: 1\nlinks: []\n', link);
    assert.match(empty, /^# mine\n/);
    assert.deepStrictEqual((parse(empty) as { links: unknown[] }).links, [link]);
  });

  it('an invalid file is a clear error with file:line:col, and its text is not rewritten', () => {
    const broken = 'version: 1\nlinks:\n  - from: cn-3\n    to: us-1.3\n    relation: friendly\n    confidence: medium\n    summary: x\n';
    assert.throws(
      () => addCounterpartLink(FILE, broken, link),
      (err: unknown) => err instanceof DataError && /^\.policy-lens\/pack\/counterparts\.yaml:5:15: error: must be one of "aligned", "contrasting", "partial"/.test(err.message),
    );
    const unparsable = 'version: 1\nlinks:\n  - from: cn-3\n   to: [\n';
    assert.throws(() => addCounterpartLink(FILE, unparsable, link), (err: unknown) => err instanceof DataError && /^\.policy-lens\/pack\/counterparts\.yaml:\d+:\d+: error: /.test(err.message));
  });

  it('refuses a pair the file links already, in either direction', () => {
    const one = addCounterpartLink(FILE, undefined, link);
    assert.throws(() => addCounterpartLink(FILE, one, { ...link, from: link.to, to: link.from }), /already links/);
  });
});
