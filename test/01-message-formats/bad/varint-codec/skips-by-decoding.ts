/**
 * Bug: skips an unknown varint field by decoding its value. A newer sender may put a full
 * 64-bit value there (a negative int64 takes ten bytes), which this codec cannot represent, so a
 * message that should decode is rejected.
 */
export const WireType = {
  VARINT: 0,
  I64: 1,
  LEN: 2,
  SGROUP: 3,
  EGROUP: 4,
  I32: 5,
} as const;

export class WireFormatError extends Error {
  constructor(message: string, options?: ErrorOptions) {
    super(message, options);
    this.name = 'WireFormatError';
  }
}

export function encodeVarint(value: number): Uint8Array {
  if (!Number.isSafeInteger(value) || value < 0) {
    throw new RangeError(`Expected \`value\` to be an integer from 0 to 2^53 - 1, got \`${value}\` (${typeof value})`);
  }
  const bytes: number[] = [];
  while (value >= 0x80) {
    bytes.push((value % 0x80) | 0x80);
    value = Math.floor(value / 0x80);
  }
  bytes.push(value);
  return Uint8Array.from(bytes);
}

export function decodeVarint(bytes: Uint8Array, offset = 0): { value: number; next: number } {
  let value = 0;
  let scale = 1;
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

export interface TokenDelta {
  index: number;
  text: string;
  done: boolean;
}

const utf8Encoder = new TextEncoder();
const utf8Decoder = new TextDecoder('utf-8', { fatal: true });

export function encodeTokenDelta(message: TokenDelta): Uint8Array {
  const parts: Uint8Array[] = [];
  if (message.index !== 0) parts.push(tag(1, WireType.VARINT), encodeVarint(message.index));
  if (message.text !== '') {
    const text = utf8Encoder.encode(message.text);
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

export function decodeTokenDelta(bytes: Uint8Array): TokenDelta {
  const message: TokenDelta = { index: 0, text: '', done: false };
  let at = 0;
  while (at < bytes.length) {
    const start = at;
    const key = decodeVarint(bytes, at);
    at = key.next;
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

function skipField(bytes: Uint8Array, at: number, wireType: number, start: number): number {
  switch (wireType) {
    case WireType.VARINT:
      return decodeVarint(bytes, at).next;
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
