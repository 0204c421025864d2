import { createInterface, type Interface } from 'node:readline';

/**
 * The practice command's input and screen. On a terminal it reads single keys in raw mode and
 * redraws the screen; without one (piped, CI) it reads one line per answer and prints plain
 * text, the way `npm run watch` does.
 */

/** A key as the practice screens understand it. */
export type Key =
  | { kind: 'char'; char: string }
  | { kind: 'enter' }
  | { kind: 'backspace' }
  | { kind: 'escape' }
  | { kind: 'interrupt' }
  | { kind: 'end' };

export interface Terminal {
  /** True on a terminal (keys, redraws); false when piped (lines, plain text). */
  readonly tty: boolean;
  /** Columns to wrap text at. */
  readonly width: number;
  /** The next key (terminal) or the next line's first letter (piped; an empty line is `enter`). */
  key(): Promise<Key>;
  /** The next whole line when piped, `undefined` at the end of input. */
  line(): Promise<string | undefined>;
  /** Like `key`, but gives up after `ms` milliseconds with `undefined`. */
  keyWithin(ms: number): Promise<Key | undefined>;
  /** Piped: the next line within `ms` milliseconds; `null` at the end of input, `undefined` when the time ran out. */
  lineWithin(ms: number): Promise<string | null | undefined>;
  /** Replaces the screen (terminal) or prints a block followed by a blank line (piped). */
  show(text: string): void;
  print(text: string): void;
  close(): void;
}

/** Splits a chunk of raw terminal input into keys; escape sequences (arrows) count as one key. */
export function keysOf(chunk: string): Key[] {
  const keys: Key[] = [];
  for (let i = 0; i < chunk.length; i++) {
    const char = chunk[i]!;
    if (char === '\u001b') {
      const sequence = /^\u001b(\[[0-9;]*[A-Za-z~]|O[A-Za-z])?/.exec(chunk.slice(i))![0];
      keys.push({ kind: 'escape' });
      i += sequence.length - 1;
    } else if (char === '\r' || char === '\n') keys.push({ kind: 'enter' });
    else if (char === '\u007f' || char === '\b') keys.push({ kind: 'backspace' });
    else if (char === '\u0003' || char === '\u0004') keys.push({ kind: 'interrupt' });
    else if (char >= ' ') keys.push({ kind: 'char', char });
  }
  return keys;
}

/** What a piped line means as a key: its first character, or `enter` for an empty line. */
export function keyOfLine(line: string): Key {
  const trimmed = line.trim();
  return trimmed ? { kind: 'char', char: trimmed[0]! } : { kind: 'enter' };
}

class Queue<T> {
  #items: T[] = [];
  #waiters: Array<(item: T) => void> = [];

  push(item: T): void {
    const waiter = this.#waiters.shift();
    if (waiter) waiter(item);
    else this.#items.push(item);
  }

  take(): Promise<T> {
    if (this.#items.length > 0) return Promise.resolve(this.#items.shift()!);
    return new Promise((resolve) => this.#waiters.push(resolve));
  }

  /** Like `take`, but resolves `undefined` after `ms` and forgets the waiter. */
  takeWithin(ms: number): Promise<T | undefined> {
    if (this.#items.length > 0) return Promise.resolve(this.#items.shift()!);
    return new Promise((resolve) => {
      const waiter = (item: T): void => {
        clearTimeout(timer);
        resolve(item);
      };
      const timer = setTimeout(() => {
        this.#waiters.splice(this.#waiters.indexOf(waiter), 1);
        resolve(undefined);
      }, ms);
      this.#waiters.push(waiter);
    });
  }
}

/** A piped line, or the end of input. */
type Piped = { line: string } | { end: true };

/** The process's own terminal, or its pipes. */
export function processTerminal(): Terminal {
  const tty = Boolean(process.stdin.isTTY && process.stdout.isTTY);
  const keys = new Queue<Key>();
  const lines = new Queue<Piped>();
  let readline: Interface | undefined;
  if (tty) {
    process.stdin.setRawMode(true);
    process.stdin.setEncoding('utf8');
    process.stdin.on('data', (chunk: string) => {
      for (const key of keysOf(chunk)) keys.push(key);
    });
    process.stdin.resume();
  } else {
    readline = createInterface({ input: process.stdin, terminal: false });
    readline.on('line', (line) => lines.push({ line }));
    readline.on('close', () => lines.push({ end: true }));
  }
  let ended = false;
  const asKey = (item: Piped | undefined): Key | undefined => {
    if (!item) return undefined;
    if ('end' in item) {
      // Every read after the end of input sees the end again.
      ended = true;
      return { kind: 'end' };
    }
    return keyOfLine(item.line);
  };
  return {
    tty,
    width: Math.max(40, Math.min(100, (process.stdout.columns || 80) - 1)),
    async key() {
      if (tty) return keys.take();
      return ended ? { kind: 'end' } : asKey(await lines.take())!;
    },
    async keyWithin(ms) {
      if (tty) return keys.takeWithin(ms);
      return ended ? { kind: 'end' } : asKey(await lines.takeWithin(ms));
    },
    async lineWithin(ms) {
      if (tty) throw new Error('lineWithin() reads piped input; a terminal is read key by key');
      if (ended) return null;
      const item = await lines.takeWithin(ms);
      if (!item) return undefined;
      if ('end' in item) {
        ended = true;
        return null;
      }
      return item.line;
    },
    async line() {
      if (tty) throw new Error('line() reads piped input; a terminal is read key by key');
      if (ended) return undefined;
      const item = await lines.take();
      if ('end' in item) {
        ended = true;
        return undefined;
      }
      return item.line;
    },
    show(text) {
      if (tty) process.stdout.write(`\u001b[2J\u001b[3J\u001b[H${text}\n`);
      else process.stdout.write(`${text}\n\n`);
    },
    print(text) {
      process.stdout.write(`${text}\n`);
    },
    close() {
      if (tty) {
        process.stdin.setRawMode(false);
        process.stdin.pause();
      } else readline?.close();
    },
  };
}
