import * as assert from 'assert';
import { StatKeyedCache } from '../../src/core/fs/statKeyedCache';
import { FakeDisk, FakeFileSystem } from '../fakeFileSystem';

const text = (b: Uint8Array) => new TextDecoder().decode(b);

/** Regression: every hover with document links read and parsed up to five sidecars again. */
describe('StatKeyedCache (link labels read each sidecar once)', () => {
  it('reads a file once while its size and time stay, again when either changes, never when it is gone', async () => {
    const disk = new FakeDisk();
    const port = new FakeFileSystem(disk);
    const cache = new StatKeyedCache<string>(2);
    let made = 0;
    const get = (loc: string) => cache.get(port, loc, 1000, (b) => `${++made}:${text(b)}`);
    disk.put('/w/a', 'one');
    assert.strictEqual(await get('/w/a'), '1:one');
    assert.strictEqual(await get('/w/a'), '1:one');
    assert.strictEqual(port.calls.filter((c) => c.op === 'readFile').length, 1);
    disk.put('/w/a', 'three'); // another size
    assert.strictEqual(await get('/w/a'), '2:three');
    disk.files.get('/w/a')!.bytes = new TextEncoder().encode('THREE');
    disk.files.get('/w/a')!.mtime = 5; // same size, later time
    assert.strictEqual(await get('/w/a'), '3:THREE');
    disk.files.delete('/w/a');
    assert.strictEqual(await get('/w/a'), undefined);
    disk.put('/w/a', 'THREE');
    assert.strictEqual(await get('/w/a'), '4:THREE', 'a file gone and back is read again');
  });

  it('keeps at most `max` files, the least recently used going first; the size limit still holds', async () => {
    const disk = new FakeDisk();
    const port = new FakeFileSystem(disk);
    const cache = new StatKeyedCache<string>(2);
    for (const n of ['a', 'b', 'c']) disk.put(`/w/${n}`, n);
    const get = (loc: string) => cache.get(port, loc, 1000, text);
    await get('/w/a');
    await get('/w/b');
    await get('/w/a'); // a used last: b goes when c comes
    await get('/w/c');
    const reads = () => port.calls.filter((c) => c.op === 'readFile').map((c) => c.location);
    const before = reads().length;
    await get('/w/a');
    await get('/w/c');
    assert.strictEqual(reads().length, before, 'a and c kept');
    await get('/w/b');
    assert.strictEqual(reads().length, before + 1, 'b read again');
    disk.put('/w/big', 'x'.repeat(2000));
    await assert.rejects(() => get('/w/big'), /over the limit/);
  });
});
