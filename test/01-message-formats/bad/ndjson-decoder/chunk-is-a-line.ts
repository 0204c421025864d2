/**
 * Bug: treats the end of every chunk as the end of a line, as if each read returned whole
 * messages: any line split across two chunks becomes two broken lines.
 */
import { edits } from '../../../support/mutant.ts';

export default edits(
  [
    [
      '    this.#add(text.slice(start));',
      '    this.#add(text.slice(start));\n    if (this.#parts.length > 0) this.#finish(events);',
    ],
  ],
  { base: 'test/01-message-formats/bad/compact-ndjson-decoder.ts' },
);
