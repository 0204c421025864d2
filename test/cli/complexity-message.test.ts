import { describe, expect, it } from 'vitest';
import { describeGrowth, expectGrowth } from '../support/complexity.ts';

/** A failed growth check is explained in the learner's terms, not as "expected 1348.65 to be less than 15". */
describe('the message of a failed complexity check', () => {
  const linear = { smallNsPerOp: 52, largeNsPerOp: 70_130, ratio: 70_130 / 52 };

  it('says how the time grew with the size, what that growth means, and the likely cause', () => {
    expect(() =>
      expectGrowth(linear, { small: 1_000, large: 200_000, limit: 15, operation: 'one enqueue + dequeue', what: 'messages queued', cause: 'Array#shift moves every remaining message' }),
    ).toThrow(
      'One enqueue + dequeue took 52 ns with 1,000 messages queued and 70,130 ns with 200,000: 1,349 times as long, for 200 times as many. ' +
        'That is linear growth (O(n) per operation): each operation does work in proportion to the number of messages queued. ' +
        'A constant-time operation costs about the same at both sizes. Likely cause: Array#shift moves every remaining message.',
    );
  });

  it('never shows the raw ratio against the limit', () => {
    let message = '';
    try {
      expectGrowth(linear, { small: 1_000, large: 200_000, limit: 15 });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).not.toMatch(/to be less than|1348\.\d/);
    expect(message).toContain('1,349 times as long');
  });

  it('passes quietly within the limit', () => {
    expect(() => expectGrowth({ smallNsPerOp: 50, largeNsPerOp: 60, ratio: 1.2 }, { small: 1_000, large: 200_000, limit: 15 })).not.toThrow();
  });

  it('for a logarithmic contract, says how much an O(log n) operation grows between the sizes', () => {
    const text = describeGrowth({ smallNsPerOp: 258, largeNsPerOp: 282_992, ratio: 1_097 }, 500, 50_000, { expected: 'logarithmic', what: 'messages queued' });
    expect(text).toContain('1,097 times as long, for 100 times as many');
    expect(text).toContain('more than linear growth');
    expect(text).toContain('An O(log n) operation takes only about 2 times as long between these sizes.');
  });
});
