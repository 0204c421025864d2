/**
 * Bug: reads `chunk.choices[0]` without checking, so the final usage-only chunk that
 * `stream_options.include_usage` adds (with `choices: []`) crashes the assembler.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([['    for (const choice of chunk.choices) {\n      if (choice.index !== 0) continue;', '    for (const choice of [chunk.choices[0]!]) {\n      if (choice.index !== 0) continue;']]);
