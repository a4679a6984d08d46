import { loadPackFromDir } from '../src/cli/nodePack';
import type { KnowledgePack } from '../src/core/data/model';
import { PACK_DIR } from './paths';

let cached: Promise<KnowledgePack> | undefined;

/** The bundled knowledge pack, loaded once per test run; fails loudly if it has problems. */
export function bundledPack(): Promise<KnowledgePack> {
  cached ??= loadPackFromDir(PACK_DIR).then(({ pack, problems }) => {
    if (problems.length) throw new Error(`bundled pack has problems:\n${problems.map((p) => `${p.file}:${p.line + 1}: ${p.message}`).join('\n')}`);
    return pack;
  });
  return cached;
}
