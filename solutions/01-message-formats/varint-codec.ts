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
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Expected \`value\` to be an integer from 0 to 2^53 - 1, got \`${value}\` (${typeof value})`);
  }
  const bytes: number[] = [];
  // Division, not `>>> 7`: shifts truncate to 32 bits and would corrupt values of 2^32 and up.
  while (value >= 0x80) {
    bytes.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  bytes.push(value);
  return Uint8Array.from(bytes);
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
  let value = 0;
  let scale = 1; // 2 ** (7 * byteIndex), kept as a float multiplier for the same 32-bit reason
  for (let i = offset; i < offset + 10; i++) {
    if (i >= bytes.length) throw new WireFormatError(`the varint at byte ${offset} is truncated`);
    const byte = bytes[i]!;
    value += (byte & 0x7f) * scale;
    if (value > Number.MAX_SAFE_INTEGER) {
      throw new WireFormatError(`the varint at byte ${offset} is larger than 2^53 - 1, the largest number this codec handles`);
    }
    if ((byte & 0x80) === 0) return { value, next: i + 1 };
    scale *= 0x80;
  }
  throw new WireFormatError(`the varint at byte ${offset} is longer than 10 bytes`);
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

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

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
  const parts: Uint8Array[] = [];
  if (message.index !== 0) parts.push(tag(1, WireType.VARINT), encodeVarint(message.index));
  if (message.text !== '') {
    const text = utf8Encoder.encode(message.text);
    // The length prefix counts bytes: 'é' is one character but two bytes.
    parts.push(tag(2, WireType.LEN), encodeVarint(text.length), text);
  }
  if (message.done) parts.push(tag(3, WireType.VARINT), Uint8Array.of(1));
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
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
  const message: TokenDelta = { index: 0, text: '', done: false };
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const key = decodeVarint(bytes, at);
    at = key.next;
    // Arithmetic, not `>>> 3`: in malformed input the tag may be above 2^32, where shifts wrap.
    const field = Math.floor(key.value / 8);
    const wireType = key.value % 8;
    if (field === 0) throw new WireFormatError(`field number 0 at byte ${start} is not allowed`);
    const expected = FIELDS[field];
    if (expected !== undefined && expected !== wireType) {
      throw new WireFormatError(`field ${field} at byte ${start} must have wire type ${expected}, got ${wireType}`);
    }
    if (field === 1) {
      const value = decodeVarint(bytes, at);
      message.index = value.value;
      at = value.next;
    } else if (field === 2) {
      const { start: from, end } = lengthDelimited(bytes, at);
      try {
        message.text = utf8Decoder.decode(bytes.subarray(from, end));
      } catch (error) {
        throw new WireFormatError(`field 2 at byte ${start} is not valid UTF-8`, { cause: error });
      }
      at = end;
    } else if (field === 3) {
      const value = decodeVarint(bytes, at);
      message.done = value.value !== 0;
      at = value.next;
    } else {
      at = skipField(bytes, at, wireType, start);
    }
  }
  return message;
}

// The wire type of each field number the schema knows.
const FIELDS: Record<number, number> = { 1: WireType.VARINT, 2: WireType.LEN, 3: WireType.VARINT };

function tag(field: number, wireType: number): Uint8Array {
  return encodeVarint(field * 8 + wireType);
}

function lengthDelimited(bytes: Uint8Array, at: number): { start: number; end: number } {
  const length = decodeVarint(bytes, at);
  const end = length.next + length.value;
  if (end > bytes.length) {
    throw new WireFormatError(`a length-delimited field at byte ${at} needs ${length.value} bytes, only ${bytes.length - length.next} remain`);
  }
  return { start: length.next, end };
}

// Returns the offset after an unknown field's value. An unknown varint is skipped without
// computing it: a newer sender may put a full 64-bit value there (a negative int64 takes ten
// bytes), which this codec could not represent but need not.
function skipField(bytes: Uint8Array, at: number, wireType: number, start: number): number {
  switch (wireType) {
    case WireType.VARINT:
      for (let i = at; i < at + 10; i++) {
        if (i >= bytes.length) throw new WireFormatError(`the varint at byte ${at} is truncated`);
        if ((bytes[i]! & 0x80) === 0) return i + 1;
      }
      throw new WireFormatError(`the varint at byte ${at} is longer than 10 bytes`);
    case WireType.I64:
    case WireType.I32: {
      const end = at + (wireType === WireType.I64 ? 8 : 4);
      if (end > bytes.length) throw new WireFormatError(`the fixed-size field at byte ${start} is truncated`);
      return end;
    }
    case WireType.LEN:
      return lengthDelimited(bytes, at).end;
    default:
      throw new WireFormatError(`wire type ${wireType} at byte ${start} is not supported`);
  }
}
