/**
 * Bug: an error event with no listener is dropped silently (emit just returns false), so a
 * failing listener, or a reported error, vanishes without a trace.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/05-callbacks/event-bus.ts');

export const { EventBus, ListenerError, UnhandledError } = await mutant<Module>(
  '05-callbacks/event-bus',
  [
    ['    if (list.length === 0) {\n      if (event === \'error\') throw args[0] instanceof Error ? args[0] : new UnhandledError(args[0]);\n      return false;', '    if (list.length === 0) {\n      return false;'],
  ],
  { base: 'test/05-callbacks/bad/compact-event-bus.ts' },
);
