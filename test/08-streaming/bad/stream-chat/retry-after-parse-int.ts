/**
 * Bug: reads Retry-After with parseInt, which takes the leading digits of anything: a value such
 * as `20 seconds` becomes 20 s instead of no usable delay.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['  if (/^\\d+$/.test(value)) return Number(value) * 1000;', '  const seconds = Number.parseInt(value, 10);\n  if (!Number.isNaN(seconds)) return seconds * 1000;']]);
