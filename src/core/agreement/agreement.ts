import { alphaU, alphaUParts } from './alphaU';
import { characterKappa } from './kappa';
import { coveredLength, disagreements, mergeOverlaps, overlapLength, type Span } from './spans';

/** One coded passage of one coder, already re-anchored in the document's current text. */
export interface CodedSpan extends Span {
  readonly codes: readonly string[];
}

export interface CodeAgreement {
  readonly code: string;
  /** Characters on which the coders agree (both coded it or neither did), in percent; undefined when neither used the code. */
  readonly percentAgreement: number | undefined;
  /** Cohen's κ over the document's characters (coded with this code or not), as NVivo computes it. */
  readonly kappa: number | undefined;
  /** Krippendorff's αu for this code. */
  readonly alphaU: number | undefined;
  /** Characters each coder coded, and both. */
  readonly charactersA: number;
  readonly charactersB: number;
  readonly charactersBoth: number;
  readonly unitsA: number;
  readonly unitsB: number;
  /** Where exactly one coder applied the code (document order). */
  readonly disagreements: readonly { readonly start: number; readonly end: number; readonly coder: 'A' | 'B' }[];
  /** αu's observed and expected disagreement (for the overall αu). */
  readonly observedDisagreement: number;
  readonly expectedDisagreement: number;
}

export interface AgreementReport {
  readonly length: number;
  readonly codes: readonly CodeAgreement[];
  readonly overall: {
    /** Mean over the codes where it is defined (NVivo's average over codes of one source). */
    readonly percentAgreement: number | undefined;
    readonly kappa: number | undefined;
    /** 1 − ΣD_o/ΣD_e over the codes: Krippendorff's αu over all categories. */
    readonly alphaU: number | undefined;
    readonly codesCompared: number;
  };
}

/** Each code's spans for one coder, overlaps merged. */
function byCode(spans: readonly CodedSpan[]): Map<string, Span[]> {
  const out = new Map<string, Span[]>();
  for (const s of spans) {
    for (const code of new Set(s.codes)) {
      let list = out.get(code);
      if (!list) out.set(code, (list = []));
      list.push({ start: s.start, end: s.end });
    }
  }
  for (const [code, list] of out) out.set(code, mergeOverlaps(list));
  return out;
}

/**
 * Agreement of two coders on one document of `length` characters, per code (every code either used) and
 * overall. `codes` adds codes to report even when neither coder used them (their values are undefined).
 */
export function compareCoders(length: number, a: readonly CodedSpan[], b: readonly CodedSpan[], codes: readonly string[] = []): AgreementReport {
  const ma = byCode(a);
  const mb = byCode(b);
  const all = [...new Set([...codes, ...ma.keys(), ...mb.keys()])].sort();
  const rows: CodeAgreement[] = all.map((code) => {
    const sa = ma.get(code) ?? [];
    const sb = mb.get(code) ?? [];
    const ca = coveredLength(sa);
    const cb = coveredLength(sb);
    const both = overlapLength(sa, sb);
    const used = sa.length + sb.length > 0 && length > 0;
    const k = characterKappa(length, both, ca - both, cb - both);
    const parts = alphaUParts(sa, sb, length);
    return {
      code,
      percentAgreement: used ? 100 * k.observed : undefined,
      kappa: used ? k.kappa : undefined,
      alphaU: used ? alphaU(parts) : undefined,
      charactersA: ca,
      charactersB: cb,
      charactersBoth: both,
      unitsA: sa.length,
      unitsB: sb.length,
      disagreements: disagreements(sa, sb).map((d) => ({ start: d.start, end: d.end, coder: d.coder === 0 ? ('A' as const) : ('B' as const) })),
      observedDisagreement: parts.observed,
      expectedDisagreement: parts.expected,
    };
  });
  const mean = (xs: (number | undefined)[]): number | undefined => {
    const d = xs.filter((x): x is number => x !== undefined);
    return d.length ? d.reduce((s, x) => s + x, 0) / d.length : undefined;
  };
  const used = rows.filter((r) => r.percentAgreement !== undefined);
  const sumE = used.reduce((s, r) => s + r.expectedDisagreement, 0);
  const sumO = used.reduce((s, r) => s + r.observedDisagreement, 0);
  return {
    length,
    codes: rows,
    overall: {
      percentAgreement: mean(rows.map((r) => r.percentAgreement)),
      kappa: mean(rows.map((r) => r.kappa)),
      alphaU: sumE > 0 ? 1 - sumO / sumE : undefined,
      codesCompared: used.length,
    },
  };
}
