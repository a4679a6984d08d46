import * as assert from 'assert';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { FIXTURES } from '../paths';
import { cli } from '../cliRun';



interface MentionJson {
  text: string;
  line: number;
  character: number;
  length: number;
  plan: string;
  provision: string;
  score: number;
  via: string;
}

const COMMENTARY = path.join(FIXTURES, 'mentions', 'commentary-two-plans.md');

describe('policy-lens mentions', function () {
  this.timeout(30000);
  let dir: string;
  before(() => (dir = mkdtempSync(path.join(os.tmpdir(), 'pl-mentions-'))));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('mentions FILE --json: the fields, and positions that point at the text', async () => {
    const r = await cli('mentions', COMMENTARY, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const out = JSON.parse(r.stdout) as MentionJson[];
    assert.strictEqual(out.length, 13);
    assert.deepStrictEqual(Object.keys(out[0]!), ['text', 'line', 'character', 'length', 'plan', 'provision', 'score', 'via']);
    const lines = readFileSync(COMMENTARY, 'utf8').split('\n');
    for (const m of out) {
      const rest = [lines[m.line]!.slice(m.character), ...lines.slice(m.line + 1)].join('\n');
      assert.strictEqual(rest.slice(0, m.length), m.text);
    }
    const pillar = out.find((m) => m.provision === 'us-2')!;
    assert.deepStrictEqual([pillar.plan, pillar.via, pillar.text], ['us-ai-action-plan-2025', 'reference', 'Pillar II']);
  });

  it('counts characters in UTF-16 units and lines as VS Code does (BOM dropped, CRLF and CR line ends)', async () => {
    const body = ['Un résumé 🙂 — 人工智能.', '', 'The slogan 🙂 "Build, Baby, Build" opens the US text.'].join('\r\n');
    const file = path.join(dir, 'bom-crlf.txt');
    writeFileSync(file, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body, 'utf8')]));
    const r = await cli('mentions', file, '--json');
    assert.strictEqual(r.code, 0, r.stderr);
    const [m] = JSON.parse(r.stdout) as MentionJson[];
    assert.ok(m, r.stdout);
    assert.deepStrictEqual([m.line, m.character, m.length, m.provision], [2, 'The slogan 🙂 "'.length, 'Build, Baby, Build'.length, 'us-0']);
    const cr = path.join(dir, 'cr.txt');
    writeFileSync(cr, body.replace(/\r\n/g, '\r'));
    const r2 = JSON.parse((await cli('mentions', cr, '--json')).stdout) as MentionJson[];
    assert.deepStrictEqual([r2[0]!.line, r2[0]!.character], [2, m.character]);
  });

  it('text output, an empty result, and errors as one line', async () => {
    const r = await cli('mentions', COMMENTARY);
    assert.strictEqual(r.code, 0, r.stderr);
    assert.match(r.stdout, /^34:0\tus-2 +reference +0\.\d\d\t"Pillar II"$/m);
    const plain = path.join(dir, 'plain.txt');
    writeFileSync(plain, 'Nothing here but international cooperation and open source.\n');
    const none = await cli('mentions', plain);
    assert.strictEqual(none.code, 0, none.stderr);
    assert.match(none.stdout, /no mentions of known provisions/);
    for (const [args, code] of [[['mentions'], 2], [['mentions', path.join(dir, 'absent.md')], 1], [['mentions', dir], 1]] as const) {
      const e = await cli(...args);
      assert.strictEqual(e.code, code, `${args.join(' ')}: ${e.stderr}`);
      assert.strictEqual(e.stderr.trim().split('\n').length, 1);
    }
  });
});
