/**
 * Bug: prefixes a string with `text.length` (UTF-16 code units) instead of its UTF-8 byte
 * length, so any non-ASCII text produces a frame whose length is wrong.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/varint-codec.ts');

export const { WireFormatError, WireType, decodeTokenDelta, decodeVarint, encodeTokenDelta, encodeVarint } = await mutant<Module>('01-message-formats/varint-codec', [
  ['    parts.push(tag(2, WireType.LEN), encodeVarint(text.length), text);', '    parts.push(tag(2, WireType.LEN), encodeVarint(message.text.length), text);'],
]);
