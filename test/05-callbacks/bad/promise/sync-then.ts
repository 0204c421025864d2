/**
 * Bug: reactions run synchronously: `then` on a settled promise calls its callback before
 * returning, and `resolve()` calls the waiting callbacks inside itself (releasing Zalgo).
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      if (this.#state === \'pending\') this.#reactions.push(() => queueMicrotask(react));\n      else queueMicrotask(react);', '      if (this.#state === \'pending\') this.#reactions.push(react);\n      else react();'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
