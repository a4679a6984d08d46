import { execFile } from 'child_process';
import * as path from 'path';
import { promisify } from 'util';
import { compareCoders, type AgreementReport, type CodedSpan } from '../core/agreement/agreement';
import { anchorAnnotations } from '../core/annotations/annotationFactory';
import { formatProblem } from '../core/data/problem';
import { DEFAULT_SIDECAR_MAX_BYTES } from '../core/limits';
import type { Annotation } from '../core/sidecar/model';
import { parseSidecar } from '../core/sidecar/parse';
import { LineIndex } from '../core/text/lineIndex';
import { CliError } from './cliError';
import type { Output } from './commands';
import { readDocument } from './documents';
import { loadSidecar, reportSidecarProblems, SIDECAR_SUFFIX, warn } from './sidecarRead';

const run = promisify(execFile);

export interface AgreementOptions {
  /** `--coders A,B`: two authors in FILE's sidecar. */
  readonly coders?: string;
  /** `--ref REF_A --ref REF_B`: the sidecar as committed on two git refs. */
  readonly refs?: readonly string[];
}

interface Coder {
  readonly name: string;
  readonly annotations: readonly Annotation[];
}

/** The sidecar of `file` as committed on `ref` (git show REF:./name, run in the sidecar's folder; no shell). */
async function sidecarAtRef(file: string, ref: string): Promise<Annotation[]> {
  const sidecarFile = `${file}${SIDECAR_SUFFIX}`;
  let stdout: Buffer;
  try {
    ({ stdout } = await run('git', ['show', `${ref}:./${path.basename(sidecarFile)}`], { cwd: path.dirname(path.resolve(sidecarFile)), encoding: 'buffer', maxBuffer: DEFAULT_SIDECAR_MAX_BYTES + 1, windowsHide: true }));
  } catch (err) {
    const e = err as Error & { stderr?: Buffer; code?: string | number };
    if (e.code === 'ENOENT') throw new CliError('git is not installed (or not on PATH)');
    throw new CliError(`cannot read ${sidecarFile} at ${ref}: ${(e.stderr?.toString('utf8') ?? e.message).trim()}`);
  }
  const parsed = parseSidecar(`${sidecarFile} (at ${ref})`, new Uint8Array(stdout), { maxBytes: DEFAULT_SIDECAR_MAX_BYTES });
  for (const p of parsed.problems) process.stderr.write(`${formatProblem(p)}\n`);
  return parsed.annotations;
}

async function coders(file: string, length: number, o: AgreementOptions): Promise<[Coder, Coder]> {
  if (o.refs?.length) {
    if (o.refs.length !== 2 || o.coders) throw new CliError('give two --ref REF (or --coders A,B)', 2);
    const [ra, rb] = o.refs as [string, string];
    const [a, b] = await Promise.all([sidecarAtRef(file, ra), sidecarAtRef(file, rb)]);
    return [{ name: ra, annotations: a }, { name: rb, annotations: b }];
  }
  const names = (o.coders ?? '').split(',').map((s) => s.trim());
  if (names.length !== 2 || !names[0] || !names[1]) throw new CliError('give --coders A,B (two authors) or two --ref REF', 2);
  const loaded = await loadSidecar(file, length);
  if (!loaded) throw new CliError(`${file}: no annotations (${file}${SIDECAR_SUFFIX} does not exist)`);
  reportSidecarProblems(loaded);
  const all = loaded.state.annotations;
  const byAuthor = (name: string): Coder => ({ name, annotations: all.filter((a) => a.author === name) });
  return [byAuthor(names[0]), byAuthor(names[1])];
}

/** A coder's annotations re-anchored in the current text; orphans are left out (and counted). */
function anchoredSpans(text: string, coder: Coder): { spans: CodedSpan[]; orphaned: number } {
  const spans: CodedSpan[] = [];
  let orphaned = 0;
  for (const { annotation, anchor } of anchorAnnotations(text, coder.annotations)) {
    if (anchor.status === 'orphaned') orphaned++;
    else spans.push({ start: anchor.start, end: anchor.end, codes: annotation.codes });
  }
  return { spans, orphaned };
}

const round = (x: number | undefined): number | null => (x === undefined || !Number.isFinite(x) ? null : Math.round(x * 10_000) / 10_000);
const show = (x: number | undefined, digits: number, suffix = ''): string => (x === undefined ? 'undefined' : `${x.toFixed(digits)}${suffix}`);

/**
 * `policy-lens agreement FILE --coders A,B` or `--ref REF_A --ref REF_B`: per code and overall, percent
 * agreement, Cohen's κ per character and Krippendorff's αu of two coders' annotations of FILE, each
 * re-anchored in FILE as it is now. Undefined (JSON null) where there is nothing to compare.
 */
export async function agreementCommand(file: string, options: AgreementOptions): Promise<Output> {
  const text = await readDocument(file);
  const [a, b] = await coders(file, text.length, options);
  const sa = anchoredSpans(text, a);
  const sb = anchoredSpans(text, b);
  for (const [c, s] of [[a, sa], [b, sb]] as const) {
    if (c.annotations.length === 0) warn(`no annotations by ${options.refs?.length ? `the sidecar at ${c.name}` : `'${c.name}'`} in ${file}${SIDECAR_SUFFIX}`);
    if (s.orphaned) warn(`${s.orphaned} annotation${s.orphaned === 1 ? '' : 's'} of ${c.name} could not be re-anchored in ${file} and ${s.orphaned === 1 ? 'is' : 'are'} left out`);
  }
  const report = compareCoders(text.length, sa.spans, sb.spans);
  return render(file, text, [a.name, b.name], report, [sa.orphaned, sb.orphaned]);
}

function render(file: string, text: string, names: [string, string], r: AgreementReport, orphaned: [number, number]): Output {
  const lines = new LineIndex(text);
  const json = {
    document: file,
    coders: names,
    characters: r.length,
    orphaned: { [names[0]]: orphaned[0], [names[1]]: orphaned[1] },
    codes: r.codes.map((c) => ({
      code: c.code,
      percentAgreement: round(c.percentAgreement),
      kappa: round(c.kappa),
      alphaU: round(c.alphaU),
      characters: { [names[0]]: c.charactersA, [names[1]]: c.charactersB, both: c.charactersBoth },
      units: { [names[0]]: c.unitsA, [names[1]]: c.unitsB },
      disagreements: c.disagreements.map((d) => ({ coder: d.coder === 'A' ? names[0] : names[1], start: lines.positionAt(d.start), end: lines.positionAt(d.end) })),
    })),
    overall: { percentAgreement: round(r.overall.percentAgreement), kappa: round(r.overall.kappa), alphaU: round(r.overall.alphaU), codesCompared: r.overall.codesCompared },
  };
  const width = Math.max(7, ...r.codes.map((c) => c.code.length));
  const row = (name: string, pct: number | undefined, k: number | undefined, au: number | undefined, tail = ''): string =>
    `${name.padEnd(width)}  ${show(pct, 2, '%').padStart(9)}  ${show(k, 3).padStart(9)}  ${show(au, 3).padStart(9)}${tail}`;
  const out = [
    `${file}: ${names[0]} vs ${names[1]}, ${r.length.toLocaleString('en')} characters`,
    `${'code'.padEnd(width)}  ${'% agree'.padStart(9)}  ${'kappa'.padStart(9)}  ${'alpha-u'.padStart(9)}  chars ${names[0]} / ${names[1]} / both`,
    ...r.codes.map((c) => row(c.code, c.percentAgreement, c.kappa, c.alphaU, `  ${c.charactersA} / ${c.charactersB} / ${c.charactersBoth}`)),
    row('overall', r.overall.percentAgreement, r.overall.kappa, r.overall.alphaU, `  (${r.overall.codesCompared} code${r.overall.codesCompared === 1 ? '' : 's'})`),
  ];
  return { json, text: out.join('\n') };
}
