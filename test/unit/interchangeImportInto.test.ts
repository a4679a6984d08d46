import * as assert from 'assert';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { collectProject } from '../../src/core/interchange/collect';
import { exportProject, importBytes } from '../../src/core/interchange/formats';
import { importInto } from '../../src/core/interchange/importInto';
import { parseCodebook } from '../../src/core/codebook/codebook';
import { SidecarPersistence } from '../../src/core/sidecar/persistence';
import { NodeFileSystem } from '../../src/node/nodeFileSystem';
import { CODES, trickyProject } from '../interchangeFixtures';
import { bundledPack } from '../packFixture';

const port = new NodeFileSystem();
const KNOWN = CODES.map((c) => c.id);

describe('interchange: collect and importInto', function () {
  this.timeout(60000);
  let dir: string;
  beforeEach(() => (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'pl-interchange-'))));
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  const read = async (file: string) => new SidecarPersistence(port).read(file);

  it('imports into an empty folder: documents, sidecars and codebook written', async () => {
    const result = importBytes('x.qdpx', exportProject(trickyProject(), 'qdpx'), { knownCodeIds: KNOWN });
    const summary = await importInto(port, dir, result, { knownCodeIds: ['open-source'] });
    assert.deepStrictEqual([...summary.documentsWritten].sort(), ['notes/empty.txt', 'notes/other.txt', 'plans/tricky.policy.txt']);
    assert.strictEqual(summary.annotationsAdded, 4);
    assert.deepStrictEqual(summary.codesAdded, ['follow-up', 'follow-up-legal'], 'a pack theme is not copied into the codebook');
    const state = await read(path.join(dir, 'plans', 'tricky.policy.txt.annotations.yaml'));
    assert.deepStrictEqual(state.problems, []);
    assert.deepStrictEqual(state.annotations.map((a) => a.id).sort(), ['a-astral0001', 'a-clause0001', 'a-crlf000001']);
    const book = parseCodebook('codebook.yaml', fs.readFileSync(path.join(dir, '.policy-lens', 'codebook.yaml'), 'utf8'));
    assert.deepStrictEqual(book.problems, []);
    assert.deepStrictEqual(book.codes.map((c) => [c.id, c.parent ?? null]), [['follow-up', null], ['follow-up-legal', 'follow-up']]);
  });

  it('merges into a folder with sidecars by id and never overwrites (documents, annotations, codebook)', async () => {
    const project = trickyProject();
    const result = importBytes('x.qdpx', exportProject(project, 'qdpx'), { knownCodeIds: KNOWN });
    await importInto(port, dir, result);
    // The analyst edits one imported annotation and the codebook; a second import must keep both edits.
    const sidecar = path.join(dir, 'plans', 'tricky.policy.txt.annotations.yaml');
    const store = new SidecarPersistence(port);
    const base = await store.read(sidecar);
    const edited = base.annotations.map((a) => (a.id === 'a-clause0001' ? { ...a, note: 'edited here' } : a));
    await store.write({ sidecar, documentName: 'tricky.policy.txt', base, annotations: edited });
    const codebookFile = path.join(dir, '.policy-lens', 'codebook.yaml');
    fs.writeFileSync(codebookFile, fs.readFileSync(codebookFile, 'utf8').replace('label: Follow up', 'label: Follow up (ours)') + '# a comment we keep\n');
    const docFile = path.join(dir, 'notes', 'other.txt');
    fs.writeFileSync(docFile, 'Our own version of the document with a clause.\n');

    const again = await importInto(port, dir, result);
    assert.strictEqual(again.annotationsAdded, 0);
    assert.strictEqual(again.annotationsKept, 4);
    assert.deepStrictEqual(again.documentsWritten, []);
    assert.ok(again.warnings.some((w) => w.startsWith('notes/other.txt: already there with other text')));
    assert.strictEqual((await read(sidecar)).annotations.find((a) => a.id === 'a-clause0001')?.note, 'edited here');
    assert.strictEqual(fs.readFileSync(docFile, 'utf8'), 'Our own version of the document with a clause.\n');
    const book = fs.readFileSync(codebookFile, 'utf8');
    assert.match(book, /label: Follow up \(ours\)/);
    assert.match(book, /# a comment we keep/);

    // Another file's annotations are added next to what is there.
    const other = importBytes('y.qdpx', exportProject({ ...project, documents: [{ ...project.documents[0]!, annotations: [{ ...project.documents[0]!.annotations[0]!, id: 'a-newone0001' }] }] }, 'qdpx'), { knownCodeIds: KNOWN });
    const third = await importInto(port, dir, other);
    assert.strictEqual(third.annotationsAdded, 1);
    assert.deepStrictEqual((await read(sidecar)).annotations.map((a) => a.id).sort(), ['a-astral0001', 'a-clause0001', 'a-crlf000001', 'a-newone0001']);
  });

  it('leaves a sidecar with errors untouched and says so', async () => {
    const result = importBytes('x.qdpx', exportProject(trickyProject(), 'qdpx'), { knownCodeIds: KNOWN });
    const sidecar = path.join(dir, 'notes', 'other.txt.annotations.yaml');
    fs.mkdirSync(path.dirname(sidecar), { recursive: true });
    fs.writeFileSync(sidecar, 'version: 1\ndocument: other.txt\nannotations: [ {id: }\n');
    const summary = await importInto(port, dir, result);
    assert.ok(summary.warnings.some((w) => w.includes('other.txt.annotations.yaml: has errors; left untouched')));
    assert.strictEqual(fs.readFileSync(sidecar, 'utf8'), 'version: 1\ndocument: other.txt\nannotations: [ {id: }\n');
  });

  it('collects documents, sidecars, plan and provisions from a folder, and exports what it collected', async () => {
    const result = importBytes('x.qdpx', exportProject(trickyProject(), 'qdpx'), { knownCodeIds: KNOWN });
    await importInto(port, dir, result, { knownCodeIds: ['open-source'] });
    const collected = await collectProject(port, [dir], { pack: await bundledPack() });
    assert.deepStrictEqual(collected.warnings, []);
    assert.deepStrictEqual(collected.project.documents.map((d) => d.path), ['notes/empty.txt', 'notes/other.txt', 'plans/tricky.policy.txt']);
    assert.ok(collected.project.codes.some((c) => c.id === 'follow-up-legal' && c.source === 'codebook'));
    assert.ok(collected.project.codes.some((c) => c.source === 'theme'));
    const back = importBytes('z.qdpx', exportProject(collected.project, 'qdpx'), { knownCodeIds: collected.project.codes.map((c) => c.id) });
    const ids = (p: typeof back.project) => p.documents.flatMap((d) => d.annotations.map((a) => `${d.path}#${a.id}:${a.codes.join(',')}`)).sort();
    assert.deepStrictEqual(ids(back.project), ids(result.project));
  });
});
