/**
 * Bug: assumes every unknown field holds a varint and ignores its wire type, so an unknown
 * string, fixed64 or fixed32 field desynchronises the rest of the message.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/varint-codec.ts');

export const { WireFormatError, WireType, decodeTokenDelta, decodeVarint, encodeTokenDelta, encodeVarint } = await mutant<Module>('01-message-formats/varint-codec', [
  ['      at = skipField(bytes, at, wireType, start);', '      at = skipField(bytes, at, WireType.VARINT, start);'],
]);
