/**
 * Bug: an error event with no listener is dropped silently (emit just returns false), so a
 * failing listener, or a reported error, vanishes without a trace.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
    ['    if (list.length === 0) {\n      if (event === \'error\') throw args[0] instanceof Error ? args[0] : new UnhandledError(args[0]);\n      return false;', '    if (list.length === 0) {\n      return false;'],
  ],
  { base: 'test/05-callbacks/bad/compact-event-bus.ts' },
);
