/**
 * Bug: reactions run synchronously: `then` on a settled promise calls its callback before
 * returning, and `resolve()` calls the waiting callbacks inside itself (releasing Zalgo).
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/05-callbacks/promise.ts');

export const { MyPromise } = await mutant<Module>(
  '05-callbacks/promise',
  [
    ['      if (this.#state === \'pending\') this.#reactions.push(() => queueMicrotask(react));\n      else queueMicrotask(react);', '      if (this.#state === \'pending\') this.#reactions.push(react);\n      else react();'],
  ],
  { base: 'test/05-callbacks/bad/compact-promise.ts' },
);
