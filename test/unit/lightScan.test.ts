import * as assert from 'assert';
import fc from 'fast-check';
import * as fs from 'fs';
import * as path from 'path';
import type { Sidecar } from '../../src/core/sidecar/model';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { besideLayout, findSidecars, WorkspaceIndex } from '../../src/core/workspaceIndex';
import { sameAsScanned } from '../../src/core/workspaceIndex/lazySidecar';
import { lightScan } from '../../src/core/workspaceIndex/lightScan';
import { readForIndex } from '../../src/core/workspaceIndex/readForIndex';
import { FakeDisk, FakeFileSystem } from '../fakeFileSystem';
import { REPO } from '../paths';
import { anySidecarArb } from '../sidecarArbitraries';

const bytes = (s: string): Uint8Array => new TextEncoder().encode(s);

/** What the explorer's first level needs, from the full read. */
const fromFull = (text: string) =>
  readForIndex('s', bytes(text), 1e9).annotations.map((a) => ({ id: a.id, codes: a.codes, start: a.target.position.start, ...(a.author === undefined ? {} : { author: a.author }) }));

/** The explorer's light scan of a sidecar (lightScan.ts): it must agree with the full read wherever it answers. */
describe('workspace index: the light scan of a sidecar', () => {
  it('agrees with the full read on every generated sidecar, as the serializer writes it', () => {
    let scanned = 0;
    fc.assert(
      fc.property(anySidecarArb, (s: Sidecar) => {
        const text = serializeSidecar(s);
        const light = lightScan(bytes(text));
        if (light === undefined) return;
        scanned++;
        assert.deepStrictEqual(light, fromFull(text));
        assert.ok(sameAsScanned(light, readForIndex('s', bytes(text), 1e9)));
      }),
      { seed: 1011, numRuns: 300 },
    );
    assert.ok(scanned > 40, `scanned ${scanned} of 300`); // the others have strings the scan leaves to the full read
  });

  it('on the fixtures and samples: agrees, or leaves the file to the full read', () => {
    const files = ['test/fixtures/sidecars', 'samples']
      .flatMap((d) => fs.readdirSync(path.join(REPO, d), { recursive: true }).map((f) => path.join(REPO, d, String(f))))
      .filter((f) => f.endsWith('.annotations.yaml'));
    assert.ok(files.length >= 10);
    for (const f of files) {
      const text = new TextDecoder().decode(fs.readFileSync(f));
      const light = lightScan(bytes(text));
      if (light === undefined) continue;
      const full = readForIndex(f, bytes(text), 1e9);
      assert.ok(full.problemCount === 0 ? sameAsScanned(light, full) : !sameAsScanned(light, full), f);
      if (full.problemCount === 0) assert.deepStrictEqual(light, fromFull(text), f);
    }
  });

  it('gives up on other layouts: comments, flow style, a duplicate id or code, an unknown field', () => {
    const s: Sidecar = { version: 1, document: 'd.md', annotations: [{ id: 'a-1', target: { quote: { exact: 'x', prefix: '', suffix: '' }, position: { start: 3, end: 4 } }, codes: ['c'], author: 'ana', created: '2025-01-01T00:00:00.000Z' }] };
    const text = serializeSidecar(s);
    assert.deepStrictEqual(lightScan(bytes(text)), [{ id: 'a-1', codes: ['c'], author: 'ana', start: 3 }]);
    assert.strictEqual(lightScan(bytes(text.replace('  - id: a-1', '# lead\n  - id: a-1'))), undefined);
    assert.strictEqual(lightScan(bytes(text.replace('    author: ana', '    author: ana # lead'))), undefined);
    assert.strictEqual(lightScan(bytes(`${text}${text.slice(text.indexOf('  - id:'))}`)), undefined);
    assert.strictEqual(lightScan(bytes(text.replace('      - c', '      - c\n      - c'))), undefined);
    assert.strictEqual(lightScan(bytes(text.replace('    author: ana', '    colour: red'))), undefined);
    assert.strictEqual(lightScan(bytes(text.replace(/\n/g, '\r\n'))), undefined);
  });

  it('reads bytes: UTF-8 values decoded, invalid UTF-8 in a value or a byte order mark left to the full read', () => {
    const s: Sidecar = { version: 1, document: 'd.md', annotations: [{ id: 'a-1', target: { quote: { exact: 'déjà vu', prefix: '', suffix: '' }, position: { start: 3, end: 10 } }, codes: ['données', 'c'], author: 'Zoë', created: '2025-01-01T00:00:00.000Z' }] };
    const text = serializeSidecar(s);
    assert.deepStrictEqual(lightScan(bytes(text)), fromFull(text));
    assert.strictEqual(lightScan(new Uint8Array([0xef, 0xbb, 0xbf, ...bytes(text)])), undefined);
    const broken = (what: string): Uint8Array => {
      const b = bytes(text.replace(what, `${what.slice(0, -1)}\u0001`));
      b[b.indexOf(1)] = 0xff;
      return b;
    };
    assert.strictEqual(lightScan(broken('Zoë')), undefined, 'in a value: not sure');
    // Elsewhere the scan answers; the full read reports the byte, so the index shows the full read.
    const inQuote = broken('déjà');
    assert.ok(lightScan(inQuote));
    assert.ok(!sameAsScanned(lightScan(inQuote)!, readForIndex('s', inQuote, 1e9)));
  });

  it('in the index: scanned sidecars are read in full on first use, and a read that differs replaces the scan', async () => {
    const disk = new FakeDisk();
    const good: Sidecar = { version: 1, document: 'd1.md', annotations: [{ id: 'a-1', target: { quote: { exact: 'x', prefix: '', suffix: '' }, position: { start: 0, end: 1 } }, codes: ['c'], created: '2025-01-01T00:00:00.000Z' }] };
    disk.put('/ws/d1.md.annotations.yaml', serializeSidecar(good));
    // Scans well, but the full read drops it: it ends before it starts.
    disk.put('/ws/d2.md.annotations.yaml', serializeSidecar({ ...good, document: 'd2.md' }).replace('start: 0', 'start: 5'));
    const port = new FakeFileSystem(disk);
    const index = new WorkspaceIndex(port, besideLayout(() => findSidecars(port, '/ws')), { anchor: false });
    await index.ready();
    assert.deepStrictEqual(index.annotations().map((a) => [a.sidecar, a.id]), [['/ws/d1.md.annotations.yaml', 'a-1'], ['/ws/d2.md.annotations.yaml', 'a-1']]);
    const changed: string[][] = [];
    index.onDidChange((s) => changed.push([...s]));
    assert.strictEqual(index.annotations()[0]!.annotation.target.quote.exact, 'x');
    void index.annotations()[1]!.annotation;
    await Promise.resolve();
    assert.deepStrictEqual(changed, [['/ws/d2.md.annotations.yaml']]);
    const e = index.entry('/ws/d2.md.annotations.yaml')!;
    assert.deepStrictEqual([e.annotations.length, e.readOnly], [0, true]);
  });
});
