import * as fs from 'fs';
import * as path from 'path';
import { REPO, SHARED } from './paths';

/**
 * Tests that read ../shared (the corpus: only this project's CI has it beside the checkout). On a plain
 * clone they are pending, the reason in their title; on CI (CI set, not "false" or "0") a missing file is a
 * failure, since CI expects the corpus and must not pass without having run those tests.
 */
export function onCi(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!env.CI && !/^(0|false)$/i.test(env.CI);
}

/** Files under ../shared among `files` that are absent (other files are read as usual: missing ones fail). */
export function missingShared(files: readonly string[]): string[] {
  const inShared = (f: string): boolean => !path.relative(SHARED, f).startsWith('..');
  return files.filter((f) => inShared(f) && !fs.existsSync(f));
}

/** Skips the running test (pending, reason in its title) when a file of ../shared is absent; fails on CI. */
export function requireShared(ctx: Mocha.Context, files: readonly string[]): void {
  const missing = missingShared(files);
  if (missing.length === 0) return;
  const names = missing.map((f) => path.relative(REPO, f)).join(', ');
  if (onCi()) throw new Error(`CI expects ${names} (../shared beside the checkout) and it is not there`);
  if (ctx.test) ctx.test.title += ` (pending: needs ${names}, absent on this checkout)`;
  ctx.skip();
}

/** `it`, pending when a file of ../shared it reads is absent (see requireShared). */
export function itWithShared(files: readonly string[], title: string, fn: (this: Mocha.Context) => void | Promise<unknown>): Mocha.Test {
  return it(title, function () {
    requireShared(this, files);
    return fn.call(this);
  });
}
