import { describe, expect, it } from 'vitest';
import { explainMessage } from '../../cli/explain.ts';
import { parseGradeArgs } from '../../cli/grade-command.ts';
import { UsageError } from '../../core/run-main.ts';

describe('explainMessage', () => {
  it('says a TODO is still a TODO', () => {
    expect(explainMessage('TODO: implement MessageQueue.enqueue')).toBe('MessageQueue.enqueue is still a TODO: the stub throws until you write it.');
  });

  it('explains a test timeout as something that never happened', () => {
    expect(explainMessage('Test timed out in 5000ms.')).toContain('waited 5s for something that never happened');
  });

  it('explains process.exit', () => {
    expect(explainMessage('process.exit unexpectedly called with "2"')).toBe(
      'Your code called process.exit(2), which would end the whole program; the grader stopped it. Throw an error instead.',
    );
  });

  it('explains a missing export', () => {
    expect(explainMessage('(0 , __vi_import_0__.createEnvelope) is not a function')).toBe(
      'Your file does not export a function named createEnvelope, and the tests import it by that name. Keep the exported names and signatures of the stub.',
    );
    expect(explainMessage('__vi_import_0__.MessageQueue is not a constructor')).toContain('does not export a class named MessageQueue');
  });

  it('leaves other messages as they are, without colour codes', () => {
    expect(explainMessage('\u001b[31mexpected 1 to be 2\u001b[39m')).toBe('expected 1 to be 2');
  });
});

describe('parseGradeArgs', () => {
  it('reads a filter, --json, --json=<file>, --watchdog and --all', () => {
    expect(parseGradeArgs(['06-message-queues', '--json', '--json=out.json', '--watchdog=3', '--all'])).toEqual({
      filter: '06-message-queues',
      jsonToStdout: true,
      jsonFile: 'out.json',
      idleSeconds: 3,
      all: true,
    });
  });

  it('takes --watchdog with its value as the next argument too', () => {
    expect(parseGradeArgs(['--watchdog', '4']).idleSeconds).toBe(4);
  });

  it('rejects a watchdog that is not a positive number', () => {
    expect(() => parseGradeArgs(['--watchdog=soon'])).toThrow(UsageError);
    expect(() => parseGradeArgs(['--watchdog=0'])).toThrow(UsageError);
  });
});
