import * as assert from 'assert';
import fc from 'fast-check';
import { FileSystemError } from '../../src/core/fs/fileSystem';
import { applyEdits, type TextEdit } from '../../src/core/anchoring';
import { SidecarPersistence } from '../../src/core/sidecar/persistence';
import { AnnotationModel } from '../../src/vscode/annotations/annotationModel';
import { TrustGate } from '../../src/vscode/annotations/trustGate';
import { annotationOn, harness, MapMemory, MemoryFileSystem, sectionsText, SIDECAR, sleep } from './editorAnnotationsFakes';

const TEXT = sectionsText(12);
const Q1 = 'The agency for topic 7';
const Q2 = 'It applies from year 2005';

/** Another writer (the CLI): reads the file as it is now and adds one annotation. */
async function cliAdds(persistence: SidecarPersistence, text: string, quote: string, id: string): Promise<void> {
  const base = await persistence.read(SIDECAR, text.length);
  await persistence.write({ sidecar: SIDECAR, documentName: 'doc.md', base, annotations: [...base.annotations, annotationOn(text, quote, id)], documentLength: text.length });
}

describe('editor annotations (issue 8)', () => {
  describe('case 1: save and annotate again', () => {
    it('case 1 — a deletion reported while the sidecar is replaced (delete, then move) changes nothing', async () => {
      const h = harness(TEXT);
      await h.session.load();
      h.fs.deleteThenMove = { gapMs: 5, onDelete: () => void h.session.diskDeleted() };
      await h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]);
      await h.session.saved();
      await sleep(40); // the re-check after the reported deletion
      await h.session.put([annotationOn(TEXT, Q2, 'a-two0002')]);
      await sleep(40);
      assert.deepStrictEqual(h.fs.ids(SIDECAR), ['a-one0001', 'a-two0002']);
      assert.deepStrictEqual([...h.session.model.annotations.keys()].sort(), ['a-one0001', 'a-two0002']);
      assert.strictEqual(h.events.restoreOffers, 0, 'no deletion was believed');
    });

    it('case 1 — even a deletion believed too early (the move slower than the re-check) loses nothing', async () => {
      const h = harness(TEXT);
      await h.session.load();
      h.fs.deleteThenMove = { gapMs: 60, onDelete: () => void h.session.diskDeleted() };
      h.restoreChoice = undefined;
      await h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]);
      await h.session.put([annotationOn(TEXT, Q2, 'a-two0002')]);
      await sleep(100);
      h.fs.deleteThenMove = undefined;
      await h.session.put([annotationOn(TEXT, 'Section 9.', 'a-three003')]);
      assert.deepStrictEqual(h.fs.ids(SIDECAR), ['a-one0001', 'a-three003', 'a-two0002']);
      assert.strictEqual(h.session.model.annotations.size, 3);
    });

    it('case 1 — own writes are recognised: late and duplicated change events change nothing', async () => {
      const h = harness(TEXT);
      await h.session.load();
      await h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]);
      await h.session.put([annotationOn(TEXT, Q2, 'a-two0002')]);
      const before = h.events.changed;
      await Promise.all([h.session.diskChanged(), h.session.diskChanged(), h.session.diskDeleted(), h.session.diskChanged()]);
      assert.strictEqual(h.events.changed, before);
      assert.strictEqual(h.session.unwritten(), false);
    });

    it('case 1 — a create reported before the delete (worst order) merges the new file and keeps ours', async () => {
      const fs = new MemoryFileSystem();
      const h = harness(TEXT, fs);
      await h.session.load();
      await h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]);
      await cliAdds(new SidecarPersistence(fs), TEXT, Q2, 'a-cli00001');
      await h.session.diskChanged();
      await h.session.diskDeleted(); // stale: the file is there
      assert.deepStrictEqual([...h.session.model.annotations.keys()].sort(), ['a-cli00001', 'a-one0001']);
      assert.strictEqual(h.events.restoreOffers, 0);
    });

    it('case 1 — a real external deletion keeps the annotations in memory and Restore writes them', async () => {
      const h = harness(TEXT);
      await h.session.load();
      await h.session.put([annotationOn(TEXT, Q1, 'a-one0001'), annotationOn(TEXT, Q2, 'a-two0002')]);
      h.fs.files.delete(SIDECAR);
      await h.session.diskDeleted();
      assert.strictEqual(h.events.restoreOffers, 1);
      assert.strictEqual(h.session.model.annotations.size, 2, 'still shown');
      assert.deepStrictEqual(h.fs.ids(SIDECAR), ['a-one0001', 'a-two0002'], 'restored');
    });

    it('case 1 — Restore writes through the trust gate (untrusted, declined: nothing written, nothing dropped)', async () => {
      const h = harness(TEXT);
      await h.session.load();
      await h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]);
      h.trusted = false;
      h.answer = false;
      h.fs.files.delete(SIDECAR);
      await h.session.diskDeleted();
      assert.strictEqual(h.asked, 1);
      assert.strictEqual(h.fs.files.has(SIDECAR), false);
      assert.strictEqual(h.session.model.annotations.size, 1);
      assert.strictEqual(h.session.unwritten(), true);
    });

    it('case 1 — a real deletion sets aside only what the file held; annotations with unwritten changes are never dropped', async () => {
      const fs = new MemoryFileSystem();
      const h = harness(TEXT, fs);
      h.trusted = false;
      h.answer = undefined; // dismissed: not written, asked again next time
      await h.session.load();
      await h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]);
      assert.strictEqual(h.events.notWritten, 1);
      await cliAdds(new SidecarPersistence(fs), TEXT, Q2, 'a-cli00001');
      await h.session.diskChanged();
      assert.deepStrictEqual([...h.session.model.annotations.keys()].sort(), ['a-cli00001', 'a-one0001']);
      fs.files.delete(SIDECAR);
      h.restoreChoice = undefined;
      await h.session.diskDeleted();
      assert.strictEqual(h.events.restoreOffers, 1);
      assert.deepStrictEqual([...h.session.model.annotations.keys()], ['a-one0001'], 'the unwritten one stays; the deleted file took only its own');
      assert.strictEqual(h.session.unwritten(), true);
    });

    it('case 1 — a write that finds the file gone looks again: back by then (replaced by someone), nothing is set aside', async () => {
      const fs = new MemoryFileSystem();
      const h = harness(TEXT, fs);
      await h.session.load();
      await h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]);
      const bytes = fs.files.get(SIDECAR)!;
      fs.files.delete(SIDECAR); // another writer's delete-then-move, the watcher not heard yet
      setTimeout(() => fs.files.set(SIDECAR, bytes), 5);
      await h.session.put([annotationOn(TEXT, Q2, 'a-two0002')]);
      assert.deepStrictEqual(fs.ids(SIDECAR), ['a-one0001', 'a-two0002']);
      assert.strictEqual(h.events.restoreOffers, 0);
    });

    it('case 1 — a write that finds the file still gone after the pause takes it as deleted: its annotations offered for Restore', async () => {
      const h = harness(TEXT);
      h.restoreChoice = undefined;
      await h.session.load();
      await h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]);
      h.fs.files.delete(SIDECAR);
      await h.session.put([annotationOn(TEXT, Q2, 'a-two0002')]);
      assert.deepStrictEqual(h.fs.ids(SIDECAR), ['a-two0002']);
      assert.strictEqual(h.events.restoreOffers, 1);
      assert.deepStrictEqual([...h.session.model.annotations.keys()], ['a-two0002']);
    });
  });

  it('case 1 — a sidecar replaced by a broken one, then deleted, sets aside what the last good file held', async () => {
    const h = harness(TEXT);
    h.restoreChoice = undefined;
    await h.session.load();
    await h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]);
    h.fs.files.set(SIDECAR, new TextEncoder().encode('version: 1\ndocument: doc.md\nannotations:\n  - id: a-bad\n    codes: not-a-list\n'));
    await h.session.diskChanged();
    assert.strictEqual(h.session.readOnly, true);
    assert.deepStrictEqual([...h.session.model.annotations.keys()], ['a-one0001'], 'still shown');
    h.fs.files.delete(SIDECAR);
    await h.session.put([annotationOn(TEXT, Q2, 'a-two0002')]); // a user act looks again first
    assert.deepStrictEqual(h.fs.ids(SIDECAR), ['a-two0002']);
    assert.strictEqual(h.events.restoreOffers, 1);
  });

  it('case 3 (editor side) — an unreadable sidecar is read-only: never written over', async () => {
    const fs = new MemoryFileSystem();
    fs.files.set(SIDECAR, new TextEncoder().encode('version: 1\n'));
    fs.stat = async (l) => {
      throw new FileSystemError('permission', l, `${l}: permission denied`);
    };
    const h = harness(TEXT, fs);
    await h.session.load();
    assert.strictEqual(h.session.readOnly, true);
    assert.strictEqual(h.events.readOnly.length, 1);
    await assert.rejects(h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]), /cannot be read/);
    assert.strictEqual(new TextDecoder().decode(fs.files.get(SIDECAR)), 'version: 1\n');
  });

  describe('case 8: undo', () => {
    const at = (text: string, quote: string): number => text.indexOf(quote);
    function modelWith(text: string, quote: string): AnnotationModel {
      const m = new AnnotationModel();
      const a = annotationOn(text, quote, 'a-undo0001');
      m.set(a, { start: a.target.position.start, end: a.target.position.end });
      return m;
    }
    const edit = (m: AnnotationModel, text: string, e: TextEdit): string => {
      const next = applyEdits(text, [e]);
      m.edit([e], () => next);
      return next;
    };

    it('case 8 — undo: an orphan whose exact text comes back at its place is re-attached', () => {
      const m = modelWith(TEXT, Q2);
      const s = at(TEXT, Q2);
      let text = edit(m, TEXT, { start: s, end: s + Q2.length, text: '' });
      assert.strictEqual(m.status.get('a-undo0001'), 'orphaned');
      text = edit(m, text, { start: 0, end: 0, text: 'Typed at the top.\n' }); // another edit in between
      text = edit(m, text, { start: s + 18, end: s + 18, text: Q2 }); // the undo
      assert.strictEqual(m.status.get('a-undo0001'), 'exact');
      assert.deepStrictEqual(m.ranges.get('a-undo0001'), { start: s + 18, end: s + 18 + Q2.length });
      assert.strictEqual(text.slice(s + 18, s + 18 + Q2.length), Q2);
    });

    it('case 8 — a deleted block holding the passage, undone, brings it back', () => {
      const m = modelWith(TEXT, Q2);
      const from = at(TEXT, 'Section 6.');
      const to = at(TEXT, 'Section 8.');
      const block = TEXT.slice(from, to);
      const text = edit(m, TEXT, { start: from, end: to, text: '' });
      assert.strictEqual(m.status.get('a-undo0001'), 'orphaned');
      edit(m, text, { start: from, end: from, text: block });
      assert.deepStrictEqual(m.ranges.get('a-undo0001'), { start: at(TEXT, Q2), end: at(TEXT, Q2) + Q2.length });
    });

    it('case 8 — the same text put back elsewhere, or between other neighbours, stays orphaned', () => {
      const m = modelWith(TEXT, Q2);
      const s = at(TEXT, Q2);
      let text = edit(m, TEXT, { start: s, end: s + Q2.length, text: '' });
      text = edit(m, text, { start: 0, end: 0, text: Q2 }); // elsewhere
      assert.strictEqual(m.status.get('a-undo0001'), 'orphaned');
      text = edit(m, text, { start: s + Q2.length - 1, end: s + Q2.length, text: 'X' }); // a neighbour changed
      edit(m, text, { start: s + Q2.length, end: s + Q2.length, text: Q2 });
      assert.strictEqual(m.status.get('a-undo0001'), 'orphaned');
    });
  });

  describe('case 9: close', () => {
    it('case 9 — close writes changes that are not on disk yet when writing needs no question', async () => {
      const h = harness(TEXT);
      await h.session.load();
      h.fs.failNextWrite = true;
      await assert.rejects(h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]), /no space/);
      assert.strictEqual(h.session.unwritten(), true);
      assert.strictEqual(await h.session.close(), 'written');
      assert.deepStrictEqual(h.fs.ids(SIDECAR), ['a-one0001']);
    });

    it('case 9 — close keeps merged, unwritten changes when writing would need a question', async () => {
      const fs = new MemoryFileSystem();
      const h = harness(TEXT, fs);
      h.trusted = false;
      h.answer = undefined;
      await h.session.load();
      await h.session.put([annotationOn(TEXT, Q1, 'a-one0001')]);
      await cliAdds(new SidecarPersistence(fs), TEXT, Q2, 'a-cli00001');
      await h.session.diskChanged(); // merged: mine is not on disk
      assert.strictEqual(await h.session.close(), 'kept');
      assert.strictEqual(h.asked, 1, 'closing asks nothing');
      assert.deepStrictEqual([...h.session.model.annotations.keys()].sort(), ['a-cli00001', 'a-one0001']);
      assert.deepStrictEqual(fs.ids(SIDECAR), ['a-cli00001']);
    });
  });

  it('case 10 — reload from disk re-anchors a quote by its context, not at its first occurrence', () => {
    const quote = 'shall report yearly on item';
    const m = new AnnotationModel();
    const sixth = TEXT.indexOf(quote, TEXT.indexOf('Section 6.'));
    const a = annotationOn(TEXT, quote, 'a-reload01', TEXT.indexOf('Section 6.'));
    m.set(a, { start: sixth, end: sixth + quote.length });
    // A reload replaces the lines that changed on disk; here: a line added at the top and a word changed in section 6.
    const reloaded = 'A new first line.\n' + TEXT.replace('Section 6. The agency', 'Section 6. An agency');
    m.edit([{ start: 0, end: TEXT.length, text: reloaded }], () => reloaded);
    const expected = reloaded.indexOf(quote, reloaded.indexOf('Section 6.'));
    assert.notStrictEqual(reloaded.indexOf(quote), expected, 'the first occurrence is another section');
    assert.deepStrictEqual(m.ranges.get('a-reload01'), { start: expected, end: expected + quote.length });
  });

  describe('case 11: one Workspace Trust policy', () => {
    const gate = (trusted: boolean, answers: (boolean | undefined)[]) => {
      const memory = new MapMemory();
      let asked = 0;
      const g = new TrustGate({ isTrusted: () => trusted, memory, ask: async () => answers[asked++] });
      return { g, memory, asked: () => asked };
    };

    it('case 11 — trusted: writes without asking', async () => {
      const t = gate(true, []);
      assert.strictEqual(await t.g.mayWrite(), true);
      assert.strictEqual(t.g.writesAllowed(), true);
      assert.strictEqual(t.asked(), 0);
    });

    it('case 11 — untrusted: asked once per workspace, the answer remembered in workspace state', async () => {
      const t = gate(false, [true]);
      assert.strictEqual(t.g.writesAllowed(), false, 'no write without a question (closing writes nothing)');
      assert.deepStrictEqual(await Promise.all([t.g.mayWrite(), t.g.mayWrite()]), [true, true]);
      assert.strictEqual(await t.g.mayWrite(), true);
      assert.strictEqual(t.asked(), 1);
      assert.strictEqual(t.g.writesAllowed(), true);
      const again = new TrustGate({ isTrusted: () => false, memory: t.memory, ask: async () => assert.fail('asked twice') });
      assert.strictEqual(await again.mayWrite(), true, 'remembered for the workspace');
    });

    it('case 11 — a session in an untrusted workspace: reads without asking, writes after the one question, then without', async () => {
      const fs = new MemoryFileSystem();
      await cliAdds(new SidecarPersistence(fs), TEXT, Q2, 'a-cli00001');
      const h = harness(TEXT, fs);
      h.trusted = false;
      await h.session.load();
      assert.deepStrictEqual([...h.session.model.annotations.keys()], ['a-cli00001'], 'shown');
      assert.strictEqual(h.asked, 0, 'reading asks nothing');
      h.text = 'Typed at the top.\n' + TEXT;
      h.session.model.edit([{ start: 0, end: 0, text: 'Typed at the top.\n' }], () => h.text);
      await h.session.saved(); // a user act: asks, and writes when agreed
      assert.strictEqual(h.asked, 1);
      await h.session.put([annotationOn(h.text, Q1, 'a-one0001')]);
      assert.strictEqual(h.asked, 1, 'asked once');
      assert.deepStrictEqual(fs.ids(SIDECAR), ['a-cli00001', 'a-one0001']);
    });

    it('case 11 — untrusted: "no" is remembered too; a dismissed question is asked again', async () => {
      const no = gate(false, [false]);
      assert.strictEqual(await no.g.mayWrite(), false);
      assert.strictEqual(await no.g.mayWrite(), false);
      assert.strictEqual(no.asked(), 1);
      const dismissed = gate(false, [undefined, true]);
      assert.strictEqual(await dismissed.g.mayWrite(), false);
      assert.strictEqual(await dismissed.g.mayWrite(), true);
      assert.strictEqual(dismissed.asked(), 2);
    });
  });

  it('invariant — no write holds fewer annotations than the file and the editor held before, except those the user deleted', async function () {
    this.timeout(120000);
    const passages = ['Section 2.', 'Section 3.', Q1, Q2, 'year 2010', 'topic 63', 'item 11', 'Section 12.'];
    type Op = { kind: 'put' | 'cli' | 'remove' | 'rm' | 'changed' | 'deleted' | 'save' | 'race'; n: number };
    const op = fc.record({ kind: fc.constantFrom<Op['kind']>('put', 'put', 'cli', 'remove', 'rm', 'changed', 'deleted', 'save', 'race'), n: fc.nat(7) });
    await fc.assert(
      fc.asyncProperty(fc.array(op, { minLength: 4, maxLength: 14 }), async (ops) => {
        const fs = new MemoryFileSystem();
        let lock = Promise.resolve();
        fs.withLock = <T>(_l: string, work: () => Promise<T>): Promise<T> => {
          const run = lock.then(work);
          lock = run.then(() => undefined, () => undefined);
          return run;
        };
        const userDeleted = new Set<string>();
        const editorFs = Object.create(fs) as MemoryFileSystem;
        const violations: string[] = [];
        const h = harness(TEXT, fs, new SidecarPersistence(editorFs));
        // Every annotation the file or the editor ever held, less the user's deletions (a file deleted on
        // disk takes with it only what the editor had not seen yet).
        const known = new Set<string>();
        const learn = (): void => {
          for (const id of [...(fs.ids(SIDECAR) ?? []), ...h.session.model.annotations.keys()]) if (!userDeleted.has(id)) known.add(id);
        };
        editorFs.writeFileAtomic = async (l, bytes) => {
          learn();
          await fs.writeFileAtomic(l, bytes);
          const after = new Set(fs.ids(l));
          for (const id of known) if (!after.has(id) && !userDeleted.has(id)) violations.push(`write lost ${id}`);
        };
        const cli = new SidecarPersistence(fs);
        h.restoreChoice = 'restore';
        await h.session.load();
        let k = 0;
        for (const { kind, n } of ops) {
          const quote = passages[n]!;
          k++;
          if (kind === 'put' || kind === 'race') userDeleted.delete(`a-ed${n}0000`);
          if (kind === 'put') await h.session.put([{ ...annotationOn(TEXT, quote, `a-ed${n}0000`), note: `v${k}` }]);
          else if (kind === 'cli') await cliAdds(cli, TEXT, quote, `a-cli${k}0000`);
          else if (kind === 'race') await Promise.all([h.session.put([annotationOn(TEXT, quote, `a-ed${n}0000`)]), cliAdds(cli, TEXT, quote, `a-cli${k}0000`)]);
          else if (kind === 'remove') {
            const id = [...h.session.model.annotations.keys()][n % Math.max(1, h.session.model.annotations.size)];
            if (id && !h.session.readOnly) (userDeleted.add(id), known.delete(id), await h.session.remove(id));
          } else if (kind === 'rm') {
            known.clear();
            for (const id of h.session.model.annotations.keys()) known.add(id);
            fs.files.delete(SIDECAR);
            await h.session.diskDeleted();
          }
          else if (kind === 'changed') await h.session.diskChanged();
          else if (kind === 'deleted') await h.session.diskDeleted();
          else await h.session.saved();
          learn();
        }
        await h.session.diskChanged();
        for (const id of known) if (!h.session.model.annotations.has(id)) violations.push(`editor lost ${id}`);
        assert.deepStrictEqual(violations, []);
      }),
      { seed: 8008, numRuns: 60 },
    );
  });
});
