import { promises as fs } from 'fs';
import type { KnowledgePack } from '../core/data/model';
import { recognise, type Recognition } from '../core/recognition/recognise';
import { CliError } from './cliError';

export interface OpenedDocument {
  readonly file: string;
  readonly text: string;
  readonly markdown: boolean;
  readonly recognition: Recognition;
}

export function isMarkdownPath(file: string): boolean {
  return /\.(md|markdown)$/i.test(file);
}

export async function readDocument(file: string): Promise<string> {
  try {
    return await fs.readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new CliError(code === 'ENOENT' ? `${file}: no such file` : code === 'EISDIR' ? `${file}: is a directory` : `${file}: ${(err as Error).message}`);
  }
}

export async function openDocument(file: string, pack: KnowledgePack): Promise<OpenedDocument> {
  const text = await readDocument(file);
  const markdown = isMarkdownPath(file);
  return { file, text, markdown, recognition: recognise(text, pack, { markdown }) };
}
