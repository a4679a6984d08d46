import type { KnowledgePack } from '../core/data/model';
import { FileSystemError } from '../core/fs/fileSystem';
import { readBytes } from '../core/fs/readBytes';
import { MAX_DOCUMENT_BYTES } from '../core/limits';
import { MentionFinder } from '../core/mentions/mentions';
import { decodeDocumentBytes } from '../core/text/documentText';
import { LineIndex } from '../core/text/lineIndex';
import { NodeFileSystem } from '../node/nodeFileSystem';
import { CliError } from './cliError';
import type { Output } from './commands';

export interface MentionJson {
  readonly text: string;
  readonly line: number;
  readonly character: number;
  /** UTF-16 units, as VS Code counts (line breaks inside the passage included). */
  readonly length: number;
  readonly plan: string;
  readonly provision: string;
  readonly score: number;
  readonly via: string;
}

/** FILE's text as VS Code shows it (BOM dropped, line ends normalised), read through the bounded reader. */
async function documentText(file: string): Promise<string> {
  try {
    const read = await readBytes(new NodeFileSystem(), file, MAX_DOCUMENT_BYTES);
    if (!read) throw new CliError(`${file}: no such file`);
    return decodeDocumentBytes(read.bytes).text;
  } catch (err) {
    if (err instanceof FileSystemError) throw new CliError(err.message);
    throw err;
  }
}

/** `mentions FILE`: passages that refer to a known provision, with how (via) and how surely (score). */
export async function mentionsCommand(pack: KnowledgePack, file: string): Promise<Output> {
  const text = await documentText(file);
  const lines = new LineIndex(text);
  const json: MentionJson[] = new MentionFinder(pack).find(text).map((m) => {
    const at = lines.positionAt(m.start);
    return { text: m.text, line: at.line, character: at.character, length: m.end - m.start, plan: m.plan, provision: m.provision, score: m.score, via: m.via };
  });
  const out = json.map((m) => `${m.line}:${m.character}\t${m.provision.padEnd(8)} ${m.via.padEnd(10)} ${m.score.toFixed(2)}\t${JSON.stringify(m.text.length > 80 ? `${m.text.slice(0, 77)}…` : m.text)}`);
  return { json, text: out.join('\n') || `${file}: no mentions of known provisions` };
}
