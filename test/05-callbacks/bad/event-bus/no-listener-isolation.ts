/**
 * Bug: no try/catch around listener calls: the first listener that throws stops the emit, and
 * the listeners after it never receive the message.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/05-callbacks/event-bus.ts');

export const { EventBus, ListenerError, UnhandledError } = await mutant<Module>(
  '05-callbacks/event-bus',
  [
    ['      try {\n        registration.listener(...args);\n      } catch (cause) {\n        failures.push(new ListenerError(event, cause));\n      }', '      registration.listener(...args);'],
  ],
  { base: 'test/05-callbacks/bad/compact-event-bus.ts' },
);
