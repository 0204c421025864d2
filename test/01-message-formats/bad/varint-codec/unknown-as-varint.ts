/**
 * Bug: assumes every unknown field holds a varint and ignores its wire type, so an unknown
 * string, fixed64 or fixed32 field desynchronises the rest of the message.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      at = skipField(bytes, at, wireType, start);', '      at = skipField(bytes, at, WireType.VARINT, start);'],
]);
