import { isSeq, stringify } from 'yaml';

/**
 * Appends items to a block sequence of a YAML file (a parsed node of `text`) by inserting text after its last item, so every other
 * byte of the file — comments, blank lines, folded summaries, key order — stays exactly as it was (the yaml
 * package's own re-serialisation would reflow long scalars). Returns undefined when the sequence is not a
 * block sequence with items (empty, flow style, missing), where a caller falls back to editing the document.
 */
export function appendToBlockSequence(text: string, seq: unknown, items: readonly object[]): string | undefined {
  if (!isSeq(seq) || seq.flow || seq.items.length === 0 || !seq.range) return undefined;
  const start = seq.range[0];
  const end = seq.range[1];
  const lineStart = text.lastIndexOf('\n', start - 1) + 1;
  const indent = text.slice(lineStart, start);
  if (!/^ *$/.test(indent)) return undefined;
  // Items separated by blank lines get one more, as the analyst wrote them.
  const spaced = text.slice(start, end).includes(`\n\n${indent}- `);
  const block = items
    .map((item) => stringify([item], { lineWidth: 100 }))
    .join(spaced ? '\n' : '')
    .split('\n')
    .map((line) => (line ? indent + line : line))
    .join('\n');
  const before = text.slice(0, end);
  const glue = before.endsWith('\n') ? '' : '\n';
  return `${before}${glue}${spaced ? '\n' : ''}${block}${text.slice(end)}`;
}
