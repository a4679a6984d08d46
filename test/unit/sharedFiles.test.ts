import * as assert from 'assert';
import * as path from 'path';
import { REPO, SAMPLE_US, SHARED } from '../paths';
import { missingShared, onCi, requireShared } from '../shared';

/** Regression (issue 13, item 9): a plain clone without ../shared failed 14 tests instead of leaving them pending. */
describe('tests that need ../shared', () => {
  const absent = path.join(SHARED, 'corpus', 'no-such-file.txt');

  it('knows CI from the CI variable ("true", "1"; not "false", "0" or unset)', () => {
    assert.deepStrictEqual([{ CI: 'true' }, { CI: '1' }, { CI: 'false' }, { CI: '0' }, { CI: '' }, {}].map((env) => onCi(env)), [true, true, false, false, false, false]);
  });

  it('only files under ../shared may be missing: the repository’s own files are read as usual', () => {
    assert.deepStrictEqual(missingShared([absent, SAMPLE_US, path.join(REPO, 'no-such-sample.md')]), [absent]);
  });

  it('outside CI, a test whose ../shared file is absent is skipped with the reason in its title; on CI it fails', () => {
    const saved = process.env.CI;
    const skipped = new Error('skipped');
    const test = { title: 'reads the corpus' };
    const ctx = { test, skip: () => { throw skipped; } } as unknown as Mocha.Context;
    try {
      delete process.env.CI;
      assert.throws(() => requireShared(ctx, [absent]), (e) => e === skipped);
      assert.strictEqual(test.title, 'reads the corpus (pending: needs ../shared/corpus/no-such-file.txt, absent on this checkout)');
      process.env.CI = 'true';
      assert.throws(() => requireShared(ctx, [absent]), /CI expects \.\.\/shared\/corpus\/no-such-file\.txt/);
      assert.doesNotThrow(() => requireShared(ctx, [SAMPLE_US]));
    } finally {
      if (saved === undefined) delete process.env.CI;
      else process.env.CI = saved;
    }
  });
});
