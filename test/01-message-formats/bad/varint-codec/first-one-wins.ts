/**
 * Bug: keeps the first value of a field that appears twice. Protobuf specifies the opposite:
 * for a non-repeated field, the last value on the wire wins (that is how merging works).
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/varint-codec.ts');

export const { WireFormatError, WireType, decodeTokenDelta, decodeVarint, encodeTokenDelta, encodeVarint } = await mutant<Module>('01-message-formats/varint-codec', [
  ['      message.index = value.value;', '      if (message.index === 0) message.index = value.value;'],
  ['        message.text = utf8Decoder.decode(bytes.subarray(from, end));', '        if (message.text === \'\') message.text = utf8Decoder.decode(bytes.subarray(from, end));'],
]);
