import type { Annotation } from '../src/core/sidecar/model';

/** A small annotation for persistence tests: its id, position and codes are all a test needs to tell it apart. */
export function note(id: string, start = 0, codes: string[] = ['data'], extra: Partial<Annotation> = {}): Annotation {
  return {
    id,
    target: { quote: { exact: 'policy', prefix: 'the ', suffix: ' text' }, position: { start, end: start + 6 } },
    codes,
    created: '2026-12-01T10:00:00.000Z',
    ...extra,
  };
}

export const ids = (list: readonly { id: string }[]): string[] => list.map((a) => a.id).sort();

/** A sidecar's text as Policy Lens writes it (two-space block style), for files put on a disk by hand. */
export function sidecarText(document: string, annotations: readonly Annotation[]): string {
  const items = annotations.map(
    (a) =>
      `  - id: ${a.id}\n    target:\n      quote:\n        exact: ${a.target.quote.exact}\n        prefix: "${a.target.quote.prefix}"\n        suffix: "${a.target.quote.suffix}"\n      position:\n        start: ${a.target.position.start}\n        end: ${a.target.position.end}\n    codes:\n${a.codes.map((c) => `      - ${c}\n`).join('')}    created: ${a.created}\n`,
  );
  return `version: 1\ndocument: ${document}\nannotations:${items.length ? `\n${items.join('')}` : ' []\n'}`;
}
