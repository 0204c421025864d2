// stub-hash: 60f77cbc512fa7f9
// Exercise 01-message-formats/content-length-framing: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 01-message-formats/content-length-framing

/**
 * Thrown when a byte stream does not follow `Content-Length` framing. Content-Length framing has
 * no way to find the next message after a bad header, so a decoder that threw one stays failed.
 *
 * @provided
 * @example
 * new FrameError('the header has no Content-Length field').message;
 */
export class FrameError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'FrameError';
  }
}

/** Options for {@link FrameDecoder}. */
export interface FrameDecoderOptions {
  /** The largest header part accepted, in bytes, including its final `\r\n\r\n`. Defaults to 8192. */
  maxHeaderBytes?: number;
  /** The largest `Content-Length` accepted, in bytes. Defaults to 16 MiB (16,777,216). */
  maxBodyBytes?: number;
}

/**
 * Frames one message the way the Language Server Protocol's base protocol does: an ASCII header
 * part, `Content-Length: <N>\r\n\r\n`, followed by the body encoded as UTF-8, where N is the
 * number of **bytes** of the body (not its number of characters). No other header is written.
 *
 * @param body - the message text, usually a JSON-RPC message from `JSON.stringify`.
 * @example
 * new TextDecoder().decode(encodeFrame('{"a":"é"}'));
 * // 'Content-Length: 10\r\n\r\n{"a":"é"}'   (é takes two bytes in UTF-8)
 */
export function encodeFrame(body: string): Uint8Array {
  // TODO: implement encodeFrame.
  throw new Error('TODO: implement encodeFrame');
}

/**
 * Splits a byte stream of `Content-Length` frames back into message bodies. The stream arrives
 * in chunks cut anywhere: inside the header, between `\r` and `\n`, inside the body, or in the
 * middle of a multi-byte character; one chunk may also hold several frames.
 *
 * The header part is a series of `Name: value\r\n` fields ended by an empty line (so the part
 * ends with `\r\n\r\n`). Field names are matched case-insensitively and spaces around values are
 * ignored. `Content-Length` is required and must be a plain decimal integer (`0`, `42`; not
 * `-1`, `4.2`, `42abc` or empty); other fields such as `Content-Type` are accepted and ignored.
 * The body is exactly that many bytes and must be valid UTF-8.
 *
 * Throws {@link FrameError} (and stays failed: every later call throws it again) when a header
 * field has no `:`, `Content-Length` is missing or malformed or above `maxBodyBytes`, the header
 * part grows past `maxHeaderBytes` without ending, or a body is not valid UTF-8.
 *
 * Cost: O(size of the chunk) amortized per `push`.
 *
 * @example
 * const decoder = new FrameDecoder();
 * const frame = encodeFrame('{"jsonrpc":"2.0","method":"initialized"}');
 * decoder.push(frame.subarray(0, 5));  // []
 * decoder.push(frame.subarray(5));     // ['{"jsonrpc":"2.0","method":"initialized"}']
 * decoder.end();                       // fine: nothing was left half-received
 */
export class FrameDecoder {
  /**
   * @param options - see {@link FrameDecoderOptions}.
   * @example
   * new FrameDecoder({ maxBodyBytes: 1024 * 1024 });
   */
  constructor(options: FrameDecoderOptions = {}) {
    // TODO: implement FrameDecoder.constructor.
    throw new Error('TODO: implement FrameDecoder.constructor');
  }

  /**
   * Feeds the next chunk and returns the bodies of every frame it completes, in order.
   *
   * @throws {FrameError} as described on the class.
   * @example
   * const two = new Uint8Array([...encodeFrame('{"id":1}'), ...encodeFrame('{"id":2}')]);
   * decoder.push(two); // ['{"id":1}', '{"id":2}']
   */
  push(chunk: Uint8Array): string[] {
    // TODO: implement FrameDecoder.push.
    throw new Error('TODO: implement FrameDecoder.push');
  }

  /**
   * Signals the end of the stream.
   *
   * @throws {FrameError} when the stream stopped in the middle of a frame (a truncated message),
   *   or when the decoder had already failed.
   * @example
   * decoder.push(new TextEncoder().encode('Content-Length: 10\r\n\r\n{"id"'));
   * decoder.end(); // throws FrameError: the last frame is incomplete
   */
  end(): void {
    // TODO: implement FrameDecoder.end.
    throw new Error('TODO: implement FrameDecoder.end');
  }
}
