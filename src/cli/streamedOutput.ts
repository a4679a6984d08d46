/**
 * Pieces of a command's output, made one item at a time, that add up to exactly what printing the whole
 * result would give: `JSON.stringify(items, null, 2)` and the items' lines joined by newlines. Each piece
 * ends where the next begins; the writer adds the final newline, as it does for whole outputs.
 */

export function* jsonArrayPieces(items: Iterable<unknown>): Generator<string> {
  let first = true;
  for (const item of items) {
    // An element of a pretty-printed array is the element pretty-printed, indented by one level.
    yield `${first ? '[\n' : ',\n'}  ${JSON.stringify(item, null, 2).replace(/\n/g, '\n  ')}`;
    first = false;
  }
  yield first ? '[]' : '\n]';
}

export function* linePieces<T>(items: Iterable<T>, line: (item: T) => string, whenEmpty: string): Generator<string> {
  let first = true;
  for (const item of items) {
    yield first ? line(item) : `\n${line(item)}`;
    first = false;
  }
  if (first) yield whenEmpty;
}

/** Writes the pieces in blocks of about 64 KB, waiting whenever the stream asks to (a slow pipe). */
export async function writePieces(pieces: Iterable<string>, out: NodeJS.WritableStream): Promise<void> {
  let block = '';
  const flush = async (): Promise<void> => {
    if (!out.write(block)) await new Promise<void>((resolve) => out.once('drain', () => resolve()));
    block = '';
  };
  for (const piece of pieces) {
    block += piece;
    if (block.length >= 65_536) await flush();
  }
  block += '\n';
  await flush();
}
