/**
 * Bug: writes every field, defaults included. The result still decodes, but it is not what
 * proto3 code produces (`08 96 01` becomes `08 96 01 18 00`), so byte-level comparisons,
 * hashes and signatures of messages break.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['  if (message.index !== 0) parts.push(tag(1, WireType.VARINT), encodeVarint(message.index));', '  parts.push(tag(1, WireType.VARINT), encodeVarint(message.index));'],
  ['  if (message.done) parts.push(tag(3, WireType.VARINT), Uint8Array.of(1));', '  parts.push(tag(3, WireType.VARINT), Uint8Array.of(message.done ? 1 : 0));'],
]);
