/**
 * Bug: emit walks the live listener array by index, so when a listener removes itself (or a once
 * listener is removed) the array shifts left and the next listener is skipped.
 */
import { mutant } from '../../../support/mutant.ts';

type Module = typeof import('../../../../solutions/05-callbacks/event-bus.ts');

export const { EventBus, ListenerError, UnhandledError } = await mutant<Module>(
  '05-callbacks/event-bus',
  [
    ['    for (const registration of list.slice()) {\n      if (registration.removed) continue;', '    for (let i = 0; i < list.length; i++) {\n      const registration = list[i]!;'],
  ],
  { base: 'test/05-callbacks/bad/compact-event-bus.ts' },
);
