/**
 * Bug: a once listener is removed after it is called, so if it emits its own event again the
 * nested emit calls it a second time.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      if (registration.removed) continue;\n      if (registration.once) this.#remove(event, registration);\n      if (event === \'error\') {', '      if (registration.removed) continue;\n      if (event === \'error\') {'],
    ['        registration.listener(...args);\n        continue;', '        registration.listener(...args);\n        if (registration.once) this.#remove(event, registration);\n        continue;'],
    ['        failures.push(new ListenerError(event, cause));\n      }\n    }\n    const emitError = this.emit as (event: \'error\', error: unknown) => boolean;', '        failures.push(new ListenerError(event, cause));\n      }\n      if (registration.once) this.#remove(event, registration);\n    }\n    const emitError = this.emit as (event: \'error\', error: unknown) => boolean;'],
  ],
  { base: 'test/05-callbacks/bad/compact-event-bus.ts' },
);
