import * as vscode from 'vscode';
import type { Problem } from '../core/data/problem';
import type { Position, Range } from '../core/text/lineIndex';

/** One-line converters at the border between the core's plain positions and VS Code's classes. */
export const toVsPosition = (p: Position): vscode.Position => new vscode.Position(p.line, p.character);
export const toVsRange = (r: Range): vscode.Range => new vscode.Range(toVsPosition(r.start), toVsPosition(r.end));
export const fromVsPosition = (p: vscode.Position): Position => ({ line: p.line, character: p.character });

/** A data problem (file:line:col) as a diagnostic at its place, `width` characters wide. */
export function problemDiagnostic(p: Problem, width = 1): vscode.Diagnostic {
  const range = new vscode.Range(p.line, p.character, p.line, p.character + Math.max(1, width));
  const d = new vscode.Diagnostic(range, p.field ? `${p.message} (${p.field})` : p.message, p.severity === 'error' ? vscode.DiagnosticSeverity.Error : vscode.DiagnosticSeverity.Warning);
  d.source = 'Policy Lens';
  return d;
}
