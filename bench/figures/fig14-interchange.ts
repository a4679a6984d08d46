/**
 * Figure 14 — interchange (issue 11). A project of 10,000 annotations over 100 documents (each ~10 KB of
 * generated plan prose after an emoji and a CJK Extension B character, 100
 * annotations with codes, notes and authors) exported and imported in each format that carries annotations
 * (QDPX, W3C, CSV; QDC is the codebook alone), and the same at 1,000 annotations over 10 documents, to show
 * how the cost grows: the exponent b of cost ∝ annotations^b (1 = linear; up to 1.15 counts as linear on this
 * noisy machine, as in figure 8, and less is fine: fixed costs weigh more at the small size).
 *
 * Export: `exportProject` from the collected project (every document re-anchored, as the formats do).
 * Import: `importBytes` and, for W3C and CSV, which carry no text, `attachText` against each document (code
 * points or lines to UTF-16, re-anchoring). The baseline, timed alternately in the same run: writing the same
 * annotations as our own sidecars (`serializeSidecar`, one per document) for export, reading them
 * (`parseSidecar`) for import — what keeping the annotations costs anyway. Goal: < 1 s each, linear.
 */
import { createSelectors } from '../../src/core/anchoring';
import { attachText } from '../../src/core/interchange/attachText';
import { exportProject, importBytes, type ExportFormat } from '../../src/core/interchange/formats';
import type { InterchangeDocument, InterchangeProject } from '../../src/core/interchange/model';
import type { Annotation } from '../../src/core/sidecar/model';
import { parseSidecar } from '../../src/core/sidecar/parse';
import { serializeSidecar } from '../../src/core/sidecar/serialize';
import { compare, fmtMs, fmtRatio, verdict, type BenchContext, type Figure, type Row } from '../framework';
import { Rng } from '../inputs';

const FIG = '14 interchange';
const FORMATS: readonly ExportFormat[] = ['qdpx', 'w3c', 'csv'];
const CODES = ['open-source', 'safety-security', 'sovereignty', 'climate-energy', 'team-follow-up'];
const AUTHORS = ['Analyst One', '分析员', "Siobhán O'Neill"];

/** `docs` documents of `perDoc` annotations each, deterministic. */
export function benchProject(ctx: BenchContext, docs: number, perDoc: number): InterchangeProject {
  const rng = new Rng(0x14ec);
  const prose = ctx.inputs.prose(Math.max(200_000, docs * 10_000)).text;
  const size = Math.floor(prose.length / Math.max(docs, 1));
  const documents: InterchangeDocument[] = [];
  for (let d = 0; d < docs; d++) {
    const text = `Plan ${d} 🌍 𠀀 — ${prose.slice(d * size, (d + 1) * size)}`;
    const step = Math.max(1, Math.floor((text.length - 300) / perDoc));
    const annotations: Annotation[] = [];
    for (let i = 0; i < perDoc; i++) {
      let start = Math.min(text.length - 2, 20 + i * step + rng.int(0, Math.max(0, step - 1)));
      while (start > 0 && /\S/.test(text[start - 1]!)) start--;
      const end = Math.min(text.length, start + rng.int(20, 160));
      const s = createSelectors(text, start, end);
      const a: Annotation = { id: `a-${d.toString(32)}x${i.toString(32).padStart(6, '0')}`, target: { quote: s.quote, position: s.position }, codes: [rng.pick(CODES)], author: rng.pick(AUTHORS), created: new Date(Date.UTC(2026, 0, 1) + i * 60_000).toISOString() };
      if (rng.chance(0.5)) a.note = `Note ${i}: compare with the other plan, "section ${rng.int(1, 9)}".`;
      annotations.push(a);
    }
    documents.push({ path: `plans/doc-${String(d).padStart(3, '0')}.policy.md`, text, annotations });
  }
  return { name: 'bench', codes: CODES.map((id) => ({ id, label: id, source: 'codebook' })), documents };
}

function importAll(format: ExportFormat, bytes: Uint8Array, texts: ReadonlyMap<string, string>): number {
  const { project } = importBytes(`bench.${format === 'w3c' ? 'json' : format}`, bytes);
  let n = 0;
  for (const doc of project.documents) n += attachText(doc, doc.textMissing ? texts.get(doc.path)! : doc.text).document.annotations.length;
  return n;
}

interface Measured {
  readonly annotations: number;
  readonly exp: ReturnType<typeof compare>;
  readonly imp: ReturnType<typeof compare>;
  readonly bytes: number;
}

function measure(ctx: BenchContext, project: InterchangeProject, format: ExportFormat, reps: number): Measured {
  const texts = new Map(project.documents.map((d) => [d.path, d.text]));
  const sidecars = project.documents.map((d) => ({ version: 1 as const, document: d.path.split('/').pop()!, annotations: [...d.annotations] }));
  const sidecarTexts = sidecars.map((s) => serializeSidecar(s));
  const bytes = exportProject(project, format);
  const annotations = project.documents.reduce((n, d) => n + d.annotations.length, 0);
  const back = importAll(format, bytes, texts);
  if (back !== annotations) throw new Error(`${format}: ${back} of ${annotations} annotations came back`);
  const exp = compare(reps, () => exportProject(project, format), () => sidecars.map((s) => serializeSidecar(s)));
  const imp = compare(reps, () => importAll(format, bytes, texts), () => sidecarTexts.map((t, i) => parseSidecar(`${i}.annotations.yaml`, t, { maxBytes: 10 * 1024 * 1024, documentLength: project.documents[i]!.text.length })));
  ctx.log(`  ${format}: ${annotations} annotations, export ${fmtMs(exp.ours)}, import ${fmtMs(imp.ours)}`);
  return { annotations, exp, imp, bytes: bytes.length };
}

export const interchangeFigure: Figure = {
  number: 14,
  id: 'interchange',
  title: 'Export and import (QDPX, W3C, CSV)',
  aliases: ['export', 'import', 'fig14'],

  async run(ctx: BenchContext): Promise<Row[]> {
    const [small, large] = ctx.tiny ? [benchProject(ctx, 2, 5), benchProject(ctx, 4, 10)] : [benchProject(ctx, 10, 100), benchProject(ctx, 100, 100)];
    const reps = Math.min(ctx.reps, 3);
    const rows: Row[] = [];
    for (const format of FORMATS) {
      const s = measure(ctx, small, format, reps);
      const l = measure(ctx, large, format, reps);
      const grow = Math.log(l.annotations / s.annotations);
      for (const [what, a, b] of [['export', s.exp, l.exp], ['import', s.imp, l.imp]] as const) {
        const exponent = Math.log(b.ours / a.ours) / grow;
        // Less than linear (fixed costs at the small size) is fine; more than 1.15 is not.
        const linear = exponent <= 1.15;
        rows.push({
          figure: FIG,
          measure: `${format.toUpperCase()} ${what}, ${l.annotations.toLocaleString('en')} annotations over ${large.documents.length} documents (${(l.bytes / 1e6).toFixed(1)} MB file)`,
          ours: fmtMs(b.ours),
          baseline: `${fmtMs(b.baseline)} (sidecars ${what === 'export' ? 'written' : 'read'})`,
          ratio: fmtRatio(b.ratio),
          goal: '< 1 s, linear',
          verdict: verdict(b.ours < 1000 && linear),
          values: { oursMs: b.ours, baselineMs: b.baseline, ratio: b.ratio, smallMs: a.ours, smallAnnotations: s.annotations, annotations: l.annotations, exponent, bytes: l.bytes },
          note: `${s.annotations.toLocaleString('en')} annotations: ${fmtMs(a.ours)} → ${l.annotations.toLocaleString('en')}: ${fmtMs(b.ours)}; growth exponent b = ${exponent.toFixed(2)} (1 = linear)`,
        });
      }
    }
    return rows;
  },
};
