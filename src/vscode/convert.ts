import * as vscode from 'vscode';
import type { Position, Range } from '../core/text/lineIndex';

/** One-line converters at the border between the core's plain positions and VS Code's classes. */
export const toVsPosition = (p: Position): vscode.Position => new vscode.Position(p.line, p.character);
export const toVsRange = (r: Range): vscode.Range => new vscode.Range(toVsPosition(r.start), toVsPosition(r.end));
export const fromVsPosition = (p: vscode.Position): Position => ({ line: p.line, character: p.character });
