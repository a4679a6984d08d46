/**
 * Figure 1 — grammar cost. Tokenising with Policy Markdown and Policy Text against VS Code's own Markdown
 * grammar, line by line carrying the rule stack as VS Code does (vscode-textmate + vscode-oniguruma), with
 * every grammar Markdown includes loaded as VS Code has them (see bench/grammars.ts).
 *
 * Goals (issue 4): Policy Markdown ≤ 1.0× Markdown on the 1 MB document and on the 20 KB and 80 KB line
 * variants, its slowest line no slower than Markdown's slowest; Policy Text ≤ 0.5× Markdown. Issue 12: the
 * same ≤ 1.0× on real text (the US plan reflowed as Markdown), slowest line included.
 */
import { readFileSync } from 'fs';
import * as path from 'path';
import type { IGrammar } from 'vscode-textmate';
import { loadGrammar, splitLines } from '../../src/cli/textmate';
import { MARKDOWN_SCOPE, POLICY_MARKDOWN_SCOPE, POLICY_TEXT_SCOPE, policyMarkdownInjectionGrammar } from '../../src/core/lexicon/grammar';
import { fmtMs, fmtRatio, median, verdict, type BenchContext, type Curve, type Figure, type Row } from '../framework';
import { grammarSources, loadGrammars, slowestLine, tokenizeTimed, type TokenizeRun } from '../grammars';
import type { Input } from '../inputs';
import { bundledPack } from '../pack';

const FIG = '1 grammar';
const INJECTION_SCOPE = `${POLICY_MARKDOWN_SCOPE}.injection`;

type Key = 'md' | 'pm' | 'pt';

interface Measured {
  readonly input: Input;
  readonly runs: Record<Key, TokenizeRun[]>;
}

/** `reps` rounds over the grammars, the order rotating each round; one warm-up round first. */
function measure(grammars: Record<Key, IGrammar>, input: Input, reps: number): Measured {
  const lines = splitLines(input.text);
  const keys: Key[] = ['md', 'pm', 'pt'];
  for (const k of keys) tokenizeTimed(grammars[k], lines);
  const runs: Record<Key, TokenizeRun[]> = { md: [], pm: [], pt: [] };
  for (let r = 0; r < reps; r++) {
    for (let i = 0; i < keys.length; i++) {
      const k = keys[(i + r) % keys.length]!;
      runs[k].push(tokenizeTimed(grammars[k], lines));
    }
  }
  return { input, runs };
}

/** Median over rounds of ours/Markdown, each ratio from the same round. */
function ratio(m: Measured, ours: Key): number {
  return median(m.runs[ours].map((r, i) => r.ms / m.runs.md[i]!.ms));
}

const ms = (m: Measured, k: Key): number => median(m.runs[k].map((r) => r.ms));

function ratioRow(m: Measured, ours: Key, goal: number | undefined, label: string): Row {
  const r = ratio(m, ours);
  return {
    figure: FIG,
    measure: `${label}, ${m.input.name}`,
    ours: fmtMs(ms(m, ours)),
    baseline: fmtMs(ms(m, 'md')),
    ratio: fmtRatio(r),
    goal: goal === undefined ? '—' : `≤ ${goal.toFixed(2)}×`,
    verdict: goal === undefined ? 'info' : verdict(r <= goal),
    values: { oursMs: ms(m, ours), markdownMs: ms(m, 'md'), ratio: r, chars: m.input.text.length },
  };
}

export const grammarFigure: Figure = {
  number: 1,
  id: 'grammar',
  title: "Grammar cost against VS Code's Markdown",
  aliases: ['grammars', 'fig1'],

  async run(ctx: BenchContext): Promise<Row[]> {
    const pack = await bundledPack();
    const sources = grammarSources({ [INJECTION_SCOPE]: policyMarkdownInjectionGrammar(pack.themes, INJECTION_SCOPE) });
    const g = await loadGrammars({ md: MARKDOWN_SCOPE, pm: POLICY_MARKDOWN_SCOPE, pt: POLICY_TEXT_SCOPE, inj: INJECTION_SCOPE }, sources);
    const reps = ctx.reps;
    // Real text (issue 12): the US plan reflowed as Markdown, dense with themes, where generated prose flatters.
    const real = [ctx.inputs.realMarkdown('paragraphs'), ctx.inputs.realMarkdown('sections')].filter((i): i is Input => i !== undefined);
    if (real.length === 0) ctx.log('  grammar: ../shared/corpus absent: no real-text rows');
    const inputs = [ctx.inputs.prose(1_000_000), ctx.inputs.longLines(20_000), ctx.inputs.longLines(80_000), ctx.inputs.corpus(), ...real];
    const measured: Measured[] = [];
    for (const input of inputs) {
      ctx.log(`  grammar: ${input.name} (${reps} rounds of Markdown, Policy Markdown, Policy Text)`);
      // Small inputs get more rounds: a 60 KB document takes milliseconds, and the ratio must be steady.
      measured.push(measure(g, input, input.text.length < 200_000 ? reps * 3 : reps));
    }
    const [prose, l20, l80, corpus, ...reals] = measured as [Measured, Measured, Measured, Measured, ...Measured[]];
    const rows: Row[] = [];
    for (const m of [prose, l20, l80, ...reals]) rows.push(ratioRow(m, 'pm', 1.0, 'Policy Markdown vs Markdown'));
    rows.push(ratioRow(corpus, 'pm', undefined, 'Policy Markdown vs Markdown'));

    // The slowest line of each grammar over all inputs (each line's median over the rounds).
    const worst = (k: Key): { ms: number; where: string } =>
      measured
        .map((m) => ({ ...slowestLine(m.runs[k]), where: m.input.name }))
        .reduce((a, b) => (b.ms > a.ms ? b : a), { ms: 0, line: 0, where: '' });
    const wPm = worst('pm');
    const wMd = worst('md');
    rows.push({
      figure: FIG,
      measure: 'slowest line: Policy Markdown vs Markdown',
      ours: `${fmtMs(wPm.ms)} (${wPm.where})`,
      baseline: `${fmtMs(wMd.ms)} (${wMd.where})`,
      ratio: fmtRatio(wPm.ms / wMd.ms),
      goal: '≤ 1.00×',
      verdict: verdict(wPm.ms <= wMd.ms),
      values: { oursMs: wPm.ms, markdownMs: wMd.ms },
    });
    for (const m of reals) {
      const p = slowestLine(m.runs.pm);
      const d = slowestLine(m.runs.md);
      rows.push({
        figure: FIG,
        measure: `slowest line: Policy Markdown vs Markdown, ${m.input.name}`,
        ours: fmtMs(p.ms),
        baseline: fmtMs(d.ms),
        ratio: fmtRatio(p.ms / d.ms),
        goal: '≤ 1.00×',
        verdict: verdict(p.ms <= d.ms),
        values: { oursMs: p.ms, markdownMs: d.ms, oursLine: p.line, markdownLine: d.line },
      });
    }
    for (const m of [prose, l20, l80]) rows.push(ratioRow(m, 'pt', 0.5, 'Policy Text vs Markdown'));

    // References, not goals: the previous design (VS Code's Markdown + an injection of one pattern per theme),
    // and the fork measured against Markdown with no embedded grammar installed (its fences then vanish).
    ctx.log('  grammar: references (injection design; Markdown without embedded grammars)');
    const lines = splitLines(prose.input.text);
    tokenizeTimed(g.inj, lines);
    const injRuns: number[] = [];
    const mdRuns: number[] = [];
    for (let r = 0; r < Math.min(reps, 3); r++) {
      mdRuns.push(tokenizeTimed(g.md, lines).ms);
      injRuns.push(tokenizeTimed(g.inj, lines).ms);
    }
    const inj = median(injRuns.map((x, i) => x / mdRuns[i]!));
    rows.push({
      figure: FIG,
      measure: `previous design (injection) vs Markdown, ${prose.input.name}`,
      ours: fmtMs(median(injRuns)),
      baseline: fmtMs(median(mdRuns)),
      ratio: fmtRatio(inj),
      goal: '—',
      verdict: 'info',
      values: { injectionMs: median(injRuns), markdownMs: median(mdRuns), ratio: inj },
    });
    // Cold start: the first document after the grammar is loaded also pays for compiling its scanners (the
    // themes regex is compiled into each scanner that includes it: paragraph, emphasis, link text, …).
    const sample = splitLines(readFileSync(path.join(ctx.repo, 'samples', 'plans', 'us-ai-action-plan-2025.policy.md'), 'utf8'));
    const cold: Record<'md' | 'pm', number[]> = { md: [], pm: [] };
    for (let r = 0; r < Math.min(reps, 3); r++) {
      for (const k of ['md', 'pm'] as const) {
        const fresh = await loadGrammar(k === 'md' ? MARKDOWN_SCOPE : POLICY_MARKDOWN_SCOPE, sources);
        cold[k].push(tokenizeTimed(fresh, sample).ms);
      }
    }
    const coldRatio = median(cold.pm.map((x, i) => x / cold.md[i]!));
    rows.push({
      figure: FIG,
      measure: 'cold start: first tokenisation after loading, US sample (33 KB)',
      ours: fmtMs(median(cold.pm)),
      baseline: fmtMs(median(cold.md)),
      ratio: fmtRatio(coldRatio),
      goal: '—',
      verdict: 'info',
      values: { oursMs: median(cold.pm), markdownMs: median(cold.md), ratio: coldRatio },
      note: 'includes compiling the scanners, once per grammar load',
    });
    const bare = await loadGrammars({ md: MARKDOWN_SCOPE, pm: POLICY_MARKDOWN_SCOPE, pt: POLICY_TEXT_SCOPE }, grammarSources({}, false));
    const b = measure(bare, prose.input, Math.min(reps, 3));
    rows.push({ ...ratioRow(b, 'pm', undefined, 'same, no embedded grammars loaded'), note: "Markdown's fence rules vanish without their languages' grammars" });
    return rows;
  },

  async curves(ctx: BenchContext): Promise<Curve[]> {
    const g = await loadGrammars({ md: MARKDOWN_SCOPE, pm: POLICY_MARKDOWN_SCOPE, pt: POLICY_TEXT_SCOPE }, grammarSources());
    const sizes = [100_000, 1_000_000, 10_000_000];
    const points: Record<Key, { label: string; bytes: number; ms: number }[]> = { md: [], pm: [], pt: [] };
    for (const size of sizes) {
      const input = ctx.inputs.prose(size);
      const lines = splitLines(input.text);
      const rounds = size >= 10_000_000 || ctx.tiny ? 1 : 3;
      ctx.log(`  grammar curve: ${input.name}`);
      for (const k of ['md', 'pm', 'pt'] as Key[]) {
        if (size < 10_000_000) tokenizeTimed(g[k], lines);
        const runs = Array.from({ length: rounds }, () => tokenizeTimed(g[k], lines).ms);
        points[k].push({ label: input.name, bytes: input.text.length, ms: median(runs) });
      }
    }
    return [
      { name: '1 grammar: Policy Markdown', points: points.pm },
      { name: '1 grammar: Policy Text', points: points.pt },
      { name: '1 grammar: Markdown (baseline)', points: points.md },
    ];
  },
};
