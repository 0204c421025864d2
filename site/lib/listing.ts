import type { Excerpt } from './highlight.ts';

/**
 * Where a listing's code sits in the file it was included from. A listing fence holds a copy of
 * part of a file (kept in step by `npm run listings`), dedented; finding the copy in the file gives
 * the line range the caption links to, and lets the highlighter colour the excerpt as part of
 * the whole file.
 */

/**
 * The first place in `file` whose lines, with a common indentation removed, are exactly the lines
 * of `excerpt`; undefined when the excerpt is not (or no longer) in the file. `near`, a 1-based
 * line, picks the match starting there when there is one (a `#L10-L24` listing).
 */
export function locateExcerpt(file: string, excerpt: string, near?: number): Excerpt | undefined {
  const lines = file.split('\n');
  const wanted = excerpt.replace(/\s+$/, '').split('\n');
  const head = wanted[0] ?? '';
  if (!head.trim()) return undefined;
  const matchAt = (start: number): Excerpt | undefined => {
    const first = lines[start];
    if (first === undefined || !first.endsWith(head)) return undefined;
    const dedent = first.length - head.length;
    if (first.slice(0, dedent).trim()) return undefined;
    for (let j = 1; j < wanted.length; j++) {
      const line = lines[start + j];
      if (line === undefined) return undefined;
      const expected = wanted[j]!;
      if (expected.trim() === '' ? line.trim() !== '' : line.slice(0, dedent).trim() !== '' || line.slice(dedent) !== expected) return undefined;
    }
    return { from: start + 1, to: start + wanted.length, dedent };
  };
  if (near !== undefined) {
    const exact = matchAt(near - 1);
    if (exact) return exact;
  }
  for (let start = 0; start < lines.length; start++) {
    const found = matchAt(start);
    if (found) return found;
  }
  return undefined;
}

/** `lines 12–30` or `line 12`, for a caption. */
export function lineRange(excerpt: Excerpt): string {
  return excerpt.from === excerpt.to ? `line ${excerpt.from}` : `lines ${excerpt.from}–${excerpt.to}`;
}
