/**
 * Bug: prefixes a string with `text.length` (UTF-16 code units) instead of its UTF-8 byte
 * length, so any non-ASCII text produces a frame whose length is wrong.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    parts.push(tag(2, WireType.LEN), encodeVarint(text.length), text);', '    parts.push(tag(2, WireType.LEN), encodeVarint(message.text.length), text);'],
]);
