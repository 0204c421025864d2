import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { encodeFrame, FrameDecoder, FrameError } from '@workbook/01-message-formats/content-length-framing';
import { cut } from '../support/bytes.ts';
import { describeGrowth, expectGrowth, measureGrowth } from '../support/complexity.ts';
import { settledLiveBytes } from '../support/gc.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
const latin = (bytes: Uint8Array): string => new TextDecoder('latin1').decode(bytes);

function join(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

function decodeAll(chunks: Uint8Array[], decoder = new FrameDecoder()): string[] {
  const bodies: string[] = [];
  for (const chunk of chunks) bodies.push(...decoder.push(chunk));
  decoder.end();
  return bodies;
}

/** Runs `action` and returns the FrameError it throws, failing clearly otherwise. */
function frameError(action: () => unknown): FrameError {
  try {
    action();
  } catch (error) {
    expect(error, `expected a FrameError, got ${String(error)}`).toBeInstanceOf(FrameError);
    return error as FrameError;
  }
  throw new Error('expected a FrameError, but nothing was thrown');
}

const initialize = '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{}}';

describe('encodes the length in bytes', () => {
  it('writes the header, a blank line, then the body', () => {
    expect(latin(encodeFrame('{"id":1}'))).toBe('Content-Length: 8\r\n\r\n{"id":1}');
  });

  it('counts UTF-8 bytes, not characters', () => {
    const frame = encodeFrame('{"text":"héllo"}'); // 16 characters, 17 bytes
    expect(latin(frame.subarray(0, 22))).toBe('Content-Length: 17\r\n\r\n');
    expect(frame.length, 'the whole frame is the 22-byte header plus 17 body bytes').toBe(39);
  });

  it('counts a character outside the BMP as four bytes', () => {
    // '👍' is two UTF-16 code units (string length 2) but four UTF-8 bytes.
    expect(latin(encodeFrame('"👍"').subarray(0, 21))).toBe('Content-Length: 6\r\n\r\n');
  });

  it('frames an empty body', () => {
    expect(latin(encodeFrame(''))).toBe('Content-Length: 0\r\n\r\n');
  });

  it('writes the body as UTF-8 bytes', () => {
    const frame = encodeFrame('é');
    expect([...frame.subarray(frame.length - 2)]).toEqual([0xc3, 0xa9]);
  });
});

describe('decodes frames from any chunking', () => {
  it('decodes one frame delivered whole', () => {
    expect(decodeAll([encodeFrame(initialize)])).toEqual([initialize]);
  });

  it('decodes several frames from one chunk, in order', () => {
    const chunk = join(encodeFrame('{"id":1}'), encodeFrame('{"id":2}'), encodeFrame(''), encodeFrame('{"id":3}'));
    expect(decodeAll([chunk])).toEqual(['{"id":1}', '{"id":2}', '', '{"id":3}']);
  });

  it('waits for the rest of a frame and returns nothing meanwhile', () => {
    const decoder = new FrameDecoder();
    const frame = encodeFrame(initialize);
    expect(decoder.push(frame.subarray(0, 10))).toEqual([]);
    expect(decoder.push(frame.subarray(10, 30))).toEqual([]);
    expect(decoder.push(frame.subarray(30))).toEqual([initialize]);
  });

  it('finds a header split between \\r and \\n', () => {
    const frame = encodeFrame('{"id":7}');
    const split = latin(frame).indexOf('\r\n\r\n') + 1; // between the first \r and \n of the terminator
    expect(decodeAll([frame.slice(0, split), frame.slice(split)])).toEqual(['{"id":7}']);
  });

  it('decodes a multi-byte character split across chunks', () => {
    const frame = encodeFrame('{"text":"日本語"}');
    const header = 'Content-Length: 22\r\n\r\n'.length;
    // Cut inside 日 (bytes 9–11 of the body) and inside 語.
    const chunks = [frame.slice(0, header + 10), frame.slice(header + 10, header + 16), frame.slice(header + 16)];
    expect(decodeAll(chunks)).toEqual(['{"text":"日本語"}']);
  });

  it('decodes a stream delivered one byte at a time', () => {
    const stream = join(encodeFrame('{"a":"é"}'), encodeFrame('{"b":"👍"}'));
    expect(decodeAll([...stream].map((b) => Uint8Array.of(b)))).toEqual(['{"a":"é"}', '{"b":"👍"}']);
  });

  it('accepts other header fields, such as Content-Type, in any order', () => {
    const body = '{"id":2}';
    const raw = utf8(`Content-Type: application/vscode-jsonrpc; charset=utf-8\r\nContent-Length: ${body.length}\r\n\r\n${body}`);
    expect(decodeAll([raw])).toEqual([body]);
  });

  it('matches the field name case-insensitively and ignores spaces around the value', () => {
    expect(decodeAll([utf8('content-length:   3  \r\n\r\n"x"')])).toEqual(['"x"']);
  });

  it('is not confused when the caller reuses its chunk buffer after push', () => {
    const decoder = new FrameDecoder();
    const frame = encodeFrame('{"id":1}');
    const buffer = frame.slice(0, 25);
    expect(decoder.push(buffer)).toEqual([]);
    buffer.fill(0x41);
    expect(decoder.push(frame.slice(25))).toEqual(['{"id":1}']);
  });

  it('property: any cut of any stream of frames gives back the bodies in order', () => {
    fc.assert(
      fc.property(
        fc.array(fc.string({ unit: 'grapheme', maxLength: 40 }), { maxLength: 8 }),
        fc.array(fc.nat(), { maxLength: 25 }),
        (bodies, positions) => {
          const stream = join(...bodies.map((b) => encodeFrame(b)));
          expect(decodeAll(cut(stream, positions))).toEqual(bodies);
        },
      ),
    );
  });

  it('decodes a long stream in small chunks, well past the size of its first buffer', () => {
    const bodies = Array.from({ length: 300 }, (_, i) => `{"id":${i},"text":"${'é'.repeat(i % 50)}"}`);
    const stream = join(...bodies.map((b) => encodeFrame(b)));
    for (const size of [7, 100, 333, 1500]) {
      const chunks = Array.from({ length: Math.ceil(stream.length / size) }, (_, i) => stream.slice(i * size, (i + 1) * size));
      expect(decodeAll(chunks), `a stream of ${stream.length} bytes pushed in chunks of ${size} bytes`).toEqual(bodies);
    }
  });

  it('decodes a body far larger than its first buffer, arriving in pieces', () => {
    const body = `"${'abcdefgh'.repeat(5_000)}"`;
    const frame = encodeFrame(body);
    const chunks = Array.from({ length: Math.ceil(frame.length / 4096) }, (_, i) => frame.slice(i * 4096, (i + 1) * 4096));
    expect(decodeAll([...chunks, encodeFrame('{}')])).toEqual([body, '{}']);
  });

  it('keeps its memory small over a long stream of small frames, reusing its buffer', async () => {
    const decoder = new FrameDecoder();
    const frames = join(...Array.from({ length: 40 }, (_, i) => encodeFrame(`{"id":${i}}`))); // about 1 KB
    decoder.push(frames);
    const before = await settledLiveBytes();
    for (let i = 0; i < 4_000; i++) expect(decoder.push(frames).length).toBe(40); // about 4 MB in all
    const kept = (await settledLiveBytes()) - before;
    expect(kept, `the decoder grew by ${(kept / 1024).toFixed(0)} KB while every frame it received was already decoded`).toBeLessThan(512 * 1024);
  });

  it('accepts and ignores any other field that has its colon, even one with an empty name', () => {
    expect(decodeAll([utf8(': no name\r\nContent-Length: 2\r\n\r\n{}')])).toEqual(['{}']);
  });
});

describe('validates the header', () => {
  const bad: Array<[string, string]> = [
    ['no Content-Length field', 'Content-Type: application/json\r\n\r\n{}'],
    ['an empty header part', '\r\n\r\n{}'],
    ['a non-numeric Content-Length', 'Content-Length: abc\r\n\r\n{}'],
    ['digits followed by junk', 'Content-Length: 2abc\r\n\r\n{}'],
    ['a negative Content-Length', 'Content-Length: -2\r\n\r\n{}'],
    ['a fractional Content-Length', 'Content-Length: 2.0\r\n\r\n{}'],
    ['an empty Content-Length', 'Content-Length: \r\n\r\n{}'],
    ['a field without a colon', 'Content-Length 2\r\n\r\n{}'],
    ['a field without a colon before a good Content-Length', 'X-Junk\r\nContent-Length: 2\r\n\r\n{}'],
  ];
  for (const [name, raw] of bad) {
    it(`throws FrameError for ${name}`, () => {
      const decoder = new FrameDecoder();
      frameError(() => decoder.push(utf8(raw)));
    });
  }

  it('throws FrameError for a Content-Length above maxBodyBytes, before the body arrives', () => {
    const decoder = new FrameDecoder({ maxBodyBytes: 1000 });
    frameError(() => decoder.push(utf8('Content-Length: 1001\r\n\r\n')));
  });

  it('accepts a Content-Length equal to maxBodyBytes', () => {
    const body = 'x'.repeat(1000);
    expect(decodeAll([encodeFrame(body)], new FrameDecoder({ maxBodyBytes: 1000 }))).toEqual([body]);
  });

  it('throws FrameError when a header grows past maxHeaderBytes without ending', () => {
    const decoder = new FrameDecoder({ maxHeaderBytes: 64 });
    expect(decoder.push(utf8('X-Junk: '))).toEqual([]);
    frameError(() => {
      for (let i = 0; i < 20; i++) decoder.push(utf8('aaaaaaaaaa'));
    });
  });

  it('waits while an unfinished header part holds exactly maxHeaderBytes, and throws at one byte more', () => {
    const decoder = new FrameDecoder({ maxHeaderBytes: 64 });
    expect(decoder.push(join(encodeFrame('{}'), utf8(`X-Junk: ${'a'.repeat(56)}`)))).toEqual(['{}']); // 64 bytes of header so far
    frameError(() => decoder.push(utf8('a')));
  });

  it('accepts a header part of exactly maxHeaderBytes, counting its \r\n\r\n, and rejects one a byte longer', () => {
    const header = 'Content-Length: 2\r\n\r\n'.length; // 21
    expect(decodeAll([join(encodeFrame('{}'), encodeFrame('[]'))], new FrameDecoder({ maxHeaderBytes: header }))).toEqual(['{}', '[]']);
    const decoder = new FrameDecoder({ maxHeaderBytes: header });
    frameError(() => decoder.push(utf8('Content-Length:  2\r\n\r\n{}')));
  });

  it('takes only \r\n\r\n as the end of the header part, not a near miss', () => {
    for (const nearMiss of ['\n\r\n', '\r\r\n', '\r\n\n', '\r\n\r', '\r \r\n', '\r\nX\n']) {
      const decoder = new FrameDecoder();
      expect(decoder.push(utf8(`Content-Length: 2${nearMiss}{}{}`)), `the header part ${JSON.stringify(`Content-Length: 2${nearMiss}`)} has not ended`).toEqual([]);
    }
  });
});

describe('fails safely', () => {
  it('throws FrameError for a body that is not valid UTF-8', () => {
    const decoder = new FrameDecoder();
    frameError(() => decoder.push(join(utf8('Content-Length: 2\r\n\r\n'), Uint8Array.of(0xc3, 0x28))));
  });

  it('stays failed after an error: every later push throws FrameError again', () => {
    const decoder = new FrameDecoder();
    frameError(() => decoder.push(utf8('Content-Length: x\r\n\r\n')));
    frameError(() => decoder.push(encodeFrame('{"id":1}')));
    frameError(() => decoder.end());
  });

  it('throws the very same error again on every later call', () => {
    const decoder = new FrameDecoder();
    const first = frameError(() => decoder.push(utf8('Content-Length: x\r\n\r\n')));
    expect(frameError(() => decoder.push(encodeFrame('{"id":1}'))), 'the second push should throw the first error again').toBe(first);
    expect(frameError(() => decoder.end()), 'end() should throw the first error again').toBe(first);
  });

  it('end() throws FrameError when the stream stops just before the last \n of a header, after a long frame', () => {
    const decoder = new FrameDecoder();
    const body = 'x'.repeat(990);
    expect(decoder.push(encodeFrame(body))).toEqual([body]);
    expect(decoder.push(utf8('Content-Length: 0\r\n\r'))).toEqual([]);
    frameError(() => decoder.end());
  });

  it('end() throws FrameError when the stream stops inside a body', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(encodeFrame(initialize).subarray(0, 40))).toEqual([]);
    frameError(() => decoder.end());
  });

  it('end() throws FrameError when the stream stops inside a header', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(utf8('Content-Len'))).toEqual([]);
    frameError(() => decoder.end());
  });

  it('end() is quiet after whole frames', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(join(encodeFrame('{}'), encodeFrame('[]')))).toEqual(['{}', '[]']);
    expect(() => decoder.end()).not.toThrow();
  });

  it('delivers the frames before a bad one, then throws on the bad one', () => {
    const decoder = new FrameDecoder();
    expect(decoder.push(encodeFrame('{"id":1}'))).toEqual(['{"id":1}']);
    frameError(() => decoder.push(utf8('Content-Length: 1e3\r\n\r\n')));
  });
});

describe('constant work per chunk', () => {
  it('pushing a small chunk costs about the same whether 1 KB or 1 MB of a body are waiting', () => {
    const small = 1_000;
    const large = 1_000_000;
    const piece = utf8('abcdefghijklmnop');
    const growth = measureGrowth({
      setup: (n) => {
        const decoder = new FrameDecoder({ maxBodyBytes: 100_000_000 });
        decoder.push(utf8(`Content-Length: 50000000\r\n\r\n${'x'.repeat(n)}`));
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
      what: 'body bytes buffered',
      cause: 'copying the whole buffer on every push; grow it by doubling instead',
    });
  });

  it('pushing one more byte of a long header costs about the same whether 1 KB or 400 KB of it has arrived', () => {
    const small = 1_000;
    const large = 400_000;
    const byte = utf8('a');
    const growth = measureGrowth({
      setup: (n) => {
        const decoder = new FrameDecoder({ maxHeaderBytes: 100_000_000 });
        decoder.push(utf8(`X-Junk: ${'a'.repeat(n)}`));
        return decoder;
      },
      operation: (decoder) => {
        decoder.push(byte);
      },
      small,
      large,
      ops: 1_000,
      limit: 15,
    });
    expect(
      growth.ratio,
      `${describeGrowth(growth, small, large)}. Here "items queued" are bytes of an unfinished header: resume the search for \\r\\n\\r\\n where the last one stopped`,
    ).toBeLessThan(15);
  });
});
