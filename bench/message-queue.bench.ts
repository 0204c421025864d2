/**
 * The reference MessageQueue against Array#shift (the source outline's list.pop(0)), denque and
 * yocto-queue. Steady state: the queue holds a backlog of B messages while each operation
 * enqueues one and dequeues one. Fill + drain: enqueue n messages, then dequeue them all.
 */
import Denque from 'denque';
import Queue from 'yocto-queue';
import { MessageQueue } from '../solutions/06-message-queues/message-queue.ts';
import { type Contender, printTable, race } from './harness.ts';
import type { BenchOptions } from './run.ts';

interface FifoLike {
  push(value: number): void;
  shift(): number | undefined;
}

const implementations: Record<string, () => FifoLike> = {
  MessageQueue: () => {
    const q = new MessageQueue<number>();
    return { push: (v) => q.enqueue(v), shift: () => q.dequeue() };
  },
  'Array#shift': () => {
    const a: number[] = [];
    return { push: (v) => a.push(v), shift: () => a.shift() };
  },
  denque: () => {
    const d = new Denque<number>();
    return { push: (v) => d.push(v), shift: () => d.shift() };
  },
  'yocto-queue': () => {
    const y = new Queue<number>();
    return { push: (v) => y.enqueue(v), shift: () => y.dequeue() };
  },
};

function steadyState(backlog: number, slowOps: number): Contender[] {
  return Object.entries(implementations).map(([name, make]) => {
    const queue = make();
    for (let i = 0; i < backlog; i++) queue.push(i);
    return {
      name,
      // Array#shift moves the whole backlog on every call; give it fewer operations per round.
      ops: name === 'Array#shift' && backlog >= 10_000 ? slowOps : undefined,
      run: (ops: number) => {
        for (let i = 0; i < ops; i++) {
          queue.push(i);
          queue.shift();
        }
      },
    };
  });
}

function fillDrain(n: number): Contender[] {
  return Object.entries(implementations)
    .filter(([name]) => name !== 'Array#shift')
    .map(([name, make]) => ({
      name,
      run: (ops: number) => {
        const queue = make();
        for (let i = 0; i < ops; i++) queue.push(i);
        for (let i = 0; i < ops; i++) queue.shift();
      },
      ops: n,
    }));
}

export default async function messageQueueBench({ quick }: BenchOptions): Promise<void> {
  const ops = quick ? 200_000 : 1_000_000;
  for (const backlog of [0, 10_000, 100_000, 1_000_000]) {
    const slowOps = backlog >= 1_000_000 ? 200 : backlog >= 100_000 ? 2_000 : 20_000;
    const results = await race(steadyState(backlog, quick ? Math.ceil(slowOps / 4) : slowOps), { ops, rounds: quick ? 3 : 7 });
    printTable(`MessageQueue, steady state with a backlog of ${backlog.toLocaleString('en-US')} (enqueue + dequeue = 1 op)`, results, 'MessageQueue');
  }
  const n = quick ? 200_000 : 1_000_000;
  const results = await race(fillDrain(n), { ops: n, rounds: quick ? 3 : 5, warmup: 1 });
  printTable(`MessageQueue, fill + drain of ${n.toLocaleString('en-US')} (Array#shift omitted: O(n²), minutes)`, results, 'MessageQueue');
}
