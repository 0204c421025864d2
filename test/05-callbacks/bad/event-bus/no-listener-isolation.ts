/**
 * Bug: no try/catch around listener calls: the first listener that throws stops the emit, and
 * the listeners after it never receive the message.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['      try {\n        registration.listener(...args);\n      } catch (cause) {\n        failures.push(new ListenerError(event, cause));\n      }', '      registration.listener(...args);'],
  ],
  { base: 'test/05-callbacks/bad/compact-event-bus.ts' },
);
