/**
 * Bug: skips an unknown varint field by decoding its value. A newer sender may put a full
 * 64-bit value there (a negative int64 takes ten bytes), which this codec cannot represent, so a
 * message that should decode is rejected.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      for (let i = at; i < at + 10; i++) {\n        if (i >= bytes.length) throw new WireFormatError(`the varint at byte ${at} is truncated`);\n        if ((bytes[i]! & 0x80) === 0) return i + 1;\n      }\n      throw new WireFormatError(`the varint at byte ${at} is longer than 10 bytes`);', '      return decodeVarint(bytes, at).next;'],
]);
