/**
 * What the fast reader gives besides the value: where things are in the text, which is what the
 * in-place writer (update.ts) needs to edit a sidecar without the `yaml` package.
 */

/** The lines of one item of the `annotations` sequence. */
export interface ItemLayout {
  /** The line of its `-`, and the column of the `-`. */
  readonly dashLine: number;
  readonly dashCol: number;
  /** The line after its last line (trailing comment and blank lines not included). */
  readonly bodyEnd: number;
  /** A comment (a comment line or an end-of-line comment) lies within [dashLine, bodyEnd). */
  readonly comments: boolean;
  /** Its last value is a block scalar that keeps trailing line breaks (`|+`): blank lines after it are its. */
  readonly keepEnd: boolean;
}

export interface ScalarSpan {
  /** Offsets of the scalar's source, from its first character (a quote, or the `|`) to just after its end. */
  readonly start: number;
  readonly end: number;
  /** On one line, plain or quoted. */
  readonly simple: boolean;
}

export interface FastRead {
  /** The top-level mapping as the yaml package's toJS would give it. */
  readonly value: Record<string, unknown>;
  /** Every mapping has its keys in the canonical order (as the serializer writes them). */
  readonly canonicalOrder: boolean;
  /** Line start offsets ('\n' line ends; the text ends with a line break). */
  readonly lineStarts: readonly number[];
  /** The `document` value's source, when there is one. */
  readonly document?: ScalarSpan;
  /** The `annotations` key's line, and how its value is written. */
  readonly annotations?: {
    readonly keyLine: number;
    /** `annotations: []`: the offsets of `[]`. */
    readonly emptyFlow?: { readonly start: number; readonly end: number };
    /** One per item of a block sequence. */
    readonly items: readonly ItemLayout[];
  };
}
