/** Where the answer is remembered: the extension's workspaceState (a vscode.Memento fits). */
export interface AnswerMemory {
  get<T>(key: string): T | undefined;
  update(key: string, value: unknown): PromiseLike<void>;
}

export interface TrustGateOptions {
  readonly isTrusted: () => boolean;
  readonly memory: AnswerMemory;
  /** Asks the user; undefined when the question was dismissed without an answer. */
  readonly ask: () => PromiseLike<boolean | undefined>;
}

const ANSWER_KEY = 'policyLens.untrustedWrites';

/**
 * The one Workspace Trust policy for annotation files. Reading and showing never pass here. Writing does,
 * and only after the user acted (annotate, edit, delete, save, restore): in a trusted workspace at once;
 * in an untrusted one after the user agreed, asked once per workspace (the answer is remembered; a
 * dismissed question is asked again at the next act). Everyone who waits meanwhile shares one question.
 */
export class TrustGate {
  private question: Promise<boolean> | undefined;

  constructor(private readonly options: TrustGateOptions) {}

  /** Whether a write may happen now without asking (closing a document writes only then). */
  writesAllowed(): boolean {
    return this.options.isTrusted() || this.options.memory.get<string>(ANSWER_KEY) === 'write';
  }

  /** Whether the user's act may write; asks once per workspace when it is not trusted. */
  mayWrite(): Promise<boolean> {
    if (this.options.isTrusted()) return Promise.resolve(true);
    const remembered = this.options.memory.get<string>(ANSWER_KEY);
    if (remembered === 'write' || remembered === 'never') return Promise.resolve(remembered === 'write');
    this.question ??= this.askOnce().finally(() => (this.question = undefined));
    return this.question;
  }

  private async askOnce(): Promise<boolean> {
    const answer = await this.options.ask();
    if (answer !== undefined) await this.options.memory.update(ANSWER_KEY, answer ? 'write' : 'never');
    return answer === true;
  }
}
