import * as assert from 'assert';
import { cli } from '../cliRun';



interface SuggestJson {
  from: string;
  candidates: { to: string; score: number; evidence: { kind: string; items: string[]; contribution: number }[]; curated?: string }[];
}

describe('policy-lens suggest', function () {
  this.timeout(30000);

  it('suggest PLAN PLAN --json: candidates per provision with evidence, curated ones marked', async () => {
    const r = await cli('suggest', 'cn-global-ai-governance-2025', 'us-ai-action-plan-2025', '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as SuggestJson[];
    assert.strictEqual(out.length, 14);
    assert.deepStrictEqual(Object.keys(out[0]!), ['from', 'candidates']);
    for (const s of out) {
      assert.strictEqual(s.candidates.length, 3);
      for (const c of s.candidates) {
        assert.match(c.to, /^us-/);
        assert.ok(c.score > 0 && c.evidence.length > 0);
        for (const e of c.evidence) assert.ok(['themes', 'terms', 'position'].includes(e.kind) && e.items.length > 0);
      }
    }
    const cn5 = out.find((s) => s.from === 'cn-5')!;
    assert.deepStrictEqual([cn5.candidates[0]!.to, cn5.candidates[0]!.curated], ['us-1.3', 'aligned']);
  });

  it('suggest with --top and plan prefixes, in the other direction; text output', async () => {
    const r = await cli('suggest', 'us', 'cn', '--top', '1', '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as SuggestJson[];
    assert.strictEqual(out.length, 34);
    assert.ok(out.every((s) => s.candidates.length === 1 && s.candidates[0]!.to.startsWith('cn-')));
    const text = await cli('suggest', 'cn', 'us', '--top', '2');
    assert.strictEqual(text.code, 0, text.stderr);
    assert.match(text.stdout, /^cn-5 {2}Building a pluralistic and open innovation ecosystem$/m);
    assert.match(text.stdout, /us-1\.3 +Encourage Open-Source and Open-Weight AI {2}\[curated: aligned\]/);
    assert.match(text.stdout, /shared themes: open-source/);
  });

  it('suggest: usage errors exit 2 with one line', async () => {
    for (const args of [['suggest', 'cn'], ['suggest', 'cn', 'nope'], ['suggest', 'cn', 'cn'], ['suggest', 'cn', 'us', '--top', 'x']]) {
      const r = await cli(...args);
      assert.strictEqual(r.code, 2, `${args.join(' ')}: ${r.stderr}`);
      assert.strictEqual(r.stderr.trim().split('\n').length, 1, r.stderr);
    }
  });
});
