import * as assert from 'assert';
import * as fc from 'fast-check';
import { annotationSection } from '../../src/core/annotations/annotationCard';
import { linkDocumentProblem } from '../../src/core/annotations/linkTarget';
import { formatProblem } from '../../src/core/data/problem';
import { HOVER_COMMANDS } from '../../src/core/hover/hoverCommands';
import { escapeMarkdown, revealInvisibles } from '../../src/core/hover/markdownText';
import { parseSidecar, serializeSidecar, type Annotation, type Sidecar } from '../../src/core/sidecar/api';
import { bundledPack } from '../packFixture';

const INVISIBLES = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C', '\u200B', '\u200C', '\u200D', '\u2060', '\uFEFF'];
const INVISIBLE_RE = new RegExp(INVISIBLES.join('|'));

function annotation(links: Annotation['links'], note?: string, codes = ['open-source']): Annotation {
  return {
    id: 'a-link000001',
    target: { quote: { exact: 'open source', prefix: 'an ', suffix: ' model' }, position: { start: 3, end: 14 } },
    codes,
    ...(note === undefined ? {} : { note }),
    ...(links ? { links } : {}),
    created: '2025-07-23T10:00:00.000Z',
  };
}

describe('hover hygiene: bidi and zero-width characters', () => {
  it('regression: a note with U+202E (right-to-left override) is shown with the character made visible', () => {
    const note = 'approved\u202E devorppa ton';
    assert.strictEqual(revealInvisibles(note), 'approved\\u{202E} devorppa ton');
    const md = escapeMarkdown(note);
    assert.ok(!INVISIBLE_RE.test(md));
    assert.strictEqual(md, 'approved\\\\u\\{202E\\} devorppa ton'); // renders as approved\u{202E} devorppa ton
  });

  it('makes every bidi control, directional mark and zero-width character visible, and nothing else', () => {
    for (const c of INVISIBLES) assert.match(revealInvisibles(`a${c}b`), /^a\\u\{[0-9A-F]{4}\}b$/, `U+${c.charCodeAt(0).toString(16)}`);
    assert.strictEqual(revealInvisibles('Ünïcode — 中文 « » é\u00A0x'), 'Ünïcode — 中文 « » é\u00A0x');
  });

  it('property: escaped text never carries an invisible or reordering character (fixed seed)', () => {
    const ch = fc.oneof(fc.constantFrom(...INVISIBLES), fc.string({ unit: 'binary', maxLength: 3 }));
    fc.assert(
      fc.property(fc.array(ch, { maxLength: 30 }), (parts) => !INVISIBLE_RE.test(escapeMarkdown(parts.join('')))),
      { seed: 13, numRuns: 500 },
    );
  });

  it('notes, codes and link paths in the annotation card are neutralised', async () => {
    const pack = await bundledPack();
    const a = annotation([{ document: 'other\u202Edm.txt', relation: 'aligned\u200B', note: 'see\u2066 this' }], 'note\u202Eeton', ['code\u200D']);
    const md = annotationSection(pack, [{ annotation: a, status: 'exact', documentUri: 'file:///w/plan.policy.md', sidecarFolder: '' }], new Map());
    assert.ok(!INVISIBLE_RE.test(md), md);
    for (const shown of ['note\\\\u\\{202E\\}eton', 'code\\\\u\\{200D\\}', 'aligned\\\\u\\{200B\\}', 'see\\\\u\\{2066\\} this']) assert.ok(md.includes(shown), `${shown} in ${md}`);
    // The link's label is neutralised; its command argument (JSON, URI-encoded) keeps the path as written.
    assert.ok(md.includes('other\\\\u\\{202E\\}dm\\.txt](command:policyLens.openAnnotation?'), md);
  });
});

describe('hover hygiene: link targets stay inside the workspace', () => {
  it('regression: links[].document ../../../../etc/passwd leaves the workspace folder and is not followed', () => {
    assert.strictEqual(linkDocumentProblem('../../../../etc/passwd', 'docs'), 'the path leaves the workspace folder');
    assert.strictEqual(linkDocumentProblem('../../../../etc/passwd', 'a/b/c/d'), undefined); // four folders up is the root
    assert.strictEqual(linkDocumentProblem('../cn/plan.txt', 'plans'), undefined);
    assert.strictEqual(linkDocumentProblem('../cn/plan.txt', ''), 'the path leaves the workspace folder');
    assert.strictEqual(linkDocumentProblem('other/plan.policy.md', ''), undefined);
  });

  it('refuses absolute paths, URIs, backslashes, paths that are not normalised, empty ones and control characters', () => {
    const refused: Array<[string, RegExp]> = [
      ['/etc/passwd', /not absolute/],
      ['C:/Windows/win.ini', /not absolute/],
      ['file:///etc/passwd', /not absolute/],
      ['command:workbench.action.terminal.new', /not absolute/],
      ['..\\..\\secret', /'\/' separators/],
      ['a/../../b', /not normalised/],
      ['./a.md', /not normalised/],
      ['a//b.md', /not normalised/],
      ['a/', /not normalised/],
      ['..', /not normalised/],
      ['', /empty/],
      ['a\u0000b', /control/],
    ];
    for (const [p, why] of refused) assert.match(linkDocumentProblem(p) ?? 'accepted', why, JSON.stringify(p));
  });

  it('a sidecar with such a link loads with a warning at the link, in both readers (fast and yaml)', () => {
    const s: Sidecar = { version: 1, document: 'plan.policy.md', annotations: [annotation([{ document: '../../../../etc/passwd', relation: 'aligned' }])] };
    const block = serializeSidecar(s);
    const flow = `{version: 1, document: plan.policy.md, annotations: [${JSON.stringify(s.annotations[0])}]}\n`;
    for (const text of [block, flow]) {
      const r = parseSidecar('docs/plan.policy.md.annotations.yaml', text, { maxBytes: 1 << 20, sidecarFolder: 'docs' });
      const problems = r.problems.map(formatProblem);
      assert.strictEqual(problems.length, 1, problems.join('\n'));
      assert.match(problems[0]!, /warning: linked document '\.\.\/\.\.\/\.\.\/\.\.\/etc\/passwd' is not followed: the path leaves the workspace folder/);
      const line = text === block ? block.split('\n').findIndex((l) => l.includes('etc/passwd')) + 1 : 1;
      assert.ok(problems[0]!.startsWith(`docs/plan.policy.md.annotations.yaml:${line}:`), problems[0]);
      assert.strictEqual(r.annotations.length, 1, 'the rest of the annotation still loads');
    }
  });

  it('the card shows such a link as text, not as a command link', async () => {
    const pack = await bundledPack();
    const a = annotation([{ document: '../../../../etc/passwd', relation: 'aligned' }, { document: 'other.policy.md', annotation: 'a-othr000001', relation: 'partial' }]);
    const md = annotationSection(pack, [{ annotation: a, status: 'exact', documentUri: 'file:///w/docs/plan.policy.md', sidecarFolder: 'docs' }], new Map());
    const commands = [...md.matchAll(/\]\(command:([\w.]+)\?([^)]*)\)/g)].map((m) => [m[1], decodeURIComponent(m[2]!)]);
    assert.deepStrictEqual(commands, [['policyLens.openAnnotation', JSON.stringify([{ fromDocument: 'file:///w/docs/plan.policy.md', document: 'other.policy.md', annotationId: 'a-othr000001' }])]]);
    assert.match(md, /etc\/passwd \*\(not followed: the path leaves the workspace folder\)\*/);
  });

  it('a link to another annotation is labelled with its passage, the file named beside it (issue 12), escaped and shortened', async () => {
    const pack = await bundledPack();
    const a = annotation([{ document: 'notes/other.policy.md', annotation: 'a-othr000001', relation: 'partial' }, { document: 'gone.policy.md', annotation: 'a-gone000001', relation: 'aligned' }]);
    const view = { annotation: a, status: 'exact' as const, documentUri: 'file:///w/plan.policy.md', sidecarFolder: '' };
    const passage = `Open *models*\u202E as\n an asset ${'for innovation '.repeat(8)}`;
    const md = annotationSection(pack, [view], new Map(), (uri, l) => (uri === view.documentUri && l.annotation === 'a-othr000001' ? passage : undefined));
    const [withPassage, withoutPassage] = md.split('\n').filter((l) => l.includes('command:policyLens.openAnnotation'));
    assert.match(withPassage!, /· \[“Open \\\*models\\\*.*as an asset for innovation[^”]*…”\]\(command:policyLens\.openAnnotation\?[^)]*\) · other\\\.policy\\\.md/);
    assert.match(withPassage!, /\\u\\\{202E\\\}/, 'the bidi override is shown, not applied');
    assert.ok(!INVISIBLE_RE.test(md), 'no bidi control reaches the card');
    assert.match(withoutPassage!, /· \[gone\\\.policy\\\.md\]\(command:/, 'a passage that cannot be read: the file name, as before');
  });

  it('a note of several lines keeps its paragraphs and list items on lines of their own, a wrapped line joined (issue 12)', async () => {
    const pack = await bundledPack();
    const note = 'Compare with CN action 5,\n  which says more:\n\n- open-source *communities*\n- shared compute\n\nThen ask.';
    const md = annotationSection(pack, [{ annotation: annotation(undefined, note), status: 'exact', documentUri: 'file:///w/plan.policy.md', sidecarFolder: '' }], new Map());
    assert.ok(md.includes('“Compare with CN action 5, which says more\\:  \n\\- open\\-source \\*communities\\*  \n\\- shared compute  \nThen ask\\.”'), md);
    const long = annotationSection(pack, [{ annotation: annotation(undefined, Array.from({ length: 9 }, (_, i) => `- item ${i}`).join('\n')), status: 'exact', documentUri: 'file:///w/plan.policy.md', sidecarFolder: '' }], new Map());
    assert.match(long, /item 5 …”/);
    assert.ok(!long.includes('item 6'));
  });

  it('hover cards link to the allow-listed commands only', () => {
    assert.deepStrictEqual([...HOVER_COMMANDS].sort(), ['policyLens.acceptSuggestion', 'policyLens.dismissSuggestion', 'policyLens.openAnnotation', 'policyLens.openProvision']);
  });
});
