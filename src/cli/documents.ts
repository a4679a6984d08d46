import type { KnowledgePack } from '../core/data/model';
import { FileSystemError } from '../core/fs/fileSystem';
import { readBytes } from '../core/fs/readBytes';
import { MAX_DOCUMENT_BYTES } from '../core/limits';
import { recognise, type Recognition } from '../core/recognition/recognise';
import { decodeDocumentBytes } from '../core/text/documentText';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { CliError } from './cliError';

export interface OpenedDocument {
  readonly file: string;
  readonly text: string;
  readonly markdown: boolean;
  readonly recognition: Recognition;
}

/** The CLI's one file-system port (Node fs). */
export const nodeFs = new NodeFileSystem();

export function isMarkdownPath(file: string): boolean {
  return /\.(md|markdown)$/i.test(file);
}

/**
 * A document's text exactly as VS Code holds it (UTF-8 or UTF-16 as VS Code detects it, BOM dropped, line
 * ends normalised), so every position the CLI prints is the editor's. Only regular files under
 * MAX_DOCUMENT_BYTES are read: a FIFO, /dev/zero or a folder is refused before anything is read; a file VS
 * Code would call binary is refused after.
 */
export async function readDocument(file: string): Promise<string> {
  let read;
  try {
    read = await readBytes(nodeFs, file, MAX_DOCUMENT_BYTES);
  } catch (err) {
    throw new CliError(err instanceof FileSystemError ? err.message : `${file}: ${(err as Error).message}`);
  }
  if (!read) throw new CliError(`${file}: no such file`);
  const doc = decodeDocumentBytes(read.bytes);
  if (doc.binary) throw new CliError(`${file}: a binary file (zero bytes that are not UTF-16); VS Code does not open it as text`);
  return doc.text;
}

export async function openDocument(file: string, pack: KnowledgePack): Promise<OpenedDocument> {
  const text = await readDocument(file);
  const markdown = isMarkdownPath(file);
  return { file, text, markdown, recognition: recognise(text, pack, { markdown }) };
}
