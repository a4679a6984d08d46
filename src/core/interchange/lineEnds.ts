/**
 * Line ends between a document's text and the LF text REFI-QDA files carry. A document VS Code holds with
 * CRLF line ends is exported with LF ends (what the offsets then refer to); an imported source may count
 * each CRLF as one character or two, depending on the tool that wrote it.
 */
export class CrlfMap {
  /** Offsets of each '\r' that starts a CRLF, ascending. */
  private readonly crs: number[] = [];

  constructor(readonly text: string) {
    for (let i = text.indexOf('\r\n'); i >= 0; i = text.indexOf('\r\n', i + 2)) this.crs.push(i);
  }

  get count(): number {
    return this.crs.length;
  }

  /** The text with every CRLF as LF. */
  lfText(): string {
    return this.crs.length ? this.text.replace(/\r\n/g, '\n') : this.text;
  }

  /** An offset of `text` in lfText() (one between CR and LF goes before the line end). */
  toLf(offset: number): number {
    return offset - countBelow(this.crs, offset, 0);
  }

  /** An offset of lfText() in `text`. */
  fromLf(offset: number): number {
    // the k-th CR sits at lf offset crs[k] - k, just before its LF
    let lo = 0;
    let hi = this.crs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (this.crs[mid]! - mid < offset) lo = mid + 1;
      else hi = mid;
    }
    return offset + lo;
  }
}

/** How many of the ascending `values` are below `limit` (the CRs before an offset). */
function countBelow(values: readonly number[], limit: number, from: number): number {
  let lo = from;
  let hi = values.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (values[mid]! < limit) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
