import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { NdjsonDecoder, type NdjsonEvent } from '@workbook/01-message-formats/ndjson-decoder';
import { cut } from '../support/bytes.ts';
import { expectGrowth, measureGrowth } from '../support/complexity.ts';
import { settledLiveBytes } from '../support/gc.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);

/** Feeds every chunk, then ends the stream, and returns all events in order. */
function decodeAll(chunks: Array<string | Uint8Array>, decoder = new NdjsonDecoder()): NdjsonEvent[] {
  const events: NdjsonEvent[] = [];
  for (const chunk of chunks) events.push(...decoder.push(chunk));
  events.push(...decoder.end());
  return events;
}

const message = (line: number, value: unknown): NdjsonEvent => ({ kind: 'message', line, value });

describe('decodes whole lines', () => {
  it('decodes one message per line', () => {
    const events = decodeAll(['{"jsonrpc":"2.0","method":"ping","id":1}\n{"jsonrpc":"2.0","result":{},"id":1}\n']);
    expect(events).toEqual([
      message(1, { jsonrpc: '2.0', method: 'ping', id: 1 }),
      message(2, { jsonrpc: '2.0', result: {}, id: 1 }),
    ]);
  });

  it('returns the events of the lines a push completes, and nothing for an unfinished line', () => {
    const decoder = new NdjsonDecoder();
    expect(decoder.push('{"a":1}\n{"b":')).toEqual([message(1, { a: 1 })]);
    expect(decoder.push('2')).toEqual([]);
    expect(decoder.push('}\n')).toEqual([message(2, { b: 2 })]);
    expect(decoder.end()).toEqual([]);
  });

  it('accepts any JSON value on a line, not only objects', () => {
    expect(decodeAll(['[1,2]\n"text"\n42\nnull\n'])).toEqual([message(1, [1, 2]), message(2, 'text'), message(3, 42), message(4, null)]);
  });

  it('accepts \\r\\n line endings', () => {
    expect(decodeAll(['{"a":1}\r\n{"b":2}\r\n'])).toEqual([message(1, { a: 1 }), message(2, { b: 2 })]);
  });

  it('skips empty lines, \\r\\n ones included, but counts them', () => {
    expect(decodeAll(['\n{"a":1}\n\n\r\n{"b":2}\n'])).toEqual([message(2, { a: 1 }), message(5, { b: 2 })]);
  });

  it('end() with no unfinished line counts no line', () => {
    const decoder = new NdjsonDecoder();
    expect(decoder.push('{"a":1}\n')).toEqual([message(1, { a: 1 })]);
    expect(decoder.end()).toEqual([]);
    expect(decoder.end()).toEqual([]);
    const [next] = decoder.push('{"b":2}\n');
    expect(
      [1, 2],
      `the next line is line 2 (the count goes on) or line 1 (a new stream), not line ${String(next?.line)}: an end() with nothing unfinished is not a line`,
    ).toContain(next?.line);
  });

  it('decodes a last line that has no newline when the stream ends', () => {
    const decoder = new NdjsonDecoder();
    expect(decoder.push('{"a":1}\n{"last":true}')).toEqual([message(1, { a: 1 })]);
    expect(decoder.end(), 'end() must flush the final line that never got its newline').toEqual([message(2, { last: true })]);
  });

  it('accepts Uint8Array chunks', () => {
    expect(decodeAll([utf8('{"text":"héllo"}\n')])).toEqual([message(1, { text: 'héllo' })]);
  });
});

describe('reassembles lines split across chunks', () => {
  it('joins a line cut into several string chunks', () => {
    expect(decodeAll(['{"met', 'hod":"tools/', 'list"}', '\n'])).toEqual([message(1, { method: 'tools/list' })]);
  });

  it('handles a \\r\\n split between two chunks', () => {
    expect(decodeAll(['{"a":1}\r', '\n{"b":2}\r', '\n'])).toEqual([message(1, { a: 1 }), message(2, { b: 2 })]);
  });

  it('decodes a multi-byte character split across Uint8Array chunks', () => {
    const bytes = utf8('{"text":"日本"}\n');
    // 日 is three bytes starting at offset 9: cut after its first byte.
    const events = decodeAll([bytes.slice(0, 10), bytes.slice(10)]);
    expect(events).toEqual([message(1, { text: '日本' })]);
  });

  it('decodes an emoji delivered one byte at a time', () => {
    const bytes = utf8('{"text":"ok 👍"}\n');
    expect(decodeAll([...bytes].map((b) => Uint8Array.of(b)))).toEqual([message(1, { text: 'ok 👍' })]);
  });

  it('mixes string and Uint8Array chunks', () => {
    expect(decodeAll(['{"a":', utf8('"é"}\n{"b"'), ':2}\n'])).toEqual([message(1, { a: 'é' }), message(2, { b: 2 })]);
  });

  it('is not confused when the caller reuses its chunk buffer after push', () => {
    const decoder = new NdjsonDecoder();
    const buffer = utf8('{"a":');
    expect(decoder.push(buffer)).toEqual([]);
    buffer.fill(0x20); // the caller recycles its buffer for the next read
    expect(decoder.push('1}\n')).toEqual([message(1, { a: 1 })]);
  });
});

describe('reports a bad line and carries on', () => {
  it('reports invalid JSON with its line number and text, then decodes the next line', () => {
    const events = decodeAll(['{"a":1}\n{"b":\n{"c":3}\n']);
    expect(events).toHaveLength(3);
    expect(events[0]).toEqual(message(1, { a: 1 }));
    const bad = events[1]!;
    expect(bad.kind).toBe('invalid-json');
    if (bad.kind === 'invalid-json') {
      expect(bad.line).toBe(2);
      expect(bad.text).toBe('{"b":');
      expect(typeof bad.reason === 'string' && bad.reason.length > 0, 'reason should hold the JSON parser\'s message').toBe(true);
    }
    expect(events[2]).toEqual(message(3, { c: 3 }));
  });

  it('reports a line of spaces as invalid JSON rather than skipping it', () => {
    const events = decodeAll(['   \n{"a":1}\n']);
    expect(events.map((e) => [e.kind, e.line])).toEqual([
      ['invalid-json', 1],
      ['message', 2],
    ]);
  });

  it('reports two JSON texts on one line as invalid', () => {
    const events = decodeAll(['{"a":1}{"b":2}\n']);
    expect(events.map((e) => e.kind)).toEqual(['invalid-json']);
  });

  it('reports an invalid last line at end()', () => {
    const decoder = new NdjsonDecoder();
    expect(decoder.push('{"a":1}\nnot json')).toEqual([message(1, { a: 1 })]);
    const events = decoder.end();
    expect(events.map((e) => [e.kind, e.line])).toEqual([['invalid-json', 2]]);
  });
});

describe('bounds the line length in bytes', () => {
  it('reports a line over the limit once, with its line number, and recovers at the next newline', () => {
    const decoder = new NdjsonDecoder({ maxLineBytes: 16 });
    const long = `{"data":"${'x'.repeat(40)}"}`;
    const events = decodeAll([`{"a":1}\n${long}\n{"b":2}\n`], decoder);
    expect(events).toEqual([message(1, { a: 1 }), { kind: 'line-too-long', line: 2, limit: 16 }, message(3, { b: 2 })]);
  });

  it('recovers when the long line arrives in many chunks', () => {
    const decoder = new NdjsonDecoder({ maxLineBytes: 16 });
    const chunks = ['{"data":"', ...Array.from({ length: 20 }, () => 'xxxxxxxxxx'), '"}\n{"ok":true}\n'];
    expect(decodeAll(chunks, decoder)).toEqual([{ kind: 'line-too-long', line: 1, limit: 16 }, message(2, { ok: true })]);
  });

  it('accepts a line of exactly the limit, also when it ends with \\r\\n', () => {
    const line = '{"k":"abcdefghi"}'; // 17 bytes
    expect(decodeAll([`${line}\n`], new NdjsonDecoder({ maxLineBytes: 17 }))).toEqual([message(1, { k: 'abcdefghi' })]);
    expect(decodeAll([`${line}\r\n`], new NdjsonDecoder({ maxLineBytes: 17 }))).toEqual([message(1, { k: 'abcdefghi' })]);
  });

  it('rejects a line one byte over the limit, also when it ends with \\r\\n', () => {
    const line = '{"k":"abcdefghij"}'; // 18 bytes
    expect(decodeAll([`${line}\n`], new NdjsonDecoder({ maxLineBytes: 17 }))).toEqual([{ kind: 'line-too-long', line: 1, limit: 17 }]);
    expect(decodeAll([`${line}\r\n`], new NdjsonDecoder({ maxLineBytes: 17 }))).toEqual([{ kind: 'line-too-long', line: 1, limit: 17 }]);
  });

  it('counts UTF-8 bytes, not characters', () => {
    // Ten characters of é are twenty bytes: the line is 24 bytes but only 14 characters long.
    const line = `["${'é'.repeat(10)}"]`;
    expect(decodeAll([`${line}\n`], new NdjsonDecoder({ maxLineBytes: 20 }))).toEqual([{ kind: 'line-too-long', line: 1, limit: 20 }]);
    expect(decodeAll([`${line}\n`], new NdjsonDecoder({ maxLineBytes: 24 }))).toEqual([message(1, ['é'.repeat(10)])]);
  });

  it('reports an over-long last line at end()', () => {
    const decoder = new NdjsonDecoder({ maxLineBytes: 8 });
    expect(decoder.push('{"a":1}\n"a very long unterminated line"')).toEqual([message(1, { a: 1 })]);
    expect(decoder.end()).toEqual([{ kind: 'line-too-long', line: 2, limit: 8 }]);
  });

  it('accepts the smallest limit, one byte', () => {
    const decoder = new NdjsonDecoder({ maxLineBytes: 1 });
    expect(decodeAll(['7\n', '42\n'], decoder)).toEqual([message(1, 7), { kind: 'line-too-long', line: 2, limit: 1 }]);
  });

  it('keeps nothing of an over-long line once it is over the limit, however much more of it arrives', async () => {
    const limit = 4 * 1024 * 1024;
    const decoder = new NdjsonDecoder({ maxLineBytes: limit });
    const chunk = new Uint8Array(64 * 1024).fill(0x78); // 64 KiB of "x", no newline
    for (let sent = 0; sent <= limit; sent += chunk.length) decoder.push(chunk); // now one chunk over
    const before = await settledLiveBytes();
    // 3.5 MiB more of the same line: less than the limit, so a decoder that starts counting again
    // after the overflow still holds all of it.
    for (let i = 0; i < 56; i++) decoder.push(chunk);
    const kept = (await settledLiveBytes()) - before;
    expect(kept, `the decoder kept ${(kept / 1024 / 1024).toFixed(1)} MiB of a line it has already rejected; drop its bytes as they arrive`).toBeLessThan(
      2 * 1024 * 1024,
    );
    expect(decoder.push('\n')).toEqual([{ kind: 'line-too-long', line: 1, limit }]);
  });

  it('keeps nothing of one chunk that alone takes the line over the limit', async () => {
    const limit = 1024 * 1024;
    const decoder = new NdjsonDecoder({ maxLineBytes: limit });
    const chunk = new Uint8Array(16 * 1024 * 1024).fill(0x78); // 16 MiB of "x", no newline
    const before = await settledLiveBytes();
    decoder.push(chunk);
    const kept = (await settledLiveBytes()) - before;
    expect(kept, `the decoder kept ${(kept / 1024 / 1024).toFixed(1)} MiB of a chunk that is over the limit by itself; check the limit before keeping a chunk`).toBeLessThan(
      2 * 1024 * 1024,
    );
    expect(decoder.push('\n')).toEqual([{ kind: 'line-too-long', line: 1, limit }]);
  });

  it('rejects a limit that is not a positive integer with RangeError', () => {
    for (const maxLineBytes of [0, -1, 1.5, Number.NaN]) {
      expect(() => new NdjsonDecoder({ maxLineBytes }), `maxLineBytes: ${maxLineBytes} should throw RangeError`).toThrow(RangeError);
    }
  });

  it('defaults the limit to 1 MiB', () => {
    const fits = `"${'a'.repeat(1_048_574)}"`;
    const tooLong = `"${'a'.repeat(1_048_575)}"`;
    const events = decodeAll([`${fits}\n${tooLong}\n`]);
    expect(events.map((e) => [e.kind, e.line])).toEqual([
      ['message', 1],
      ['line-too-long', 2],
    ]);
  });
});

describe('any chunking gives the same events', () => {
  const value = fc.jsonValue({ maxDepth: 2 });
  const line = fc.oneof(
    { weight: 6, arbitrary: value.map((v) => JSON.stringify(v)) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constantFrom('{"broken":', 'nope', '[1,,2]') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 30, maxLength: 60 }).map((s) => JSON.stringify(s)) },
  );
  const stream = fc.record({
    lines: fc.array(line, { maxLength: 12 }),
    crlf: fc.array(fc.boolean(), { minLength: 12, maxLength: 12 }),
    finalNewline: fc.boolean(),
  });
  const render = ({ lines, crlf, finalNewline }: { lines: string[]; crlf: boolean[]; finalNewline: boolean }): string =>
    lines.map((l, i) => `${l}${crlf[i] ? '\r\n' : '\n'}`).join('') + (finalNewline ? '' : '{"tail":1}');

  it('byte chunks cut anywhere decode to the events of the whole stream', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (input, positions) => {
        const bytes = utf8(render(input));
        const whole = decodeAll([bytes], new NdjsonDecoder({ maxLineBytes: 48 }));
        const chunked = decodeAll(cut(bytes, positions), new NdjsonDecoder({ maxLineBytes: 48 }));
        expect(chunked).toEqual(whole);
      }),
    );
  });

  it('the events are the lines that fit, parsed, numbered from 1', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (input, positions) => {
        const text = render(input);
        const bytes = utf8(text);
        const events = decodeAll(cut(bytes, positions), new NdjsonDecoder({ maxLineBytes: 48 }));
        const expected: NdjsonEvent[] = [];
        const lines = text.split('\n');
        if (lines[lines.length - 1] === '') lines.pop();
        lines.forEach((raw, i) => {
          const content = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
          if (content === '') return;
          if (utf8(content).length > 48) expected.push({ kind: 'line-too-long', line: i + 1, limit: 48 });
          else {
            try {
              expected.push(message(i + 1, JSON.parse(content)));
            } catch {
              expected.push({ kind: 'invalid-json', line: i + 1, text: content, reason: expect.any(String) as unknown as string });
            }
          }
        });
        expect(events).toEqual(expected);
      }),
    );
  });

  it('string chunks cut between code points decode like byte chunks', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 20 }), (input, positions) => {
        const text = render(input);
        const points = [...text];
        const cuts = [...new Set(positions.map((p) => p % (points.length + 1)))].sort((a, b) => a - b);
        const chunks: string[] = [];
        let from = 0;
        for (const c of cuts) {
          chunks.push(points.slice(from, c).join(''));
          from = c;
        }
        chunks.push(points.slice(from).join(''));
        const expected = decodeAll([utf8(text)], new NdjsonDecoder({ maxLineBytes: 48 }));
        expect(decodeAll(chunks, new NdjsonDecoder({ maxLineBytes: 48 }))).toEqual(expected);
      }),
    );
  });
});

describe('constant work per chunk', () => {
  it('pushing a small chunk costs about the same whether the unfinished line holds 1 KB or 400 KB', () => {
    const small = 1_000;
    const large = 400_000;
    const piece = utf8('abcdefghijklmnop');
    const growth = measureGrowth({
      setup: (n) => {
        const decoder = new NdjsonDecoder({ maxLineBytes: 10_000_000 });
        decoder.push(utf8(`"${'x'.repeat(n)}`));
        return decoder;
      },
      operation: (decoder) => {
        decoder.push(piece);
      },
      small,
      large,
      ops: 1_000,
      limit: 15,
    });
    expectGrowth(growth, {
      small,
      large,
      limit: 15,
      operation: 'one push of 16 bytes',
      what: 'bytes of unfinished line',
      cause: 're-scanning the unfinished line for a newline, or copying it, on every push',
    });
  });
});
