import { setFlagsFromString } from 'v8';

/**
 * V8 flags that keep the CLI's peak memory under 4 × the input + 100 MB (issue 13), set before any command
 * module loads. Only flags V8 reads while it runs take effect this late (the heap's sizes are fixed at start,
 * and a re-exec with command-line flags costs a second start): measured by maxRSS of `node dist/cli.js`, on
 * the bench's 1 MB / 50 MB / one 20 MB line inputs, identify, themes, report:
 * - `--semi-space-growth-factor=1`: the young generation keeps its first size instead of doubling up to
 *   3 × 16 MB on the first pass's garbage (the pack's YAML, a regex's matches): 1 MB inputs 91/105/123 MB
 *   became 82/96/99 MB.
 * - `--optimize-for-size`: the old generation grows in smaller steps: 50 MB inputs 295/230/309 MB became
 *   267/222/276 MB, and with the first flag 235/220/244 MB.
 * The price is more collections: identify and report on 50 MB take about a fifth more CPU time (measured
 * with and without the flags on one build, on a shared machine: 9.4 → 11.4 s and 17 → 22 s).
 */
export function setCliHeapFlags(): void {
  setFlagsFromString('--semi-space-growth-factor=1');
  setFlagsFromString('--optimize-for-size');
}
