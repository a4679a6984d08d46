import { promises as fs } from 'fs';
import * as path from 'path';
import type { KnowledgePack } from '../core/data/model';
import { themeFrequencies, type FrequencyDocument, type PlanFrequencies } from '../core/charts/themeFrequencies';
import { CliError } from './cliError';
import type { Output } from './commands';
import { isMarkdownPath, readDocument } from './documents';
import { writeChart } from './reportChart';

const DOCUMENT = /\.(md|markdown|txt)$/i;
const SKIP_DIRS = new Set(['node_modules', '.git', '.policy-lens']);

async function documentsUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  const entries = await fs.readdir(dir, { withFileTypes: true }).catch((err: NodeJS.ErrnoException) => {
    throw new CliError(err.code === 'ENOENT' ? `${dir}: no such directory` : err.code === 'ENOTDIR' ? `${dir}: not a directory` : `${dir}: ${err.message}`);
  });
  for (const e of entries.sort((a, b) => a.name.localeCompare(b.name))) {
    const p = path.join(dir, e.name);
    if (e.isDirectory() && !SKIP_DIRS.has(e.name)) out.push(...(await documentsUnder(p)));
    else if (e.isFile() && DOCUMENT.test(e.name)) out.push(p);
  }
  return out;
}

/** Theme frequencies per recognised plan, side by side: counts and occurrences per 1,000 words. */
export async function reportCommand(pack: KnowledgePack, dir: string, chart?: string): Promise<Output> {
  const documents: FrequencyDocument[] = [];
  for (const file of await documentsUnder(dir)) {
    try {
      documents.push({ document: file, label: path.relative(dir, file), text: await readDocument(file), markdown: isMarkdownPath(file) });
    } catch (err) {
      // One unreadable file (permissions, a FIFO, over the size limit) must not sink the whole report.
      process.stderr.write(`policy-lens: warning: ${(err as Error).message}; skipped\n`);
    }
  }
  // With --chart the frequencies come with the chart's data (computed once); the table alone keeps no passages.
  const { plans, unrecognised } = chart !== undefined ? await writeChart(pack, dir, documents, chart) : themeFrequencies(pack, documents, { passages: false });
  const count = (t: PlanFrequencies, id: string): number => t.themes.find((x) => x.theme === id)?.count ?? 0;
  const per1000 = (t: PlanFrequencies, id: string): number => t.themes.find((x) => x.theme === id)?.per1000 ?? 0;
  const json = {
    plans: plans.map((t) => ({
      plan: t.plan,
      files: t.documents,
      words: t.words,
      themes: Object.fromEntries(pack.themes.map((th) => [th.id, { count: count(t, th.id), per1000: per1000(t, th.id) }])),
    })),
    unrecognised,
  };
  if (plans.length === 0) return { json, text: `${dir}: no recognised plan among ${unrecognised.length} document(s)` };
  const idWidth = Math.max(...pack.themes.map((t) => t.id.length)) + 2;
  const col = Math.max(22, ...plans.map((t) => t.shortTitle.length + 2));
  const lines = [
    ''.padEnd(idWidth) + plans.map((t) => t.shortTitle.padEnd(col)).join(''),
    ''.padEnd(idWidth) + plans.map((t) => `${t.words} words`.padEnd(col)).join(''),
    'theme'.padEnd(idWidth) + plans.map(() => 'count  per 1,000'.padEnd(col)).join(''),
  ];
  for (const th of pack.themes) {
    lines.push(th.id.padEnd(idWidth) + plans.map((t) => `${String(count(t, th.id)).padStart(5)}  ${per1000(t, th.id).toFixed(1).padStart(9)}`.padEnd(col)).join(''));
  }
  if (unrecognised.length) lines.push('', `not recognised: ${unrecognised.join(', ')}`);
  return { json, text: lines.join('\n') };
}
