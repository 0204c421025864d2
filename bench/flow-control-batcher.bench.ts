/**
 * Coalescing loads: callers make 1,000 loads at once, in batches of 100, and await them all; the
 * batch function answers every item at once. What is measured is the batcher's own overhead per
 * load: queueing, the batch call, and handing each result back to its caller.
 *
 * - MicroBatcher: the chapter's reference (solutions/09-flow-control/micro-batcher.ts). A batch is
 *   sent the moment it is full, so with 1,000 loads no timer ever fires.
 * - DataLoader 2.2.3 with `cache: false` (every load is its own request, as in the batcher) and
 *   `maxBatchSize: 100`; it sends its batches after the current tick.
 */
import DataLoader from 'dataloader';
import { MicroBatcher } from '../solutions/09-flow-control/micro-batcher.ts';
import { type Contender, printTable, race } from './harness.ts';
import type { BenchOptions } from './run.ts';

const BATCH = 100;
const WAVE = 1000;

const answer = (items: readonly number[]): Promise<number[]> => Promise.resolve(items.map((item) => item * 2));

function check(sum: number, ops: number, name: string): void {
  if (sum !== ops * (ops - 1)) throw new Error(`${name} lost or mixed up results: sum ${sum}`);
}

function contenders(): Contender[] {
  const batcher = new MicroBatcher<number, number>(answer, { maxBatchSize: BATCH, maxWaitMs: 1, maxPending: WAVE });
  let batchCalls = 0;
  const loader = new DataLoader<number, number>(
    (keys) => {
      batchCalls++;
      return answer(keys);
    },
    { cache: false, maxBatchSize: BATCH },
  );
  return [
    {
      name: 'MicroBatcher',
      run: async (ops) => {
        let sum = 0;
        for (let start = 0; start < ops; start += WAVE) {
          const wave: Promise<number>[] = [];
          for (let i = start; i < start + WAVE; i++) wave.push(batcher.load(i));
          for (const value of await Promise.all(wave)) sum += value;
        }
        check(sum, ops, 'MicroBatcher');
      },
    },
    {
      name: 'DataLoader 2.2.3',
      run: async (ops) => {
        let sum = 0;
        batchCalls = 0;
        for (let start = 0; start < ops; start += WAVE) {
          const wave: Promise<number>[] = [];
          for (let i = start; i < start + WAVE; i++) wave.push(loader.load(i));
          for (const value of await Promise.all(wave)) sum += value;
        }
        check(sum, ops, 'DataLoader');
        if (batchCalls !== ops / BATCH) throw new Error(`DataLoader made ${batchCalls} batch calls for ${ops} loads`);
      },
    },
  ];
}

export default async function batcherBench({ quick }: BenchOptions): Promise<void> {
  const ops = quick ? 100_000 : 1_000_000;
  const results = await race(contenders(), { ops, rounds: quick ? 3 : 7, warmup: quick ? 1 : 2 });
  printTable(`Micro-batching: ${ops.toLocaleString('en-US')} loads, ${WAVE} at a time, batches of ${BATCH}`, results);
}
