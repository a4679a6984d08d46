import * as assert from 'assert';
import fc from 'fast-check';
import { schemaAccepts } from '../../src/core/data/schemaCheck';
import { surelyValidAnnotation } from '../../src/core/sidecar/annotationShape';
import { ANNOTATION_SCHEMA } from '../../src/core/sidecar/schema';
import { annotations, plain, proseAnnotations } from '../sidecarArbitraries';

const ajv = (v: unknown): boolean => schemaAccepts(v, ANNOTATION_SCHEMA);

/** One field of an annotation set to a value (a path of keys and indices), on a copy. */
function withField(a: unknown, path: readonly (string | number)[], value: unknown): unknown {
  const copy = plain(a) as Record<string | number, unknown>;
  let node = copy;
  for (const k of path.slice(0, -1)) {
    if (typeof node[k] !== 'object' || node[k] === null) return copy; // no such field here: left as it is
    node = node[k] as Record<string | number, unknown>;
  }
  const last = path[path.length - 1]!;
  if (value === undefined) delete node[last];
  else node[last] = value;
  return copy;
}

const PATHS: readonly (string | number)[][] = [
  ['id'], ['target'], ['target', 'quote'], ['target', 'quote', 'exact'], ['target', 'quote', 'prefix'], ['target', 'quote', 'suffix'],
  ['target', 'position'], ['target', 'position', 'start'], ['target', 'position', 'end'], ['codes'], ['codes', 0], ['note'], ['author'],
  ['created'], ['modified'], ['links'], ['links', 0], ['links', 0, 'relation'], ['links', 0, 'document'], ['links', 0, 'annotation'],
  ['links', 0, 'plan'], ['links', 0, 'provision'], ['links', 0, 'note'], ['extra'], ['target', 'extra'], ['links', 0, 'extra'],
];
const BAD_VALUES: readonly unknown[] = [undefined, '', ' ', 'a b', '-x', '/abs', 'C:x', 'x\\y', 'ok', '2025-13', '2025-01-01T00:00:00.000Z', -1, 1.5, 0, 7, null, [], {}, ['x', 'x'], ['a b'], [{}], 'a'.repeat(65), '\u0001'];

/** The fast reader's shortcut past Ajv (annotationShape.ts): sure only when Ajv agrees. */
describe('annotation shape check (the fast reader’s shortcut past Ajv)', () => {
  it('accepts every annotation the schema accepts, as generated', () => {
    fc.assert(
      fc.property(fc.oneof(annotations(4), proseAnnotations(4)), (list) => {
        for (const a of list) assert.strictEqual(surelyValidAnnotation(a), ajv(a), JSON.stringify(a));
      }),
      { seed: 4242, numRuns: 300 },
    );
  });

  it('never says valid where Ajv says invalid: every field missing, mistyped or out of pattern', () => {
    let rejected = 0;
    fc.assert(
      fc.property(annotations(2), fc.constantFrom(...PATHS), fc.constantFrom(...BAD_VALUES), (list, path, value) => {
        for (const a of list) {
          const broken = withField(a, path, value);
          if (!ajv(broken)) {
            rejected++;
            assert.strictEqual(surelyValidAnnotation(broken), false, `${path.join('.')} = ${JSON.stringify(value)}`);
          } else if (surelyValidAnnotation(broken)) assert.ok(ajv(broken));
        }
      }),
      { seed: 77, numRuns: 2000 },
    );
    assert.ok(rejected > 500, `${rejected} broken annotations checked`);
  });

  it('leaves anything but plain objects to Ajv', () => {
    const a = { id: 'a-1', target: { quote: { exact: 'x', prefix: '', suffix: '' }, position: { start: 0, end: 1 } }, codes: ['c'], created: '2025-01-01' };
    assert.strictEqual(surelyValidAnnotation(a), true);
    assert.strictEqual(surelyValidAnnotation(Object.assign(Object.create(null) as object, a)), false);
    assert.strictEqual(surelyValidAnnotation([a]), false);
    assert.strictEqual(surelyValidAnnotation(null), false);
  });
});
