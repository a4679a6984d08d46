import * as path from 'path';
import { loadPackFromDir } from '../src/cli/nodePack';
import type { KnowledgePack } from '../src/core/data/model';
import { REPO } from './inputs';

let cached: Promise<KnowledgePack> | undefined;

/** The bundled knowledge pack (annotations/), loaded once per run. */
export function bundledPack(): Promise<KnowledgePack> {
  cached ??= loadPackFromDir(path.join(REPO, 'annotations')).then(({ pack, problems }) => {
    const errors = problems.filter((p) => p.severity === 'error');
    if (errors.length) throw new Error(`the knowledge pack has errors: ${errors.map((p) => p.message).join('; ')}`);
    return pack;
  });
  return cached;
}
