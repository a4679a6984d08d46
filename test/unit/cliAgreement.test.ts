import * as assert from 'assert';
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { compareCoders } from '../../src/core/agreement/agreement';
import { createAnnotation } from '../../src/core/annotations/annotationFactory';
import { serializeSidecar, type Annotation } from '../../src/core/sidecar/api';
import { CLI } from '../paths';

const PARAGRAPH = 'The parties will cooperate on open-source models and on the safety of frontier systems, in line with national sovereignty. ';
const TEXT = `Plan\n\n${PARAGRAPH.repeat(6)}\n`;
const DOC = 'plan.policy.md';

function cli(cwd: string, ...args: string[]): { status: number | null; stdout: string; stderr: string } {
  const r = spawnSync(process.execPath, [CLI, ...args], { cwd, encoding: 'utf8' });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

function coded(start: number, end: number, codes: string[], author: string, id: string): Annotation {
  return createAnnotation({ text: TEXT, start, end, codes, author, id, now: new Date('2025-07-23T10:00:00Z') });
}

// Coder A and B agree on 'sovereignty', overlap on 'open-source' (A starts 10 earlier, B ends 10 later), and only A used 'safety'.
const p = TEXT.indexOf('open-source');
const s = TEXT.indexOf('sovereignty', p);
const A = [coded(p, p + 30, ['open-source'], 'ana', 'a-aaaa000001'), coded(s, s + 11, ['sovereignty'], 'ana', 'a-aaaa000002'), coded(s - 30, s - 10, ['safety'], 'ana', 'a-aaaa000003')];
const B = [coded(p + 10, p + 40, ['open-source'], 'bo', 'a-bbbb000001'), coded(s, s + 11, ['sovereignty'], 'bo', 'a-bbbb000002')];
// The document gained a preface since the coding: every quote has moved and is re-anchored first.
const PREFACE = 'Preface added later.\n';
const NOW = `${PREFACE}${TEXT}`;
const moved = (list: Annotation[]) => list.map((a) => ({ start: a.target.position.start + PREFACE.length, end: a.target.position.end + PREFACE.length, codes: a.codes }));
const expected = compareCoders(NOW.length, moved(A), moved(B));

interface Json {
  codes: { code: string; percentAgreement: number | null; kappa: number | null; alphaU: number | null; disagreements: unknown[] }[];
  overall: { percentAgreement: number | null; kappa: number | null; alphaU: number | null };
}

function assertReport(json: Json): void {
  assert.deepStrictEqual(json.codes.map((c) => c.code), ['open-source', 'safety', 'sovereignty']);
  const oss = json.codes[0]!;
  assert.strictEqual(oss.percentAgreement, Math.round(((NOW.length - 20) / NOW.length) * 1e6) / 1e4);
  assert.strictEqual(oss.kappa, Math.round(expected.codes[0]!.kappa! * 1e4) / 1e4);
  assert.strictEqual(oss.alphaU, Math.round(expected.codes[0]!.alphaU! * 1e4) / 1e4);
  assert.strictEqual(oss.disagreements.length, 2);
  assert.deepStrictEqual([json.codes[2]!.kappa, json.codes[2]!.alphaU], [1, 1]);
  assert.strictEqual(json.codes[1]!.kappa, 0);
  assert.strictEqual(json.overall.alphaU, Math.round(expected.overall.alphaU! * 1e4) / 1e4);
}

describe('CLI agreement', function () {
  this.timeout(60_000);
  let dir: string;

  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'policy-lens-agreement-'));
    fs.writeFileSync(path.join(dir, DOC), NOW);
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  it('--coders A,B compares the authors of one sidecar (as after a merge), quotes re-anchored', () => {
    fs.writeFileSync(path.join(dir, `${DOC}.annotations.yaml`), serializeSidecar({ version: 1, document: DOC, annotations: [...A, ...B] }));
    const r = cli(dir, 'agreement', DOC, '--coders', 'ana,bo', '--json');
    assert.strictEqual(r.status, 0, r.stderr);
    assertReport(JSON.parse(r.stdout) as Json);
    const t = cli(dir, 'agreement', DOC, '--coders', 'ana,bo');
    assert.match(t.stdout, /^safety\s+\S+%\s+0\.000\s+/m);
    assert.match(t.stdout, /^overall\s+/m);
  });

  it('says undefined (JSON null) when there is nothing to compare', () => {
    fs.writeFileSync(path.join(dir, `${DOC}.annotations.yaml`), serializeSidecar({ version: 1, document: DOC, annotations: A }));
    const r = cli(dir, 'agreement', DOC, '--coders', 'nobody,noone', '--json');
    assert.strictEqual(r.status, 0, r.stderr);
    const json = JSON.parse(r.stdout) as Json;
    assert.deepStrictEqual(json.codes, []);
    assert.deepStrictEqual(json.overall, { percentAgreement: null, kappa: null, alphaU: null, codesCompared: 0 });
    assert.match(r.stderr, /no annotations by 'nobody'/);
    assert.match(cli(dir, 'agreement', DOC, '--coders', 'nobody,noone').stdout, /^overall\s+undefined\s+undefined\s+undefined/m);
  });

  it('--ref A --ref B compares the sidecar as committed on two branches', () => {
    const git = (...args: string[]) => execFileSync('git', args, { cwd: dir, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    git('init', '-q', '-b', 'main');
    git('config', 'user.name', 'Policy Lens Test');
    git('config', 'user.email', 'test@policy-lens.invalid');
    git('config', 'commit.gpgsign', 'false');
    git('add', DOC);
    git('commit', '-q', '-m', 'plan');
    const sidecar = path.join(dir, `${DOC}.annotations.yaml`);
    for (const [branch, annotations] of [['coder-a', A], ['coder-b', B]] as const) {
      git('checkout', '-q', '-b', branch, 'main');
      // The authors do not matter here: each branch is one coder.
      fs.writeFileSync(sidecar, serializeSidecar({ version: 1, document: DOC, annotations: annotations.map((a) => ({ ...a, author: 'same person' })) }));
      git('add', path.basename(sidecar));
      git('commit', '-q', '-m', branch);
    }
    const r = cli(dir, 'agreement', DOC, '--ref', 'coder-a', '--ref', 'coder-b', '--json');
    assert.strictEqual(r.status, 0, r.stderr);
    assertReport(JSON.parse(r.stdout) as Json);
    const bad = cli(dir, 'agreement', DOC, '--ref', 'coder-a', '--ref', 'no-such-branch');
    assert.strictEqual(bad.status, 1);
    assert.match(bad.stderr, /cannot read plan\.policy\.md\.annotations\.yaml at no-such-branch/);
  });

  it('refuses a call without two coders (exit 2)', () => {
    assert.strictEqual(cli(dir, 'agreement', DOC, '--coders', 'ana').status, 2);
    assert.strictEqual(cli(dir, 'agreement', DOC, '--ref', 'x').status, 2);
  });
});
