/**
 * Bug: off removes every registration of the function instead of one, so a listener registered
 * twice (or by two subscribers that share a handler) is unsubscribed completely.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    for (let i = list.length - 1; i >= 0; i--) {\n      if (list[i]!.listener === listener) {\n        this.#remove(event, list[i]!);\n        return true;\n      }\n    }\n    return false;', '    const matches = list.filter((registration) => registration.listener === listener);\n    for (const registration of matches) this.#remove(event, registration);\n    return matches.length > 0;'],
  ],
  { base: 'test/05-callbacks/bad/compact-event-bus.ts' },
);
