import { promises as fs } from 'fs';
import * as path from 'path';
import type { KnowledgePack } from '../core/data/model';
import { ThemeMatcher } from '../core/lexicon/themeMatcher';
import { recognise } from '../core/recognition/recognise';
import { CliError } from './cliError';
import type { Output } from './commands';
import { isMarkdownPath, readDocument } from './documents';

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

const WORD = /[\p{L}\p{N}]+(?:['’-][\p{L}\p{N}]+)*/gu;

/** Words counted one match at a time (`match` would hold every word of a 50 MB text in one array). */
function countWords(text: string): number {
  let n = 0;
  WORD.lastIndex = 0;
  while (WORD.exec(text)) n++;
  return n;
}

interface PlanTally {
  plan: string;
  title: string;
  files: string[];
  words: number;
  counts: Map<string, number>;
}

/** Theme frequencies per recognised plan, side by side: counts and occurrences per 1,000 words. */
export async function reportCommand(pack: KnowledgePack, dir: string): Promise<Output> {
  const matcher = new ThemeMatcher(pack.themes);
  const tallies = new Map<string, PlanTally>();
  const unrecognised: string[] = [];
  for (const file of await documentsUnder(dir)) {
    let text: string;
    try {
      text = await readDocument(file);
    } catch (err) {
      // One unreadable file (permissions, a FIFO, over the size limit) must not sink the whole report.
      process.stderr.write(`policy-lens: warning: ${(err as Error).message}; skipped\n`);
      continue;
    }
    const { plan } = recognise(text, pack, { markdown: isMarkdownPath(file) });
    if (!plan) {
      unrecognised.push(file);
      continue;
    }
    let t = tallies.get(plan.id);
    if (!t) tallies.set(plan.id, (t = { plan: plan.id, title: plan.shortTitle, files: [], words: 0, counts: new Map() }));
    t.files.push(file);
    t.words += countWords(text);
    for (const m of matcher.matchText(text)) t.counts.set(m.themeId, (t.counts.get(m.themeId) ?? 0) + 1);
  }
  const plans = [...tallies.values()].sort((a, b) => a.plan.localeCompare(b.plan));
  const per1000 = (t: PlanTally, id: string): number => (t.words ? Math.round(((t.counts.get(id) ?? 0) * 10000) / t.words) / 10 : 0);
  const json = {
    plans: plans.map((t) => ({
      plan: t.plan,
      files: t.files,
      words: t.words,
      themes: Object.fromEntries(pack.themes.map((th) => [th.id, { count: t.counts.get(th.id) ?? 0, per1000: per1000(t, th.id) }])),
    })),
    unrecognised,
  };
  if (plans.length === 0) return { json, text: `${dir}: no recognised plan among ${unrecognised.length} document(s)` };
  const idWidth = Math.max(...pack.themes.map((t) => t.id.length)) + 2;
  const col = Math.max(22, ...plans.map((t) => t.title.length + 2));
  const lines = [
    ''.padEnd(idWidth) + plans.map((t) => t.title.padEnd(col)).join(''),
    ''.padEnd(idWidth) + plans.map((t) => `${t.words} words`.padEnd(col)).join(''),
    'theme'.padEnd(idWidth) + plans.map(() => 'count  per 1,000'.padEnd(col)).join(''),
  ];
  for (const th of pack.themes) {
    lines.push(th.id.padEnd(idWidth) + plans.map((t) => `${String(t.counts.get(th.id) ?? 0).padStart(5)}  ${per1000(t, th.id).toFixed(1).padStart(9)}`.padEnd(col)).join(''));
  }
  if (unrecognised.length) lines.push('', `not recognised: ${unrecognised.join(', ')}`);
  return { json, text: lines.join('\n') };
}
