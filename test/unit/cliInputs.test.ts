import * as assert from 'assert';
import { execFileSync } from 'child_process';
import { existsSync, promises as fs } from 'fs';
import * as os from 'os';
import * as path from 'path';
import { cli } from '../cliRun';

/** Hostile and unusual input files given to the CLI: refused clearly, or read exactly as VS Code reads them. */



interface Occurrence {
  theme: string;
  text: string;
  line: number;
  character: number;
  length: number;
  wrapped?: boolean;
}

async function themes(file: string): Promise<Occurrence[]> {
  const r = await cli('themes', file, '--json');
  assert.strictEqual(r.code, 0, r.stderr);
  return JSON.parse(r.stdout) as Occurrence[];
}

/** Occurrences with line ends in their text made LF, to compare files that differ only in line ends. */
function lf(list: readonly Occurrence[]): Occurrence[] {
  return list.map((o) => ({ ...o, text: o.text.replace(/\r\n|\r/g, '\n'), length: o.text.replace(/\r\n|\r/g, '\n').length }));
}

const LINES = ['# A plan for open', 'source models and international', 'cooperation on AI safety.', '', 'We back open source and AI safety.'];

describe('policy-lens CLI: hostile and unusual input files', function () {
  this.timeout(90000);
  let dir: string;
  before(async () => {
    dir = await fs.mkdtemp(path.join(os.tmpdir(), 'policy-lens-inputs-'));
  });
  after(() => fs.rm(dir, { recursive: true, force: true }));

  it('a FIFO as FILE is refused with a clear error, without hanging (it used to wait forever)', async function () {
    const fifo = path.join(dir, 'pipe.policy.md');
    try {
      execFileSync('mkfifo', [fifo]);
    } catch {
      console.log('      (mkfifo is not available here: pending)');
      this.skip();
    }
    for (const command of ['identify', 'themes']) {
      const r = await cli(command, fifo);
      assert.strictEqual(r.code, 1, `${command}: ${r.stderr}`);
      assert.strictEqual(r.stderr, `policy-lens: ${fifo}: not a regular file\n`);
      assert.strictEqual(r.stdout, '');
    }
  });

  it('/dev/zero as FILE is refused, not read without end', async function () {
    if (!existsSync('/dev/zero')) {
      console.log('      (no /dev/zero here: pending)');
      this.skip();
    }
    const r = await cli('themes', '/dev/zero');
    assert.strictEqual(r.code, 1, r.stderr);
    assert.strictEqual(r.stderr, 'policy-lens: /dev/zero: not a regular file\n');
  });

  it('a directory as FILE: a clear error', async () => {
    const r = await cli('identify', dir);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.stderr, `policy-lens: ${dir}: is a directory, not a file\n`);
  });

  it('a file over the document size limit is refused from its size, before it is read', async () => {
    const big = path.join(dir, 'huge.policy.md');
    await fs.writeFile(big, '');
    await fs.truncate(big, 300 * 1024 * 1024); // sparse: no disk space, but stat says 300 MB
    const r = await cli('identify', big);
    await fs.rm(big);
    assert.strictEqual(r.code, 1);
    assert.match(r.stderr, /^policy-lens: .*huge\.policy\.md: 300\.0 MB is over the limit of 256\.0 MB\n$/);
  });

  it('a UTF-8 BOM does not shift positions (VS Code drops it)', async () => {
    const plain = path.join(dir, 'plain.policy.md');
    const bom = path.join(dir, 'bom.policy.md');
    await fs.writeFile(plain, LINES.join('\n'));
    await fs.writeFile(bom, Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(LINES.join('\n'))]));
    const expected = await themes(plain);
    assert.ok(expected.some((o) => o.line === 0 && o.wrapped), JSON.stringify(expected));
    assert.deepStrictEqual(await themes(bom), expected);
    const h = await cli('hover', bom, '4:8', '--json');
    assert.strictEqual(h.code, 0, h.stderr);
    const card = JSON.parse(h.stdout) as { themes: { theme: string; start: { line: number; character: number } }[] };
    assert.deepStrictEqual(card.themes.map((t) => [t.theme, t.start.character]), [['open-source', 8]]);
  });

  it('a UTF-16 file gives the same phrases as its UTF-8 copy (the CLI read it as UTF-8 mojibake)', async () => {
    const expected = await themes(path.join(dir, 'plain.policy.md'));
    const utf16le = path.join(dir, 'utf16.policy.md');
    await fs.writeFile(utf16le, Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(LINES.join('\n'), 'utf16le')]));
    assert.deepStrictEqual(await themes(utf16le), expected);
  });

  it('a binary file (zero bytes, not UTF-16) is refused, as VS Code will not open it as text', async () => {
    const pdf = path.join(dir, 'converted.policy.md');
    await fs.writeFile(pdf, Buffer.from('%PDF-1.7\n\u0000\u0001\u0002 open source\n', 'latin1'));
    const r = await cli('themes', pdf);
    assert.strictEqual(r.code, 1);
    assert.strictEqual(r.stderr, `policy-lens: ${pdf}: a binary file (zero bytes that are not UTF-16); VS Code does not open it as text\n`);
  });

  it('CRLF, CR-only and mixed line ends give the editor\'s phrases, wrapped ones included (CR-only lost them)', async () => {
    const expected = await themes(path.join(dir, 'plain.policy.md'));
    const variants: Record<string, string> = {
      crlf: LINES.join('\r\n'),
      cr: LINES.join('\r'),
      // VS Code makes a file with more CR-containing ends than LF ones all CRLF, else all LF.
      mixedMostlyCr: `${LINES[0]}\r${LINES[1]}\r\n${LINES[2]}\n${LINES[3]}\r${LINES.slice(4).join('\n')}`,
      mixedMostlyLf: `${LINES[0]}\r${LINES[1]}\n${LINES[2]}\n${LINES[3]}\r\n${LINES.slice(4).join('\n')}`,
    };
    for (const [name, text] of Object.entries(variants)) {
      const file = path.join(dir, `${name}.policy.md`);
      await fs.writeFile(file, text);
      const got = await themes(file);
      assert.deepStrictEqual(lf(got), expected, name);
      const wrappedEnds = got.filter((o) => o.wrapped).map((o) => /\r\n|\r|\n/.exec(o.text)![0]);
      const eol = name === 'mixedMostlyLf' ? '\n' : '\r\n';
      assert.ok(wrappedEnds.length > 0 && wrappedEnds.every((e) => e === eol), `${name}: ${JSON.stringify(wrappedEnds)}`);
    }
  });

  it('a Markdown file gets the same phrases as the same text in plain text: the matcher\'s, as the editor decorates Markdown', async () => {
    // The editor colours a .md (or .txt) document from the matcher, inline code and link targets included.
    const text = `${LINES.join('\n')}\n\nInline \`open source\` and [a link](https://example.org/national-security).\n`;
    await fs.writeFile(path.join(dir, 'same.md'), text);
    await fs.writeFile(path.join(dir, 'same.txt'), text);
    const md = await themes(path.join(dir, 'same.md'));
    assert.deepStrictEqual(md, await themes(path.join(dir, 'same.txt')));
    assert.deepStrictEqual(md.filter((o) => o.line === 6).map((o) => o.text), ['open source', 'national-security']);
  });

  it('a line of 20,000 characters or more gets no theme tokens, as in VS Code (the CLI tokenised it)', async () => {
    const long = `open source ${'word '.repeat(5000)}`.slice(0, 25000);
    const limit = `AI safety ${'x'.repeat(20000 - 10)}`;
    const below = `AI safety ${'x'.repeat(19999 - 10)}`;
    const file = path.join(dir, 'long.policy.txt');
    await fs.writeFile(file, [long, 'open source', limit, below].join('\n'));
    const got = await themes(file);
    const at = (line: number): string[] => got.filter((o) => o.line === line && !o.wrapped).map((o) => o.theme);
    assert.deepStrictEqual(at(0), [], 'a 25,000-character line');
    assert.deepStrictEqual(at(1), ['open-source'], 'the next line is tokenised as before');
    assert.deepStrictEqual(at(2), [], 'exactly 20,000 characters');
    assert.deepStrictEqual(at(3), ['safety-security'], '19,999 characters');
  });
});
