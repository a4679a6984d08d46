import type { ImportSummary } from '../../core/interchange/importInto';
import type { DataLossItem } from '../../core/interchange/model';

/** The report an import opens beside the workspace: what was written, kept, and left out. Markdown. */
export function importReport(file: string, into: string, summary: ImportSummary, dataLoss: readonly DataLossItem[]): string {
  const lines = [
    `# Import of ${file}`,
    '',
    `Into ${into}:`,
    '',
    `- ${summary.annotationsAdded} annotation(s) added` + (summary.annotationsKept ? `, ${summary.annotationsKept} already there (kept as they are)` : ''),
    `- documents: ${summary.documentsWritten.length} written, ${summary.documentsKept.length} already there (kept)`,
    `- sidecars written: ${summary.sidecars.length}`,
    `- codes added to the codebook: ${summary.codesAdded.length ? summary.codesAdded.join(', ') : 'none'}`,
    '',
    '## Left out',
    '',
    ...(dataLoss.length ? dataLoss.map((d) => `- **${d.kind}** \`${d.where}\`: ${d.reason}`) : ['Nothing: everything in the file was carried over.']),
  ];
  if (summary.warnings.length) lines.push('', '## Warnings', '', ...summary.warnings.map((w) => `- ${w}`));
  return `${lines.join('\n')}\n`;
}
