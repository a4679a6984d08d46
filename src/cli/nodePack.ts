import { promises as fs, statSync } from 'fs';
import * as path from 'path';
import { loadKnowledgePack, type PackResult } from '../core/data/loadPack';
import { readPackSources, type PackReader } from '../core/data/packFiles';

/** The knowledge pack shipped beside the bundle (dist/../annotations), or in the source tree when run from out/. */
export function bundledPackDir(): string {
  for (const candidate of [path.join(__dirname, '..', 'annotations'), path.join(__dirname, '..', '..', '..', 'annotations')]) {
    try {
      statSync(path.join(candidate, 'themes.yaml'));
      return candidate;
    } catch {
      // try the next layout
    }
  }
  throw new Error(`cannot find the bundled knowledge pack next to ${__dirname}`);
}

export function nodePackReader(dir: string, displayBase = process.cwd()): PackReader {
  return {
    readText: (rel) => fs.readFile(path.join(dir, rel), 'utf8'),
    list: async (rel) => fs.readdir(path.join(dir, rel)).catch(() => []),
    display: (rel) => path.relative(displayBase, path.join(dir, rel)) || rel,
  };
}

export async function loadPackFromDir(dir: string = bundledPackDir()): Promise<PackResult> {
  return loadKnowledgePack(await readPackSources(nodePackReader(dir)));
}
