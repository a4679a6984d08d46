import * as assert from 'assert';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import { tmpdir } from 'os';
import * as path from 'path';
import { cli } from '../cliRun';
import { SAMPLE_CN, SAMPLE_US } from '../paths';

/** `L:C-L:C` of the first occurrence of `phrase` (one line) in a file. */
function rangeOf(file: string, phrase: string): string {
  const lines = readFileSync(file, 'utf8').split('\n');
  const line = lines.findIndex((l) => l.includes(phrase));
  assert.ok(line >= 0, `${phrase} not in ${file}`);
  const c = lines[line]!.indexOf(phrase);
  return `${line}:${c}-${line}:${c + phrase.length}`;
}

describe('CLI: report DIR --chart FILE.svg', function () {
  this.timeout(180000);
  let dir: string;
  let us: string;
  before(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'policy-lens-chart-'));
    mkdirSync(path.join(dir, 'plans'));
    us = path.join(dir, 'plans', path.basename(SAMPLE_US));
    copyFileSync(SAMPLE_US, us);
    copyFileSync(SAMPLE_CN, path.join(dir, 'plans', path.basename(SAMPLE_CN)));
    mkdirSync(path.join(dir, '.policy-lens'));
    writeFileSync(path.join(dir, '.policy-lens', 'codebook.yaml'), 'version: 1\nrelations: []\ncodes:\n  - id: tension\n    label: "Tension <b>&</b>"\n    colour: "#C586C0"\n');
    const phrase = 'open-weight';
    const text = readFileSync(us, 'utf8');
    assert.ok(text.includes(phrase));
    for (const args of [
      ['--code', 'open-source', '--code', 'tension'],
      ['--code', 'open-source'],
    ]) {
      const r = await cli('annotate', us, rangeOf(us, phrase), ...args, '--author', 'ana');
      assert.strictEqual(r.code, 0, r.stderr);
    }
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the three charts as one well-formed SVG, and prints the table (or --json) as before', async () => {
    const file = path.join(dir, 'out', 'compare.svg'); // the folder is made, as for a CI artefact
    const r = await cli('report', dir, '--chart', file, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const json = JSON.parse(r.stdout) as { plans: { plan: string }[] };
    assert.deepStrictEqual(json.plans.map((p) => p.plan), ['cn-global-ai-governance-2025', 'us-ai-action-plan-2025']);
    const svg = readFileSync(file, 'utf8');
    assert.strictEqual(XMLValidator.validate(svg), true);
    assert.match(svg, /<title id="pl-compare-title">Policy Lens: comparing/);
    const bars = svg.match(/<rect class="pl-bar /g) ?? [];
    assert.strictEqual(bars.length, 32 + 2, '2 plans × 16 themes, and one document with two codes');
    assert.ok(svg.includes('Tension &lt;b&gt;&amp;&lt;/b&gt;'), 'the codebook label, escaped');
    const parsed = new XMLParser({ ignoreAttributes: false }).parse(svg) as { svg: { title: { '#text': string } } };
    assert.match(parsed.svg.title['#text'], /US AI Action Plan/);
    const text = await cli('report', dir);
    assert.match(text.stdout, /international-cooperation/);
  });

  it('fails with one line and no file when the chart cannot be written; --chart needs a value', async () => {
    const file = path.join(us, 'x.svg'); // below a file: no folder can be made there
    const r = await cli('report', dir, '--chart', file);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /^policy-lens: .*x\.svg: cannot write the chart/);
    assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
    assert.ok(!existsSync(file));
    const missing = await cli('report', dir, '--chart');
    assert.strictEqual(missing.code, 2, missing.stderr);
  });
});
