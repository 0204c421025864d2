/**
 * Bug: writes the most significant 7-bit group first, the way numbers are read aloud.
 * Protobuf varints are little-endian: the least significant group comes first.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['  return Uint8Array.from(bytes);', '  const groups = bytes.map((b) => b & 0x7f).reverse();\n  return Uint8Array.from(groups.map((g, i) => (i < groups.length - 1 ? g | 0x80 : g)));'],
]);
