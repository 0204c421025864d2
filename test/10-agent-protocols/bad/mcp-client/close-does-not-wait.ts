/**
 * Bug: closes stdin and returns at once, without waiting for the server to exit or stopping one
 * that does not.
 */
import { edits } from '../../../support/mutant.ts';

export default edits([
  ['    child.stdin?.end();\n    for (const signal of [\'SIGTERM\', \'SIGKILL\'] as const) {', '    child.stdin?.end();\n    if (child) return;\n    for (const signal of [\'SIGTERM\', \'SIGKILL\'] as const) {'],
]);
