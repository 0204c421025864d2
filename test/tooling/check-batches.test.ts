import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ROOT } from '../../core/root.ts';
import { loadExercises } from '../../core/workbook.ts';
import { batchable, suiteCopy } from '../../tools/check-batches.ts';

/** The self-check's batches of suite copies (tools/check-batches.ts), on the workbook's own suites. */
const exercises = await loadExercises();
const exercise = (key: string) => {
  const found = exercises.find((e) => e.key === key);
  if (!found) throw new Error(`no exercise ${key}`);
  return found;
};

describe('which suites are graded from copies', () => {
  it('a suite whose helpers import only fixtures is batched', () => {
    expect(batchable(exercise('02-message-types/json-rpc-server').suitePath)).toBe(true);
  });

  it('a suite whose helper imports an exercise itself is not (the gateway harness imports the SSE parser)', () => {
    expect(batchable(exercise('08-streaming/stream-gateway').suitePath)).toBe(false);
  });

  it('a suite that grades child processes through its support folder is not (chapter 10)', () => {
    expect(batchable(exercise('10-agent-protocols/serve-stdio').suitePath)).toBe(false);
  });
});

describe('a copy of a suite', () => {
  const target = exercise('02-message-types/json-rpc-server');
  const source = [
    "import { describe } from 'vitest';",
    "import { JsonRpcServer } from '@workbook/02-message-types/json-rpc-server';",
    "import { other } from '@workbook/02-message-types/messages';",
    "import { deferred } from '../support/async.ts';",
    "const later = await import('./fixture.ts');",
  ].join('\n');
  const bad = path.join(ROOT, 'test/02-message-types/bad/json-rpc-server/accepts-any-version.ts');

  it('points the exercise import, and only it, at the known-bad file', () => {
    const copy = suiteCopy(source, target, bad);
    expect(copy).toContain("from '@workbook/02-message-types/json-rpc-server?known-bad=test%2F02-message-types%2Fbad%2Fjson-rpc-server%2Faccepts-any-version.ts'");
    expect(copy).toContain("from '@workbook/02-message-types/messages'");
  });

  it('makes relative imports absolute, static and dynamic', () => {
    const copy = suiteCopy(source, target);
    expect(copy).toContain(`from '${path.join(ROOT, 'test/support/async.ts')}'`);
    expect(copy).toContain(`import('${path.join(ROOT, 'test/02-message-types/fixture.ts')}')`);
    expect(copy).toContain("from '@workbook/02-message-types/json-rpc-server'");
  });

  it('refuses a suite that does not import the exercise, rather than grade the reference twice', () => {
    expect(() => suiteCopy("import { describe } from 'vitest';", target, bad)).toThrow(/does not import @workbook\/02-message-types\/json-rpc-server/);
  });
});
