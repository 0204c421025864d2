/**
 * Bug: reads Content-Length with `parseInt`, which stops at the first non-digit: `2abc` and
 * `2.0` are taken as 2 instead of being rejected.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['      if (!/^[0-9]+$/.test(value)) throw new FrameError(`Content-Length must be a decimal integer, got ${JSON.stringify(value)}`);\n      length = Number(value);', '      length = Number.parseInt(value, 10);\n      if (Number.isNaN(length) || length < 0) throw new FrameError(`Content-Length must be a decimal integer, got ${JSON.stringify(value)}`);'],
]);
