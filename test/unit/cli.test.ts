import * as assert from 'assert';
import * as path from 'path';
import { CORPUS_US, FIXTURES, REPO, SAMPLE_CN, SAMPLE_US } from '../paths';
import { itWithShared } from '../shared';
import { cli } from '../cliRun';



describe('policy-lens CLI', function () {
  this.timeout(30000);

  itWithShared([CORPUS_US], 'identify --json: the plan, its score and 34 provision ranges', async () => {
    const r = await cli('identify', CORPUS_US, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { plan: string; score: number; provisions: { id: string; heading: string; start: { line: number; character: number }; end: { line: number } }[] };
    assert.strictEqual(out.plan, 'us-ai-action-plan-2025');
    assert.strictEqual(out.provisions.length, 34);
    const p = out.provisions.find((x) => x.id === 'us-1.1')!;
    assert.deepStrictEqual(Object.keys(p), ['id', 'heading', 'start', 'end']);
    assert.strictEqual(typeof p.start.character, 'number');
  });

  it('identify: null plan for an unrelated file', async () => {
    const r = await cli('identify', path.join(REPO, 'package.json'), '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    assert.strictEqual((JSON.parse(r.stdout) as { plan: unknown }).plan, null);
  });

  it('themes --json: the matcher\'s phrases, with wrapped phrases marked', async () => {
    const r = await cli('themes', SAMPLE_US, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { theme: string; text: string; line: number; character: number; length: number; wrapped?: boolean }[];
    assert.ok(out.length > 100, `${out.length} occurrences`);
    assert.ok(out.some((o) => o.wrapped === true && o.text.includes('\n')));
    assert.ok(out.every((o) => o.wrapped || o.text.length === o.length));
    assert.ok(new Set(out.map((o) => o.theme)).size >= 12);
  });

  it('counterparts --json at a position inside a provision', async () => {
    const ident = JSON.parse((await cli('identify', SAMPLE_CN, '--json')).stdout) as { provisions: { id: string; start: { line: number } }[] };
    const five = ident.provisions.find((p) => p.id === 'cn-5')!;
    const r = await cli('counterparts', SAMPLE_CN, `${five.start.line + 1}:3`, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { provision: { plan: string; id: string }; counterparts: { plan: string; id: string; relation: string; confidence: string; summary: string; heading: string }[] };
    assert.deepStrictEqual(out.provision.id, 'cn-5');
    assert.ok(out.counterparts.some((c) => c.id === 'us-1.3' && c.plan === 'us-ai-action-plan-2025'));
    for (const c of out.counterparts) assert.ok(['aligned', 'contrasting', 'partial'].includes(c.relation) && c.summary && c.heading);
  });

  it('hover prints the card Markdown', async () => {
    const ident = JSON.parse((await cli('identify', SAMPLE_US, '--json')).stdout) as { provisions: { id: string; start: { line: number } }[] };
    const line = ident.provisions.find((p) => p.id === 'us-3.3')!.start.line;
    const r = await cli('hover', SAMPLE_US, `${line}:5`);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /`us-3\.3`/);
    assert.match(r.stdout, /^[=≈≠] \[.+`cn-\d+`/m);
  });

  it('hover reports the detail the editor shows: full on the heading line, compact in the body, --detail as the setting', async function () {
    this.timeout(180_000); // seven CLI runs on a shared machine
    const ident = JSON.parse((await cli('identify', SAMPLE_US, '--json')).stdout) as { provisions: { id: string; start: { line: number } }[] };
    const line = ident.provisions.find((p) => p.id === 'us-3.3')!.start.line;
    const detail = async (...args: string[]) => (JSON.parse((await cli('hover', SAMPLE_US, ...args, '--json')).stdout) as { detail: string; markdown: string });
    const heading = await detail(`${line}:5`);
    const body = await detail(`${line + 2}:5`);
    assert.deepStrictEqual([heading.detail, body.detail], ['full', 'compact']);
    assert.ok(body.markdown.length < heading.markdown.length);
    assert.strictEqual((await detail(`${line + 2}:5`, '--detail', 'full')).markdown.split('---')[0], heading.markdown.split('---')[0]);
    assert.strictEqual((await detail(`${line}:5`, '--detail', 'compact')).detail, 'compact');
    const bad = await cli('hover', SAMPLE_US, `${line}:5`, '--detail', 'tiny');
    assert.strictEqual(bad.code, 2);
    assert.match(bad.stderr, /--detail must be one of auto, compact, full/);
  });

  it('report DIR: theme frequencies side by side', async () => {
    const r = await cli('report', path.join(REPO, 'samples'), '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as { plans: { plan: string; words: number; themes: Record<string, { count: number; per1000: number }> }[] };
    assert.deepStrictEqual(out.plans.map((p) => p.plan), ['cn-global-ai-governance-2025', 'us-ai-action-plan-2025']);
    for (const p of out.plans) assert.ok(p.words > 500 && Object.keys(p.themes).length === 16);
    const text = await cli('report', path.join(REPO, 'samples'));
    assert.match(text.stdout, /international-cooperation/);
  });

  it('check: ok for the bundled pack, exit 1 with file:line:col lines for a broken one', async () => {
    const ok = await cli('check');
    assert.strictEqual(ok.code, 0, ok.stdout + ok.stderr);
    const bad = await cli('check', path.join(FIXTURES, 'broken-pack'));
    assert.strictEqual(bad.code, 1);
    const lines = bad.stdout.trim().split('\n');
    assert.ok(lines.length >= 6, bad.stdout);
    for (const l of lines) assert.match(l, /^\S+\.yaml:\d+:\d+: (error|warning): /);
  });

  it('errors: one line on stderr and a non-zero exit', async () => {
    for (const args of [['identify', 'no/such/file.md'], ['counterparts', SAMPLE_US, 'x:y'], ['frobnicate'], ['identify']]) {
      const r = await cli(...args);
      assert.notStrictEqual(r.code, 0, args.join(' '));
      assert.match(r.stderr, /^policy-lens: /, args.join(' '));
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
      assert.strictEqual(r.stdout, '');
    }
  });
});
