/**
 * Bug: keeps the first value of a field that appears twice. Protobuf specifies the opposite:
 * for a non-repeated field, the last value on the wire wins (that is how merging works).
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      message.index = value.value;', '      if (message.index === 0) message.index = value.value;'],
  ['        message.text = utf8Decoder.decode(bytes.subarray(from, end));', '        if (message.text === \'\') message.text = utf8Decoder.decode(bytes.subarray(from, end));'],
]);
