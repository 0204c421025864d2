import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SseLineTooLongError, SseParser, type SseEvent } from '@workbook/08-streaming/sse-parser';
import { cut } from '../support/bytes.ts';
import { expectGrowth, measureGrowth } from '../support/complexity.ts';
import { interpretEventStream } from './event-stream-model.ts';

const encode = (text: string): Uint8Array => new TextEncoder().encode(text);
const message = (data: string, lastEventId = ''): SseEvent => ({ type: 'message', data, lastEventId });

/** Feeds each chunk in turn and returns every event, then what end() returns. */
function feed(parser: SseParser, chunks: (string | Uint8Array)[]): SseEvent[] {
  const events: SseEvent[] = [];
  for (const chunk of chunks) events.push(...parser.push(chunk));
  events.push(...parser.end());
  return events;
}

const parse = (...chunks: (string | Uint8Array)[]): SseEvent[] => feed(new SseParser(), chunks);

describe('fields and events', () => {
  it('a data line and a blank line make one message event', () => {
    expect(parse('data: hello\n\n')).toEqual([message('hello')]);
  });

  it('returns the events each chunk completes, and nothing before the blank line', () => {
    const parser = new SseParser();
    expect(parser.push('data: one\n')).toEqual([]);
    expect(parser.push('\ndata: two\n\ndata: three\n\n')).toEqual([message('one'), message('two'), message('three')]);
  });

  it('joins several data lines with a line feed', () => {
    expect(parse('data: first\ndata: second\ndata:\ndata: fourth\n\n')).toEqual([message('first\nsecond\n\nfourth')]);
  });

  it('the event field sets the type, for that event only', () => {
    expect(parse('event: delta\ndata: a\n\ndata: b\n\n')).toEqual([
      { type: 'delta', data: 'a', lastEventId: '' },
      message('b'),
    ]);
  });

  it('an empty event field means the default type "message"', () => {
    expect(parse('event:\ndata: a\n\n')).toEqual([message('a')]);
  });

  it('the last event field before the blank line wins', () => {
    expect(parse('event: a\nevent: b\ndata: x\n\n')).toEqual([{ type: 'b', data: 'x', lastEventId: '' }]);
  });

  it('removes exactly one space after the colon, and nothing else', () => {
    expect(parse('data:  two spaces \n\ndata:none\n\ndata:\tTab\n\n')).toEqual([message(' two spaces '), message('none'), message('\tTab')]);
  });

  it('splits at the first colon only', () => {
    expect(parse('data: {"a": "b:c"}\n\n')).toEqual([message('{"a": "b:c"}')]);
  });

  it('ignores comment lines, wherever they are', () => {
    expect(parse(': hello\ndata: a\n:\n: keep-alive\ndata: b\n\n: after\n\n')).toEqual([message('a\nb')]);
  });

  it('a line without a colon is a field with an empty value', () => {
    expect(parse('data\n\n')).toEqual([message('')]);
    expect(parse('data\ndata\n\n')).toEqual([message('\n')]);
  });

  it('ignores unknown fields', () => {
    expect(parse('foo: bar\ndata: a\nDATAX: b\n\n')).toEqual([message('a')]);
  });

  it('field names are case-sensitive', () => {
    expect(parse('Data: a\nEVENT: b\nId: c\nRetry: 10\ndata: z\n\n')).toEqual([message('z')]);
  });

  it('a field name with a trailing space is not the same field', () => {
    expect(parse('data : a\ndata: b\n\n')).toEqual([message('b')]);
  });

  it('an event with an event field but no data is not dispatched, and its type does not leak', () => {
    expect(parse('event: ping\n\ndata: x\n\n')).toEqual([message('x')]);
  });

  it('a lone blank line dispatches nothing', () => {
    expect(parse('\n\n\n')).toEqual([]);
  });
});

describe('line breaks, however the bytes are cut', () => {
  it('accepts LF, CRLF and CR line breaks, even mixed', () => {
    expect(parse('data: a\r\n\r\ndata: b\r\rdata: c\n\ndata: d\r\n\n')).toEqual([message('a'), message('b'), message('c'), message('d')]);
  });

  it('a CR at the end of one chunk and an LF at the start of the next are one line break', () => {
    expect(parse('data: a\r', '\ndata: b\r', '\n\r', '\n')).toEqual([message('a\nb')]);
  });

  it('a CR at the end of a chunk ends the line at once, without waiting for the next chunk', () => {
    const parser = new SseParser();
    parser.push('data: a\r');
    expect(parser.push('\r'), 'the blank line "\\r" completes the event').toEqual([message('a')]);
    expect(parser.push('\ndata: b\n\n'), 'the LF after a lone CR is a line break of its own: a blank line, then data').toEqual([message('b')]);
  });

  it('two CRs are two line breaks, wherever the chunk boundary falls', () => {
    expect(parse('data: a\r', '\r')).toEqual([message('a')]);
    expect(parse('data: a', '\r\r')).toEqual([message('a')]);
  });

  it('an LF after CRLF is a blank line', () => {
    expect(parse('data: a\r\n', '\n')).toEqual([message('a')]);
  });

  it('an empty chunk between a CR and its LF does not split the line break', () => {
    expect(parse('data: a\r', '', '\ndata: b\n\n'), 'an empty string chunk').toEqual([message('a\nb')]);
    expect(parse(encode('data: a\r'), new Uint8Array(0), encode('\ndata: b\n\n')), 'an empty byte chunk').toEqual([message('a\nb')]);
  });

  it('a line may be split into single bytes', () => {
    const bytes = encode('event: e\r\ndata: x\r\nid: 4\r\n\r\n');
    expect(parse(...cut(bytes, [...bytes.keys()]))).toEqual([{ type: 'e', data: 'x', lastEventId: '4' }]);
  });

  it('every way of cutting a stream in two gives the same events', () => {
    const bytes = encode('data: a\r\n\r\nevent: t\rdata: b\r\r: c\ndata: é\n\n');
    const whole = parse(bytes);
    expect(whole).toHaveLength(3);
    for (let at = 0; at <= bytes.length; at++) expect(parse(...cut(bytes, [at])), `cut at byte ${at}`).toEqual(whole);
  });

  it('strings and bytes give the same events', () => {
    const text = 'data: x\r\n\r\ndata: y\r\r';
    expect(parse(...text.split(''))).toEqual(parse(encode(text)));
  });
});

describe('UTF-8 and the byte order mark', () => {
  it('decodes multi-byte characters cut between chunks at any byte', () => {
    const bytes = encode('data: é 東京 😀\n\n');
    for (let at = 0; at <= bytes.length; at++) {
      expect(parse(...cut(bytes, [at])), `cut at byte ${at}`).toEqual([message('é 東京 😀')]);
    }
    expect(parse(...cut(bytes, [...bytes.keys()])), 'one byte per chunk').toEqual([message('é 東京 😀')]);
  });

  it('a character cut off by one chunk is completed by the next, even when that one is pure ASCII after it', () => {
    const bytes = encode('data: ab😀cd\n\n');
    // The emoji's four bytes end in chunks of one byte, then ASCII follows.
    const emoji = bytes.indexOf(0xf0);
    expect(parse(...cut(bytes, [emoji + 1, emoji + 2, emoji + 3, emoji + 4]))).toEqual([message('ab😀cd')]);
  });

  it('replaces invalid UTF-8 the way TextDecoder does', () => {
    const bytes = Uint8Array.from([...encode('data: a'), 0xff, 0xc3, ...encode('b'), 0xe6, 0x9d, ...encode('\n\n')]);
    const expected = [message(new TextDecoder().decode(bytes.subarray(6, bytes.length - 2)))];
    expect(expected[0]!.data).toBe('a\uFFFD\uFFFDb\uFFFD');
    expect(parse(bytes)).toEqual(expected);
    expect(parse(...cut(bytes, [...bytes.keys()])), 'one byte per chunk').toEqual(expected);
  });

  it('a character the stream breaks off before an ASCII chunk becomes U+FFFD in its place', () => {
    // The first bytes of a 2-, 3- or 4-byte character, then plain ASCII: the character never ends.
    const starts = [[0xc3], [0xe6], [0xe6, 0x9d], [0xe6, 0x80], [0xe0, 0xa0], [0xf0], [0xf0, 0x9f], [0xf0, 0x9f, 0x98], [0xf0, 0x9f, 0x80]];
    for (const start of starts) {
      const broken = new TextDecoder().decode(Uint8Array.from(start));
      expect(broken).toBe('\uFFFD');
      const label = start.map((b) => b.toString(16)).join(' ');
      expect(parse(encode('data: '), Uint8Array.from(start), encode('x\n\n')), `bytes ${label} in a chunk of their own`).toEqual([message(`${broken}x`)]);
      for (const before of ['a', 'ab', 'abc']) {
        const chunk = Uint8Array.from([...encode(`data: ${before}`), ...start]);
        expect(parse(chunk, encode('x\n\n')), `bytes ${label} at the end of "data: ${before}"`).toEqual([message(`${before}${broken}x`)]);
      }
    }
  });

  it('a character cut off by the end of one stream does not leak into the next stream', () => {
    const parser = new SseParser();
    parser.push(Uint8Array.from([...encode('data: a'), 0xf0, 0x9f]));
    parser.end();
    expect(feed(parser, [encode('data: é\n\n')])).toEqual([message('é')]);
  });

  it('removes one byte order mark at the start of the stream', () => {
    expect(parse(Uint8Array.from([0xef, 0xbb, 0xbf, ...encode('data: a\n\n')]))).toEqual([message('a')]);
    expect(parse('\uFEFFdata: a\n\n')).toEqual([message('a')]);
  });

  it('removes a byte order mark that arrives split across chunks', () => {
    const bytes = Uint8Array.from([0xef, 0xbb, 0xbf, ...encode('data: a\n\n')]);
    expect(parse(...cut(bytes, [1, 2, 3]))).toEqual([message('a')]);
    expect(parse(new Uint8Array(0), ...cut(bytes, [2]))).toEqual([message('a')]);
  });

  it('only the first byte order mark is removed: a second one is part of the first line', () => {
    // The first line is then "\uFEFFdata: a", an unknown field.
    expect(parse('\uFEFF\uFEFFdata: a\n\ndata: b\n\n')).toEqual([message('b')]);
  });

  it('a U+FEFF later in the stream is data, even at the start of a chunk', () => {
    expect(parse(encode('data: a'), encode('\uFEFFb\n\n'))).toEqual([message('a\uFEFFb')]);
    expect(parse(encode('data: x\n\n'), encode('\uFEFFdata: y\n\ndata: z\n\n'))).toEqual([message('x'), message('z')]);
    // After text dense with multi-byte characters too.
    expect(parse(encode('data: 東京の天気は晴れです'), encode('\uFEFF東京\n\n'))).toEqual([message('東京の天気は晴れです\uFEFF東京')]);
  });

  it('a surrogate pair cut between two string chunks stays one character', () => {
    const text = 'data: 😀\n\n';
    expect(parse(text.slice(0, 7), text.slice(7))).toEqual([message('😀')]);
  });
});

describe('last event ID and retry', () => {
  it('an event carries the id it was sent with', () => {
    expect(parse('id: 1\ndata: a\n\n')).toEqual([message('a', '1')]);
  });

  it('the last event ID persists across events until the server changes it', () => {
    expect(parse('id: 7\ndata: a\n\ndata: b\n\nid: 8\ndata: c\n\n')).toEqual([message('a', '7'), message('b', '7'), message('c', '8')]);
  });

  it('an empty id resets the last event ID', () => {
    const parser = new SseParser();
    expect(feed(parser, ['id: 7\ndata: a\n\nid\ndata: b\n\n'])).toEqual([message('a', '7'), message('b', '')]);
    expect(parser.lastEventId).toBe('');
  });

  it('an id containing U+0000 is ignored', () => {
    const parser = new SseParser();
    expect(feed(parser, ['id: 5\ndata: a\n\nid: 6\u0000x\ndata: b\n\n'])).toEqual([message('a', '5'), message('b', '5')]);
    expect(parser.lastEventId).toBe('5');
  });

  it('an event without data is not dispatched, but its id still counts', () => {
    const parser = new SseParser();
    expect(parser.push('id: 42\n\n')).toEqual([]);
    expect(parser.lastEventId).toBe('42');
    expect(parser.push('data: a\n\n')).toEqual([message('a', '42')]);
  });

  it('the id of an event that never ends does not become the last event ID', () => {
    const parser = new SseParser();
    parser.push('id: 1\ndata: a\n\nid: 2\ndata: b\n');
    expect(parser.lastEventId, 'event 2 was never completed, so a reconnect must ask for what follows 1').toBe('1');
    parser.end();
    expect(parser.lastEventId).toBe('1');
  });

  it('lastEventId starts empty', () => {
    expect(new SseParser().lastEventId).toBe('');
  });

  it('retry sets the reconnection time, and the last valid one wins', () => {
    const parser = new SseParser();
    expect(parser.retry).toBeUndefined();
    parser.push('retry: 3000\n');
    expect(parser.retry).toBe(3000);
    parser.push('retry: 0\n');
    expect(parser.retry).toBe(0);
    parser.push('retry:15000\n\n');
    expect(parser.retry).toBe(15000);
  });

  it('retry is ignored unless its value is all ASCII digits', () => {
    const parser = new SseParser();
    parser.push('retry: 1000\n');
    for (const bad of ['3000ms', '1e3', '-5', '2.5', ' 300', '', '300 ', '０１２', 'abc', '0x10']) {
      parser.push(`retry: ${bad}\n`);
      expect(parser.retry, `"retry: ${bad}" must be ignored`).toBe(1000);
    }
  });

  it('retry needs no blank line and dispatches nothing', () => {
    const parser = new SseParser();
    expect(parser.push('retry: 250\n')).toEqual([]);
    expect(parser.retry).toBe(250);
  });
});

describe('end of the stream', () => {
  it('drops an event the stream ends before its blank line', () => {
    const parser = new SseParser();
    expect(parser.push('data: complete\n\ndata: cut off\n')).toEqual([message('complete')]);
    expect(parser.end()).toEqual([]);
  });

  it('drops a line the stream ends in the middle of', () => {
    const parser = new SseParser();
    parser.push('data: cut off mid-li');
    expect(parser.end()).toEqual([]);
  });

  it('after end, the parser reads the next connection afresh, keeping lastEventId and retry', () => {
    const parser = new SseParser();
    parser.push('retry: 500\nid: 3\ndata: a\n\nevent: half\ndata: b');
    parser.end();
    expect(parser.lastEventId).toBe('3');
    expect(parser.retry).toBe(500);
    expect(feed(parser, ['\uFEFFdata: c\n\n']), 'the old half line, its type and its data are gone; the new stream may start with a BOM').toEqual([message('c', '3')]);
  });

  it('a CR at the very end of one stream does not swallow an LF that starts the next', () => {
    const parser = new SseParser();
    parser.push('data: a\r');
    parser.end();
    // The next stream's first line is blank: nothing to dispatch. Then data.
    expect(feed(parser, ['\ndata: b\n\n'])).toEqual([message('b')]);
  });
});

/** Lines the property test draws from: every field, spacing, comments, odd characters, line breaks. */
const line = fc.tuple(
  fc.constantFrom('data', 'data', 'data', 'event', 'id', 'retry', 'Data', 'dat', 'x', '', ':'),
  fc.constantFrom(':', ': ', ':  ', '', ':: '),
  fc.oneof(
    fc.constantFrom('', '0', '42', '3000', ' 7', 'tok', 'é東京😀', '\u0000', '\uFEFF', '{"a":1}', ':', ' '),
    fc.string({ maxLength: 6 }).filter((s) => !/[\r\n]/.test(s)),
  ),
  fc.constantFrom('\n', '\r', '\r\n', '\n\n', '\r\n\r\n', '\r\r'),
);
const stream = fc
  .tuple(fc.boolean(), fc.array(line, { maxLength: 25 }), fc.constantFrom('', 'data: tail', '\r', 'id: 9\n'))
  .map(([bom, lines, tail]) => (bom ? '\uFEFF' : '') + lines.map((l) => l.join('')).join('') + tail);

function parseInChunks(bytes: Uint8Array, cuts: number[], asText: boolean): { events: SseEvent[]; lastEventId: string; retry: number | undefined } {
  const parser = new SseParser();
  const chunks = cut(bytes, cuts.map((c) => c % (bytes.length + 1)));
  const decoder = new TextDecoder('utf-8', { ignoreBOM: true });
  const events = feed(
    parser,
    chunks.map((c) => (asText ? decoder.decode(c, { stream: true }) : c)),
  );
  return { events, lastEventId: parser.lastEventId, retry: parser.retry };
}

describe('matches the WHATWG algorithm on random streams', () => {
  it('any stream cut into any chunks, as bytes, gives the events, last event ID and retry of the specification', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const bytes = encode(text);
        expect(parseInChunks(bytes, cuts, false)).toEqual(interpretEventStream(bytes));
      }),
    );
  });

  it('the same holds for decoded text chunks', () => {
    fc.assert(
      fc.property(stream, fc.array(fc.nat(), { maxLength: 12 }), (text, cuts) => {
        const bytes = encode(text);
        expect(parseInChunks(bytes, cuts, true)).toEqual(interpretEventStream(bytes));
      }),
    );
  });

  it('random bytes, valid UTF-8 or not, cut anywhere, decode as the specification says', () => {
    const byte = fc.constantFrom(0x0a, 0x0d, 0x3a, 0x20, 0x64, 0x61, 0x74, 0x61, 0x69, 0x64, 0xef, 0xbb, 0xbf, 0xc3, 0xa9, 0xe6, 0x9d, 0xb1, 0xf0, 0x9f, 0x98, 0x80, 0xff, 0x00);
    const bytes = fc.array(byte, { maxLength: 80 }).map((b) => Uint8Array.from([...encode('data: '), ...b, 0x0a, 0x0a]));
    fc.assert(
      fc.property(bytes, fc.array(fc.nat(), { maxLength: 20 }), (input, cuts) => {
        expect(parseInChunks(input, cuts, false)).toEqual(interpretEventStream(input));
      }),
    );
  });
});

describe('bounded line length', () => {
  it('rejects a limit that is not a positive integer', () => {
    for (const bad of [0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 53]) {
      expect(() => new SseParser({ maxLineBytes: bad }), `maxLineBytes: ${bad}`).toThrow(RangeError);
    }
    expect(() => new SseParser({ maxLineBytes: '10' as unknown as number })).toThrow(RangeError);
    expect(() => new SseParser({ maxLineBytes: 1 })).not.toThrow();
  });

  it('rejects a chunk that is neither text nor bytes', () => {
    expect(() => new SseParser().push(42 as unknown as string)).toThrow(TypeError);
    expect(() => new SseParser().push(new ArrayBuffer(4) as unknown as Uint8Array)).toThrow(TypeError);
  });

  it('accepts a line of exactly maxLineBytes bytes and refuses one byte more', () => {
    const limit = 16;
    const exact = `data: ${'x'.repeat(limit - 6)}`;
    expect(parse(exact + '\n\n')).toHaveLength(1);
    expect(feed(new SseParser({ maxLineBytes: limit }), [`${exact}\n\n`])).toEqual([message('x'.repeat(limit - 6))]);
    expect(() => new SseParser({ maxLineBytes: limit }).push(`${exact}x\n\n`)).toThrow(SseLineTooLongError);
  });

  it('counts the bytes of a line that arrives in many small chunks, before its end arrives', () => {
    const parser = new SseParser({ maxLineBytes: 100 });
    parser.push('data: ');
    for (let i = 0; i < 94; i += 2) parser.push('xx');
    expect(() => parser.push('x'), 'the unfinished line is already longer than the limit').toThrow(SseLineTooLongError);
  });

  it('counts bytes of UTF-8, not characters', () => {
    // "é" is two bytes: ten of them are 20 bytes, plus "data:" makes 25.
    expect(feed(new SseParser({ maxLineBytes: 25 }), ['data:éééééééééé\n\n'])).toEqual([message('éééééééééé')]);
    expect(() => new SseParser({ maxLineBytes: 24 }).push('data:éééééééééé\n\n')).toThrow(SseLineTooLongError);
    expect(() => new SseParser({ maxLineBytes: 24 }).push(encode('data:éééééééééé\n\n'))).toThrow(SseLineTooLongError);
    const parser = new SseParser({ maxLineBytes: 24 });
    parser.push('data:ééééé');
    expect(() => parser.push('ééééé')).toThrow(SseLineTooLongError);
  });

  it('a surrogate pair split between two string chunks counts as the 4 bytes of one character', () => {
    for (const character of ['😀', '\u{10000}', '\u{10FFFF}']) {
      const parser = new SseParser({ maxLineBytes: 9 }); // "data:" and one 4-byte character
      const code = character.codePointAt(0)!.toString(16);
      expect(() => parser.push(`data:${character[0]!}`), `U+${code}: the high surrogate alone`).not.toThrow();
      expect(parser.push(`${character[1]!}\n\n`), `U+${code}: 5 + 4 bytes is within the limit of 9`).toEqual([message(character)]);
    }
  });

  it('the push that takes an unfinished line past the limit throws, whatever character ends it', () => {
    for (const character of ['x', 'é', '東', '\uE000', '\uFFFD']) {
      const bytes = Buffer.byteLength(character);
      const parser = new SseParser({ maxLineBytes: 6 + 2 * bytes - 1 });
      parser.push('data: ');
      expect(() => parser.push(character + character), `"data: " and two ${bytes}-byte characters "${character}"`).toThrow(SseLineTooLongError);
    }
  });

  it('the limit applies to every line, not only data lines', () => {
    expect(() => new SseParser({ maxLineBytes: 8 }).push(': a long comment\n')).toThrow(SseLineTooLongError);
    expect(() => new SseParser({ maxLineBytes: 8 }).push('event: a-long-name\n')).toThrow(SseLineTooLongError);
  });

  it('the error is a RangeError that names the limit', () => {
    let caught: unknown;
    try {
      new SseParser({ maxLineBytes: 10 }).push('data: 0123456789\n');
    } catch (error) {
      caught = error;
    }
    expect(caught).toBeInstanceOf(SseLineTooLongError);
    expect(caught).toBeInstanceOf(RangeError);
    expect((caught as SseLineTooLongError).limit).toBe(10);
    expect((caught as Error).message).toContain('10');
  });

  it('the default limit is 1 MiB', () => {
    const line = `data: ${'x'.repeat(1024 * 1024 - 6)}`;
    expect(parse(`${line}\n\n`)[0]!.data).toHaveLength(1024 * 1024 - 6);
    expect(() => new SseParser().push(`${line}x`)).toThrow(SseLineTooLongError);
  });

  it('after the error the stream is abandoned until end() starts a new one', () => {
    const parser = new SseParser({ maxLineBytes: 10 });
    parser.push('data: ok\n\n');
    expect(() => parser.push('data: far too long')).toThrow(SseLineTooLongError);
    expect(() => parser.push('\n\ndata: b\n\n'), 'the rest of the long line must not be read as new lines').toThrow(SseLineTooLongError);
    expect(parser.end()).toEqual([]);
    expect(feed(parser, ['data: b\n\n'])).toEqual([message('b')]);
  });
});

describe('linear time on a huge line in tiny chunks', () => {
  const piece = encode('abcdefghijklmnop');
  const ops = 200;

  /**
   * Times one more 16-byte chunk of a line that already holds 16 KiB or `large` bytes, with
   * `maxLineBytes` chosen by `limitFor(n)`, and expects the cost not to grow with what is buffered.
   */
  function expectFlatPushCost(large: number, limitFor: (n: number) => number, what: string, cause: string): void {
    const small = 16 * 1024;
    const growth = measureGrowth({
      setup: (n) => {
        const parser = new SseParser({ maxLineBytes: limitFor(n) });
        parser.push(`data: ${'x'.repeat(n)}`);
        return parser;
      },
      operation: (parser) => {
        parser.push(piece);
      },
      small,
      large,
      ops,
      limit: 8,
      rounds: 9,
    });
    expectGrowth(growth, { small, large, limit: 8, operation: 'one push of a 16-byte chunk', what, cause });
  }

  it('one more 16-byte chunk costs about the same with 16 KiB or 1 MiB of the line already buffered', () => {
    expectFlatPushCost(
      1024 * 1024,
      () => 64 * 1024 * 1024,
      'bytes of the line buffered',
      'the whole buffered line is searched (or copied, or measured) again on every chunk, instead of only the new chunk',
    );
  });

  it('one more 16-byte chunk costs about the same with 16 KiB or 16 MiB buffered, when the line is near its limit', () => {
    expectFlatPushCost(
      16 * 1024 * 1024,
      // The chunks of a round fill the line to exactly its limit.
      (n) => 6 + n + piece.length * ops,
      'bytes of the line buffered, near maxLineBytes',
      'the bytes of the whole buffered line are counted again on every chunk once it nears the limit, instead of adding the bytes of the new chunk',
    );
  });

  it('one chunk of many lines costs the same per line for 20 or 8,000 lines, whatever line breaks it mixes', () => {
    const small = 20;
    const large = 8_000;
    // 4 KB comment lines: half of them end with one kind of line break, half with the other.
    const comment = `: ${'x'.repeat(4_000)}`;
    const lines = (n: number, first: string, second: string): string => `${comment}${first}`.repeat(n / 2) + `${comment}${second}`.repeat(n / 2);
    for (const [first, second] of [
      ['\r', '\n'],
      ['\n', '\r'],
    ] as const) {
      const growth = measureGrowth({
        setup: (n) => ({ parser: new SseParser(), chunk: lines(n, first, second) }),
        operation: ({ parser, chunk }) => void parser.push(chunk),
        small,
        large,
        ops: 1,
        rounds: 15,
        reuseState: true,
        limit: (12 * large) / small,
      });
      // Each operation parses n lines; divide by n to compare the cost of one.
      const perLine = { smallNsPerOp: growth.smallNsPerOp / small, largeNsPerOp: growth.largeNsPerOp / large, ratio: (growth.ratio * small) / large };
      expectGrowth(perLine, {
        small,
        large,
        limit: 12,
        operation: `parsing one line of a chunk whose lines end with ${JSON.stringify(first)}, then with ${JSON.stringify(second)}`,
        what: 'lines in the chunk',
        cause: 'each line searches the rest of the chunk again for the kind of line break it does not end with, instead of reusing the position found earlier',
      });
    }
  });

  it('still reads the long line correctly at the end', () => {
    const parser = new SseParser();
    const piece = encode('0123456789abcdef');
    parser.push('data: ');
    for (let i = 0; i < 4_096; i++) parser.push(piece);
    const [event] = parser.push('\n\n');
    expect(event!.data.length).toBe(16 * 4_096);
    expect(event!.data.slice(0, 20)).toBe('0123456789abcdef0123');
  });
});
