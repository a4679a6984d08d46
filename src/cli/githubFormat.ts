import type { Problem } from '../core/data/problem';

/** GitHub's escaping of a workflow command's message: %, CR and LF. */
function escapeData(s: string): string {
  return s.replace(/%/g, '%25').replace(/\r/g, '%0D').replace(/\n/g, '%0A');
}

/** …and of a property value, which also may not hold the separators ':' and ','. */
function escapeProperty(s: string): string {
  return escapeData(s).replace(/:/g, '%3A').replace(/,/g, '%2C');
}

/**
 * One GitHub Actions workflow command per problem (`::error file=…,line=…,col=…::message`), which the
 * runner turns into an annotation on that line of the pull request; lines and columns 1-based, paths
 * with '/' as GitHub shows them.
 */
export function githubAnnotation(p: Problem): string {
  const file = p.file.replace(/\\/g, '/');
  const message = p.field ? `${p.message} (${p.field})` : p.message;
  return `::${p.severity} file=${escapeProperty(file)},line=${p.line + 1},col=${p.character + 1},title=Policy Lens::${escapeData(message)}`;
}
