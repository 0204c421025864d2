// stub-hash: 710713ba7b9ca494
// Exercise 01-message-formats/ndjson-decoder: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 01-message-formats/ndjson-decoder

/** Options for {@link NdjsonDecoder}. */
export interface NdjsonDecoderOptions {
  /**
   * The longest line accepted, in UTF-8 bytes, not counting its `\n` or `\r\n` terminator.
   * Defaults to 1 MiB (1,048,576 bytes).
   */
  maxLineBytes?: number;
}

/**
 * What the decoder found on one line. `line` is the line's 1-based number in the whole stream,
 * counting every line, skipped empty ones included.
 */
export type NdjsonEvent =
  /** A line that held one JSON text: `value` is what `JSON.parse` returned. */
  | { kind: 'message'; line: number; value: unknown }
  /** A line that is not valid JSON. `text` is the line without its terminator; `reason` is the parser's message. */
  | { kind: 'invalid-json'; line: number; text: string; reason: string }
  /** A line longer than `maxLineBytes`; its content was dropped, not kept in memory. */
  | { kind: 'line-too-long'; line: number; limit: number };

/**
 * Decodes newline-delimited JSON (NDJSON, the framing of MCP's stdio transport) from a stream
 * that arrives in arbitrary chunks. A chunk may end anywhere: in the middle of a line, of a JSON
 * string, or of a multi-byte UTF-8 character. The events are the same however the stream is cut.
 *
 * The rules, per line:
 * - a line ends at `\n`; a `\r` just before it belongs to the terminator (`\r\n` works too);
 * - an empty line (nothing before the terminator) is skipped silently, but still counted;
 * - a line that parses as JSON gives a `message` event; one that does not gives an
 *   `invalid-json` event, and decoding carries on with the next line;
 * - a line longer than `maxLineBytes` gives one `line-too-long` event when it ends, and its bytes
 *   are dropped as they arrive, so a runaway sender cannot make the decoder buffer without
 *   bound; decoding recovers at the next newline.
 *
 * Cost: O(size of the chunk) per `push`, however long the line being assembled is.
 *
 * @example
 * const decoder = new NdjsonDecoder();
 * decoder.push('{"jsonrpc":"2.0","me');        // []
 * decoder.push('thod":"ping"}\n{"id":');         // [{ kind: 'message', line: 1, value: { jsonrpc: '2.0', method: 'ping' } }]
 * decoder.push('2}');                          // []
 * decoder.end();                               // [{ kind: 'message', line: 2, value: { id: 2 } }]
 */
export class NdjsonDecoder {
  /**
   * @param options - see {@link NdjsonDecoderOptions}.
   * @throws {RangeError} when `maxLineBytes` is not a positive integer.
   * @example
   * new NdjsonDecoder({ maxLineBytes: 64 * 1024 });
   */
  constructor(options: NdjsonDecoderOptions = {}) {
    // TODO: implement NdjsonDecoder.constructor.
    throw new Error('TODO: implement NdjsonDecoder.constructor');
  }

  /**
   * Feeds the next chunk of the stream and returns the events of every line it completes, in
   * order (often none, sometimes several). A string chunk is encoded as UTF-8 first; it must hold
   * whole characters, which any string does unless it splits a surrogate pair.
   *
   * @example
   * decoder.push(new TextEncoder().encode('{"a":1}\n\n{"b":'));
   * // [{ kind: 'message', line: 1, value: { a: 1 } }]  (line 2 is empty and skipped)
   */
  push(chunk: string | Uint8Array): NdjsonEvent[] {
    // TODO: implement NdjsonDecoder.push.
    throw new Error('TODO: implement NdjsonDecoder.push');
  }

  /**
   * Signals the end of the stream and returns the events of a last line that had no
   * terminator, if any. The decoder is then empty and could start a new stream.
   *
   * @example
   * decoder.push('{"last":true}'); // []
   * decoder.end();                 // [{ kind: 'message', line: 1, value: { last: true } }]
   */
  end(): NdjsonEvent[] {
    // TODO: implement NdjsonDecoder.end.
    throw new Error('TODO: implement NdjsonDecoder.end');
  }
}
