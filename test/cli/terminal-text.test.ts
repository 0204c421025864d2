import { afterEach, describe, expect, it, vi } from 'vitest';
import { GradeProgress, progressLine } from '../../cli/progress-line.ts';
import { fitToWidth, terminalWidth, visibleLength, wrapWords } from '../../cli/wrap.ts';
import type { Exercise } from '../../core/workbook.ts';

describe('wrapping to the terminal', () => {
  it('breaks at word boundaries, never inside a word', () => {
    expect(wrapWords('Expected an EnvelopeError for a missing type', '  ', 20)).toEqual(['  Expected an', '  EnvelopeError for', '  a missing type']);
  });

  it('keeps a word longer than the line whole, on its own line', () => {
    expect(wrapWords('see chapters/00-getting-started/envelope.ts:12', '', 16)).toEqual(['see', 'chapters/00-getting-started/envelope.ts:12']);
  });

  it('fits each long line, indenting continuations past its mark, and leaves short lines alone', () => {
    const text = ['short line', '      ✗ header and body  0/2  puts id, type and sentAt in the header and the payload in the body'].join('\n');
    expect(fitToWidth(text, 40).split('\n')).toEqual([
      'short line',
      '      ✗ header and body  0/2  puts id,',
      '        type and sentAt in the header',
      '        and the payload in the body',
    ]);
  });

  it('does not count colour codes towards the width', () => {
    const coloured = `\u001b[32m${'word '.repeat(7).trim()}\u001b[39m`;
    expect(visibleLength(coloured)).toBe(34);
    expect(fitToWidth(coloured, 34)).toBe(coloured);
  });

  it('leaves drawings (a sequence diagram, a code frame) whole', () => {
    const diagram = '   │           │  read()    │            │            │            │';
    expect(fitToWidth(diagram, 30)).toBe(diagram);
  });

  it('uses the terminal width, else COLUMNS, else none', () => {
    expect(terminalWidth({ isTTY: true, columns: 72 }, { COLUMNS: '50' })).toBe(72);
    expect(terminalWidth({ isTTY: false }, { COLUMNS: '50' })).toBe(50);
    expect(terminalWidth({ isTTY: false }, {})).toBeUndefined();
  });
});

describe('the progress line while grading', () => {
  afterEach(() => vi.useRealTimers());

  it('counts the tests done, and names a test once it has waited more than a second', () => {
    const running = { exercise: '04-async-messaging/rpc-client', name: 'times out', since: 0 };
    expect(progressLine({ exercises: 1, testsDone: 7, running }, 900)).toBe('Grading 1 exercise… 7 tests done');
    expect(progressLine({ exercises: 1, testsDone: 7, running }, 3_200)).toBe('Grading 1 exercise… 7 tests done · waiting 3s on "times out" (04-async-messaging/rpc-client)');
    expect(progressLine({ exercises: 3, testsDone: 1 }, 0)).toBe('Grading 3 exercises… 1 test done');
  });

  it('follows the run\'s events and ticks while a test waits', () => {
    vi.useFakeTimers();
    const suite = '/w/test/04-async-messaging/rpc-client.test.ts';
    const lines: string[] = [];
    const progress = new GradeProgress([{ key: '04-async-messaging/rpc-client', suitePath: suite } as Exercise], (line) => lines.push(line), () => Date.now());
    progress.start();
    progress.event({ event: 'test-start', file: suite, task: 'timeouts', name: 'rejects after the timeout', fullName: 'timeouts > rejects after the timeout' });
    progress.event({ event: 'test-end', file: suite, task: 'timeouts', name: 'rejects after the timeout', fullName: 'timeouts > rejects after the timeout', state: 'passed' });
    progress.event({ event: 'test-start', file: suite, task: 'timeouts', name: 'never answers', fullName: 'timeouts > never answers' });
    vi.advanceTimersByTime(2_000);
    progress.stop();
    expect(lines.at(-1)).toBe('Grading 1 exercise… 1 test done · waiting 2s on "never answers" (04-async-messaging/rpc-client)');
    const count = lines.length;
    vi.advanceTimersByTime(2_000);
    expect(lines, 'no more lines once stopped').toHaveLength(count);
  });
});
