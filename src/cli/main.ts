import { parseArgs } from 'util';
import { CliError } from './cliError';
import { setCliHeapFlags } from './heapFlags';
import type { CommandOutput } from './commands';
import { writePieces } from './streamedOutput';

const USAGE = `usage: policy-lens <command> [options]

  identify FILE [--json]               which plan FILE is, and where its provisions are
  themes FILE [--json]                 themed phrases, as the editor highlights them
  counterparts FILE LINE:CHAR [--json] counterpart provisions of the provision at a position
  hover FILE LINE:CHAR [--detail auto|compact|full] [--json]
                                       the hover card at a position, as the editor shows it (auto: full
                                       on a provision's heading, compact elsewhere)
  annotate FILE L:C-L:C --code ID [--code ID...] [--note TEXT] [--author NAME] [--json]
                                       add an annotation to FILE's sidecar; prints its id
  annotations FILE [--json]            FILE's annotations, re-anchored: status, score, range
  check [PATH...] [--json] [--format github]
                                       validate knowledge packs (default: the bundled one), the workspace
                                       packs seen from PATH and --pack, and sidecars (annotations re-anchored:
                                       orphaned is an error, fuzzy a warning); github: Actions annotations
  --pack DIR                           also use the knowledge pack in DIR (repeatable); the nearest
                                       .policy-lens/pack above FILE is used without it
  report DIR [--json] [--chart FILE.svg]
                                       theme frequencies per recognised plan, side by side; --chart also
                                       draws them, the codes per document and their co-occurrence as SVG
  suggest PLAN PLAN [--top N] [--json] suggested counterparts in the second plan for each provision of the first
  mentions FILE [--json]               passages of any text that refer to a known provision, and how
  outline FILE [--json]                the document's own headings (no knowledge pack): level, number, range
  draft-plan FILE --id ID [--title TITLE] [--out FILE]
                                       a plan YAML drafted from FILE's structure, for .policy-lens/pack/plans/
  agreement FILE --coders A,B | --ref REF_A --ref REF_B [--json]
                                       intercoder agreement per code: % agreement, Cohen's kappa per character, alpha-u
  merge-driver BASE OURS THEIRS PATH   git's merge driver for sidecars (%O %A %B %P): merges by annotation id
  git-setup [DIR] [--check]            install that driver in DIR's clone (.gitattributes + git config); --check: is it?
  export PATH... --format qdpx|qdc|w3c|csv --out FILE
                                       annotations and codes of documents, folders or a workspace, for other tools
  import FILE --into DIR               a .qdpx/.qde, .qdc, W3C .json or .csv into DIR's sidecars and codebook (merged, never overwritten)

Positions are 0-based LINE:CHAR, as in VS Code.`;

function need(arg: string | undefined, what: string): string {
  if (!arg) throw new CliError(`missing ${what} (see policy-lens --help)`, 2);
  return arg;
}

/**
 * parseArgs reads `-1:0` as the option `-1`; a mistyped position deserves a position error instead. Arguments
 * that start with '-' and a digit are swapped for placeholders (NUL cannot occur in argv) and restored after.
 */
function shieldNegativeNumbers(argv: readonly string[]): { args: string[]; restore: (s: string) => string } {
  const shielded: string[] = [];
  const args = argv.map((a) => (/^-\d/.test(a) ? `\0${shielded.push(a) - 1}\0` : a));
  const restore = (s: string): string => s.replace(/\0(\d+)\0/g, (_, i: string) => shielded[Number(i)]!);
  return { args, restore };
}

export async function main(argv: readonly string[]): Promise<number> {
  const { args, restore } = shieldNegativeNumbers(argv);
  const parsed = parseArgs({
    args,
    options: {
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
      code: { type: 'string', multiple: true },
      author: { type: 'string' },
      note: { type: 'string' },
      top: { type: 'string' },
      pack: { type: 'string', multiple: true },
      check: { type: 'boolean', default: false },
      coders: { type: 'string' },
      ref: { type: 'string', multiple: true },
      format: { type: 'string' },
      out: { type: 'string' },
      into: { type: 'string' },
      chart: { type: 'string' },
      detail: { type: 'string' },
      id: { type: 'string' },
      title: { type: 'string' },
    },
    allowPositionals: true,
    strict: true,
  });
  const positionals = parsed.positionals.map(restore);
  const values = { ...parsed.values, note: parsed.values.note === undefined ? undefined : restore(parsed.values.note), code: parsed.values.code?.map(restore) };
  const [command, ...rest] = positionals;
  // The bundled pack, plus the workspace pack found from FILE (or DIR) upwards and every --pack DIR.
  const loadPack = async () => (await import('./nodePack')).loadCliPack(rest[0], (parsed.values.pack ?? []).map(restore), (line) => process.stderr.write(line));
  if (values.help || !command) {
    process.stdout.write(`${USAGE}\n`);
    return command || values.help ? 0 : 2;
  }
  // Each command's modules are imported when it runs: the bundle initialises only what it needs (--help,
  // `annotations` and git's merge driver, run once per conflicted file, skip the pack, YAML schemas, recognition).
  let out: CommandOutput;
  switch (command) {
    case 'identify':
      out = await (await import('./commands')).identifyCommand(await loadPack(), need(rest[0], 'FILE'));
      break;
    case 'themes':
      out = await (await import('./commands')).themesCommand(await loadPack(), need(rest[0], 'FILE'));
      break;
    case 'counterparts':
      out = await (await import('./commands')).counterpartsCommand(await loadPack(), need(rest[0], 'FILE'), need(rest[1], 'LINE:CHAR'));
      break;
    case 'hover':
      out = await (await import('./hoverCommand')).hoverCommand(await loadPack(), need(rest[0], 'FILE'), need(rest[1], 'LINE:CHAR'), parsed.values.detail);
      break;
    case 'check':
      if (parsed.values.format !== undefined && parsed.values.format !== 'github' && parsed.values.format !== 'text') throw new CliError(`--format must be github or text, got '${parsed.values.format}'`, 2);
      out = await (await import('./checkCommand')).checkCommand(rest, (parsed.values.pack ?? []).map(restore), parsed.values.format);
      break;
    case 'annotate':
      out = await (await import('./annotationCommands')).annotateCommand(await loadPack(), need(rest[0], 'FILE'), need(rest[1], 'LINE:CHAR-LINE:CHAR'), values.code ?? [], values.note, values.author);
      break;
    case 'annotations':
      out = await (await import('./annotationCommands')).annotationsCommand(need(rest[0], 'FILE'));
      break;
    case 'report':
      out = await (await import('./reportCommand')).reportCommand(await loadPack(), need(rest[0], 'DIR'), values.chart === undefined ? undefined : restore(values.chart));
      break;
    case 'mentions':
      out = await (await import('./mentionsCommand')).mentionsCommand(await loadPack(), need(rest[0], 'FILE'));
      break;
    case 'outline':
      out = await (await import('./draftCommands')).outlineCommand(need(rest[0], 'FILE'));
      break;
    case 'draft-plan':
      out = await (await import('./draftCommands')).draftPlanCommand(await loadPack(), need(rest[0], 'FILE'), parsed.values.id, parsed.values.title === undefined ? undefined : restore(parsed.values.title), parsed.values.out);
      break;
    case 'suggest': {
      const { parseTop, suggestCommand } = await import('./suggestCommand');
      out = suggestCommand(await loadPack(), need(rest[0], 'PLAN'), need(rest[1], 'PLAN'), parseTop(values.top));
      break;
    }
    case 'merge-driver':
      out = await (await import('./mergeDriverCommand')).mergeDriverCommand(need(rest[0], 'BASE'), need(rest[1], 'OURS'), need(rest[2], 'THEIRS'), rest[3]);
      break;
    case 'agreement':
      out = await (await import('./agreementCommand')).agreementCommand(need(rest[0], 'FILE'), { coders: values.coders, refs: values.ref });
      break;
    case 'git-setup':
      out = await (await import('./gitSetupCommand')).gitSetupCommand(rest[0], values.check);
      break;
    case 'export':
      out = await (await import('./interchangeCommands')).exportCommand(await loadPack(), rest, parsed.values.format, parsed.values.out);
      break;
    case 'import':
      out = await (await import('./interchangeCommands')).importCommand(await (await import('./nodePack')).loadCliPack(parsed.values.into, (parsed.values.pack ?? []).map(restore), (line) => process.stderr.write(line)), need(rest[0], 'FILE'), parsed.values.into);
      break;
    default:
      throw new CliError(`unknown command '${command}' (see policy-lens --help)`, 2);
  }
  if ('stream' in out) await writePieces(out.stream(values.json ?? false), process.stdout);
  else process.stdout.write(values.json ? `${JSON.stringify(out.json, null, 2)}\n` : `${out.text}\n`);
  return out.failed ? 1 : 0;
}

if (require.main === module) {
  setCliHeapFlags();
  main(process.argv.slice(2)).then(
    (code) => (process.exitCode = code),
    (err: unknown) => {
      const e = err as Error & { code?: string };
      const exit = err instanceof CliError ? err.exitCode : e.code?.startsWith('ERR_PARSE_ARGS') ? 2 : 1;
      process.stderr.write(`policy-lens: ${e.message}\n`);
      process.exitCode = exit;
    },
  );
}
