import type { Problem } from './problem';
import type { YamlFile } from './yamlFile';

/**
 * Where each id of a merged knowledge pack was first defined, across every pack being merged (bundled first,
 * then workspace packs in order). Ids are global: a second definition is an error that names the first one's
 * file and position, so the analyst sees both files. Nothing is overridden: a workspace pack may add themes,
 * plans, provisions and links, never replace or extend the bundled ones (a theme with a bundled id is a clash,
 * not a way to add phrases), so what the bundled pack means never depends on the workspace.
 */
export class PackDefinitions {
  // Positions are kept as (file, path) and turned into file:line:col only for a clash: most ids never clash.
  private readonly themes = new Map<string, Where>();
  private readonly phrases = new Map<string, { theme: string; where: Where }>();
  private readonly plans = new Map<string, Where>();
  private readonly provisions = new Map<string, { plan: string; where: Where }>();
  private readonly links = new Map<string, Where>();

  constructor(private readonly problems: Problem[]) {}

  /** Records a theme id; false (and a problem) when it is already defined. */
  theme(f: YamlFile, path: readonly (string | number)[], id: string): boolean {
    return this.define(this.themes, f, path, id, (first) => `duplicate theme id '${id}' (already defined at ${first})`);
  }

  hasTheme(id: string): boolean {
    return this.themes.has(id);
  }

  /** The theme already owning a normalised phrase, as a message; undefined when the phrase is free. */
  phraseOwner(key: string): string | undefined {
    const owner = this.phrases.get(key);
    return owner && `theme '${owner.theme}' (${format(owner.where)})`;
  }

  phrase(f: YamlFile, path: readonly (string | number)[], key: string, theme: string): void {
    this.phrases.set(key, { theme, where: { f, path } });
  }

  plan(f: YamlFile, path: readonly (string | number)[], id: string): boolean {
    return this.define(this.plans, f, path, id, (first) => `duplicate plan id '${id}' (already defined at ${first})`);
  }

  provision(f: YamlFile, path: readonly (string | number)[], id: string, plan: string): boolean {
    const first = this.provisions.get(id);
    if (first) {
      this.problems.push(f.problemAt(path, `duplicate provision id '${id}' (already in plan '${first.plan}' at ${format(first.where)})`));
      return false;
    }
    this.provisions.set(id, { plan, where: { f, path } });
    return true;
  }

  /** The plan a provision id belongs to, in any pack merged so far. */
  planOf(provisionId: string): string | undefined {
    return this.provisions.get(provisionId)?.plan;
  }

  /** Records a link between two provisions (either direction counts as the same link). */
  link(f: YamlFile, path: readonly (string | number)[], from: string, to: string): boolean {
    const key = [from, to].sort().join('|');
    return this.define(this.links, f, path, key, (first) => `duplicate link between '${from}' and '${to}' (already linked at ${first})`);
  }

  private define(map: Map<string, Where>, f: YamlFile, path: readonly (string | number)[], key: string, message: (first: string) => string): boolean {
    const first = map.get(key);
    if (first !== undefined) {
      this.problems.push(f.problemAt(path, message(format(first))));
      return false;
    }
    map.set(key, { f, path });
    return true;
  }
}

interface Where {
  readonly f: YamlFile;
  readonly path: readonly (string | number)[];
}

/** `file:line:col` (1-based, as problems are printed) of a value, for naming the other file of a clash. */
function format({ f, path }: Where): string {
  const p = f.problemAt(path, '');
  return `${p.file}:${p.line + 1}:${p.character + 1}`;
}
