// stub-hash: ace89ea4421d1477
// Exercise 01-message-formats/varint-codec: implement the TODOs below, guided by the JSDoc contracts.
// Grade it with: npm run grade -- 01-message-formats/varint-codec

/**
 * The Protobuf wire types: the low three bits of every field tag, telling a decoder how to find
 * the end of the value that follows, even for a field it has never heard of.
 *
 * @provided
 * @example
 * const tag = (2 << 3) | WireType.LEN; // 0x12: field 2, length-delimited
 */
export const WireType = {
  /** A base-128 varint: int32, int64, uint32, uint64, sint32, sint64, bool, enum. */
  VARINT: 0,
  /** Eight bytes: fixed64, sfixed64, double. */
  I64: 1,
  /** A varint length, then that many bytes: string, bytes, embedded messages, packed repeated fields. */
  LEN: 2,
  /** Group start (deprecated). */
  SGROUP: 3,
  /** Group end (deprecated). */
  EGROUP: 4,
  /** Four bytes: fixed32, sfixed32, float. */
  I32: 5,
} as const;

/**
 * Thrown when bytes are not a valid encoding: a varint or field cut short, a length that runs
 * past the end, field number 0, an unknown or unsupported wire type, a known field sent with the
 * wrong wire type, a string that is not UTF-8, or a number too large for this codec.
 *
 * @provided
 * @example
 * new WireFormatError('the varint at byte 3 is truncated').message;
 */
export class WireFormatError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WireFormatError';
  }
}

/**
 * Encodes a non-negative integer as a Protobuf base-128 varint: seven bits per byte, least
 * significant group first, the high bit of each byte set when another byte follows. Small numbers
 * take one byte (0–127), 150 takes two (`96 01`).
 *
 * JavaScript numbers are exact up to 2^53 − 1, so that is the largest value accepted; note that
 * JavaScript's bitwise operators work on 32 bits only.
 *
 * @throws {RangeError} when `value` is negative, not an integer, or above `Number.MAX_SAFE_INTEGER`.
 * @example
 * encodeVarint(1);   // Uint8Array [0x01]
 * encodeVarint(150); // Uint8Array [0x96, 0x01]
 * encodeVarint(300); // Uint8Array [0xac, 0x02]
 */
export function encodeVarint(value: number): Uint8Array {
  // TODO: implement encodeVarint.
  throw new Error('TODO: implement encodeVarint');
}

/**
 * Decodes the varint that starts at `offset` in `bytes`.
 *
 * @returns the value, and `next`: the offset of the first byte after the varint.
 * @throws {WireFormatError} when the bytes end before the varint does, when it runs longer than
 *   ten bytes (the most a 64-bit value needs), or when its value is above 2^53 − 1.
 * @example
 * decodeVarint(Uint8Array.of(0x96, 0x01));          // { value: 150, next: 2 }
 * decodeVarint(Uint8Array.of(0x08, 0x96, 0x01), 1); // { value: 150, next: 3 }
 */
export function decodeVarint(bytes: Uint8Array, offset = 0): { value: number; next: number } {
  // TODO: implement decodeVarint.
  throw new Error('TODO: implement decodeVarint');
}

/**
 * A streamed token, as a serving stack might send it between processes. Its schema:
 *
 * ```proto
 * syntax = "proto3";
 * message TokenDelta {
 *   uint64 index = 1;  // position in the stream (this codec: up to 2^53 - 1)
 *   string text  = 2;  // UTF-8
 *   bool   done  = 3;  // true on the last delta
 * }
 * ```
 */
export interface TokenDelta {
  index: number;
  text: string;
  done: boolean;
}

/**
 * Encodes a {@link TokenDelta} in the Protobuf wire format, byte for byte what `protoc`-generated
 * code writes: each field as a tag (`(field_number << 3) | wire_type`, itself a varint) then
 * its value, in field-number order. Like proto3, a field holding its default (`0`, `''`,
 * `false`) is not written at all, so the empty message is zero bytes. A string is written as its
 * UTF-8 byte length, then those bytes.
 *
 * @throws {RangeError} when `index` is not an integer from 0 to 2^53 − 1.
 * @example
 * encodeTokenDelta({ index: 150, text: '', done: false });        // 08 96 01
 * encodeTokenDelta({ index: 0, text: 'testing', done: false });   // 12 07 74 65 73 74 69 6e 67
 * encodeTokenDelta({ index: 1, text: 'hi', done: true });         // 08 01 12 02 68 69 18 01
 */
export function encodeTokenDelta(message: TokenDelta): Uint8Array {
  // TODO: implement encodeTokenDelta.
  throw new Error('TODO: implement encodeTokenDelta');
}

/**
 * Decodes a {@link TokenDelta} from the Protobuf wire format.
 *
 * - Fields may come in any order; a missing field takes its default (`0`, `''`, `false`).
 * - When a field appears more than once, the last value wins, as Protobuf specifies.
 * - A field number the schema does not know is skipped using its wire type alone (a varint of
 *   any size, 8 bytes, a length-delimited run, or 4 bytes), so messages from a newer schema still
 *   decode. Groups (wire types 3 and 4) are not supported.
 * - `done` is true for any non-zero varint.
 *
 * @throws {WireFormatError} as described on {@link WireFormatError}.
 * @example
 * decodeTokenDelta(Uint8Array.of(0x08, 0x96, 0x01)); // { index: 150, text: '', done: false }
 * decodeTokenDelta(new Uint8Array(0));               // { index: 0, text: '', done: false }
 */
export function decodeTokenDelta(bytes: Uint8Array): TokenDelta {
  // TODO: implement decodeTokenDelta.
  throw new Error('TODO: implement decodeTokenDelta');
}
