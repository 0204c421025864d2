/**
 * Bug: uses `& 0x7f`, `>>>= 7` and `|` as in C. JavaScript's bitwise operators work on 32-bit
 * integers, so every value of 2^32 or more is silently truncated, on encode and on decode.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    bytes.push((value % 0x80) | 0x80);\n    value = Math.floor(value / 0x80);', '    bytes.push((value & 0x7f) | 0x80);\n    value >>>= 7;'],
  ['    value += (byte & 0x7f) * scale;', '    value = (value | ((byte & 0x7f) * scale)) >>> 0;'],
]);
