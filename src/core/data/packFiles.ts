import type { PackSources, SourceFile } from './loadPack';

/** How a knowledge pack folder is laid out; the adapters supply the reading. */
export const PACK_THEMES = 'themes.yaml';
export const PACK_COUNTERPARTS = 'counterparts.yaml';
export const PACK_PLANS_DIR = 'plans';

export interface PackReader {
  /** Text of a file relative to the pack folder. */
  readText(relativePath: string): Promise<string>;
  /** Names of the files in a subfolder of the pack folder. */
  list(relativeDir: string): Promise<string[]>;
  /** How a relative path should be shown in messages. */
  display(relativePath: string): string;
}

export async function readPackSources(reader: PackReader): Promise<PackSources> {
  const read = async (rel: string): Promise<SourceFile> => ({ file: reader.display(rel), text: await reader.readText(rel) });
  const planNames = (await reader.list(PACK_PLANS_DIR)).filter((n) => /\.ya?ml$/.test(n)).sort();
  const [themes, counterparts, ...plans] = await Promise.all([
    read(PACK_THEMES),
    read(PACK_COUNTERPARTS),
    ...planNames.map((n) => read(`${PACK_PLANS_DIR}/${n}`)),
  ]);
  return { themes: themes!, counterparts: counterparts!, plans };
}
