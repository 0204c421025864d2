/**
 * Bug: reads Content-Length with `parseInt`, which stops at the first non-digit: `2abc` and
 * `2.0` are taken as 2 instead of being rejected.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/01-message-formats/content-length-framing.ts');

export const { FrameDecoder, FrameError, encodeFrame } = await mutant<Module>('01-message-formats/content-length-framing', [
  ['      if (!/^[0-9]+$/.test(value)) throw new FrameError(`Content-Length must be a decimal integer, got ${JSON.stringify(value)}`);\n      length = Number(value);', '      length = Number.parseInt(value, 10);\n      if (Number.isNaN(length) || length < 0) throw new FrameError(`Content-Length must be a decimal integer, got ${JSON.stringify(value)}`);'],
]);
