import * as path from 'path';
import { compareData, renderCompareSvg } from '../core/charts/compareCharts';
import type { AnnotatedDocument, PlacedAnnotation } from '../core/charts/passages';
import type { FrequencyDocument, ThemeFrequencies } from '../core/charts/themeFrequencies';
import { anchorAnnotations } from '../core/annotations/annotationFactory';
import type { KnowledgePack } from '../core/data/model';
import { writeFileAtomic } from '../node/atomicWrite';
import { NODE_FS_OPS } from '../node/fsOps';
import { CliError } from './cliError';
import { codesFor, loadSidecar, reportSidecarProblems, warn } from './sidecarRead';

/** The annotations of each document, re-anchored in its text as it is now; orphans are left out (and said). */
async function annotated(documents: readonly FrequencyDocument[]): Promise<AnnotatedDocument[]> {
  const out: AnnotatedDocument[] = [];
  for (const d of documents) {
    const loaded = await loadSidecar(d.document, d.text.length);
    if (!loaded || loaded.state.annotations.length === 0) continue;
    reportSidecarProblems(loaded);
    const placed: PlacedAnnotation[] = [];
    let orphaned = 0;
    for (const { annotation, anchor } of anchorAnnotations(d.text, loaded.state.annotations)) {
      if (anchor.status === 'orphaned') orphaned++;
      else placed.push({ id: annotation.id, codes: annotation.codes, start: anchor.start, end: anchor.end });
    }
    if (orphaned) warn(`${orphaned} orphaned annotation${orphaned === 1 ? '' : 's'} in ${loaded.sidecarFile} left out of the chart`);
    out.push({ ...d, annotations: placed });
  }
  return out;
}

/**
 * `report DIR --chart FILE.svg`: the *Compare Plans* charts as one SVG file (the renderer the webview uses),
 * written atomically. Returns the theme frequencies, so the table is not computed twice.
 */
export async function writeChart(pack: KnowledgePack, dir: string, documents: readonly FrequencyDocument[], file: string): Promise<ThemeFrequencies> {
  if (!file) throw new CliError('--chart needs a file name (FILE.svg)', 2);
  const codes = await codesFor(path.join(dir, 'DIR'), pack.themes) // looked for from DIR upwards;
  const data = compareData(pack, documents, await annotated(documents), [...codes.values()]);
  try {
    await writeFileAtomic(NODE_FS_OPS, path.resolve(file), new TextEncoder().encode(renderCompareSvg(data)));
  } catch (err) {
    throw new CliError(`${file}: cannot write the chart: ${(err as Error).message}`);
  }
  return data.frequencies;
}
