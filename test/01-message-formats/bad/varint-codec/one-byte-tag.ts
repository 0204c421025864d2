/**
 * Bug: reads the field tag as a single byte. That works for field numbers 1 to 15 only;
 * from 16 on the tag is a multi-byte varint and decoding goes off the rails.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/varint-codec.ts');

export const { WireFormatError, WireType, decodeTokenDelta, decodeVarint, encodeTokenDelta, encodeVarint } = await mutant<Module>('01-message-formats/varint-codec', [
  ['    const key = decodeVarint(bytes, at);', '    const key = { value: bytes[at]!, next: at + 1 };'],
]);
