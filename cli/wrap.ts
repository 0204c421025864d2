/**
 * Text that fits the learner's terminal: long lines are broken at spaces, never inside a word,
 * and each continuation keeps the line's indent. Colour codes do not count towards the width.
 * Drawings (sequence diagrams, code frames, anything with box-drawing characters) are left as
 * they are, since breaking them would garble them.
 */

/** The width to fit: the terminal's columns, else `COLUMNS` when set, else none. */
export function terminalWidth(stream: { isTTY?: boolean; columns?: number }, env: NodeJS.ProcessEnv = process.env): number | undefined {
  if (stream.isTTY && stream.columns) return stream.columns;
  const columns = Number(env.COLUMNS);
  return Number.isInteger(columns) && columns > 0 ? columns : undefined;
}

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;
const DRAWING = /[│┃┆┊╎║─━┄┈╌═┌┐└┘├┤┬┴┼╭╮╯╰▶◀►◄▲▼]/;

/** The number of columns a line takes on screen (colour codes take none). */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/**
 * Breaks one paragraph into lines of at most `width` columns at word boundaries, the first
 * starting with `indent` and the others with `continuation`. A single word longer than the line
 * stays whole on its own line.
 *
 * @example
 * wrapWords('Expected an EnvelopeError', '  ', 16); // ['  Expected an', '  EnvelopeError']
 */
export function wrapWords(text: string, indent: string, width: number, continuation = indent): string[] {
  const out: string[] = [];
  let prefix = indent;
  let line = '';
  let length = 0;
  for (const word of text.split(' ')) {
    const size = visibleLength(word);
    const room = Math.max(10, width - visibleLength(prefix));
    if (line && length + 1 + size > room) {
      out.push(`${prefix}${line}`);
      prefix = continuation;
      line = word;
      length = size;
    } else {
      length += (line ? 1 : 0) + size;
      line = line ? `${line} ${word}` : word;
    }
  }
  out.push(`${prefix}${line}`);
  return out;
}

/**
 * Fits every line of a text to `width` columns: a longer line is wrapped at word boundaries,
 * its continuations indented like it (past the bullet or mark it starts with). Drawings are
 * kept whole. Without a width the text is returned unchanged.
 */
export function fitToWidth(text: string, width: number | undefined): string {
  if (!width) return text;
  return text
    .split('\n')
    .flatMap((line) => fitLine(line, width))
    .join('\n');
}

function fitLine(line: string, width: number): string[] {
  const plain = line.replace(ANSI, '');
  if (visibleLength(line) <= width || DRAWING.test(plain)) return [line];
  const indent = /^\s*/.exec(plain)![0];
  const lead = /^\s*(?:[•✓✗!⧗–○?⊘]\s+)?/.exec(plain)![0];
  // Leading spaces may sit after a colour code: drop them there, the indent puts them back.
  const words = line.replace(/^((?:\u001b\[[0-9;]*m)*)\s+/, '$1');
  return wrapWords(words, indent, width, ' '.repeat(lead.length));
}
