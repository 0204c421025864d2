/**
 * Bug: reads the field tag as a single byte. That works for field numbers 1 to 15 only;
 * from 16 on the tag is a multi-byte varint and decoding goes off the rails.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    const key = decodeVarint(bytes, at);', '    const key = { value: bytes[at]!, next: at + 1 };'],
]);
