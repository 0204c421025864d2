/**
 * The reference MessageQueue against Array#shift (a textbook queue's list.pop(0)), denque and
 * yocto-queue. Steady state: the queue holds a backlog of B messages while each operation
 * enqueues one and dequeues one. Fill + drain: enqueue n messages, then dequeue them all.
 *
 * Each contender has its own loop, written out, so every call site sees one queue class: a
 * shared loop calling through wrappers would measure V8's polymorphic dispatch, not the queues.
 */
import Denque from 'denque';
import Queue from 'yocto-queue';
import { MessageQueue } from '../solutions/06-message-queues/message-queue.ts';
import { type Contender, printTable, race } from './harness.ts';
import type { BenchOptions } from './run.ts';

function steadyState(backlog: number, slowOps: number): Contender[] {
  const reference = new MessageQueue<number>();
  const array: number[] = [];
  const denque = new Denque<number>();
  const yocto = new Queue<number>();
  for (let i = 0; i < backlog; i++) {
    reference.enqueue(i);
    array.push(i);
    denque.push(i);
    yocto.enqueue(i);
  }
  return [
    {
      name: 'MessageQueue',
      run: (ops) => {
        for (let i = 0; i < ops; i++) {
          reference.enqueue(i);
          reference.dequeue();
        }
      },
    },
    {
      name: 'Array#shift',
      // Array#shift moves the whole backlog on every call; give it fewer operations per round.
      ops: backlog >= 10_000 ? slowOps : undefined,
      run: (ops) => {
        for (let i = 0; i < ops; i++) {
          array.push(i);
          array.shift();
        }
      },
    },
    {
      name: 'denque',
      run: (ops) => {
        for (let i = 0; i < ops; i++) {
          denque.push(i);
          denque.shift();
        }
      },
    },
    {
      name: 'yocto-queue',
      run: (ops) => {
        for (let i = 0; i < ops; i++) {
          yocto.enqueue(i);
          yocto.dequeue();
        }
      },
    },
  ];
}

function fillDrain(n: number): Contender[] {
  return [
    {
      name: 'MessageQueue',
      ops: n,
      run: (ops) => {
        const queue = new MessageQueue<number>();
        for (let i = 0; i < ops; i++) queue.enqueue(i);
        for (let i = 0; i < ops; i++) queue.dequeue();
      },
    },
    {
      name: 'denque',
      ops: n,
      run: (ops) => {
        const queue = new Denque<number>();
        for (let i = 0; i < ops; i++) queue.push(i);
        for (let i = 0; i < ops; i++) queue.shift();
      },
    },
    {
      name: 'yocto-queue',
      ops: n,
      run: (ops) => {
        const queue = new Queue<number>();
        for (let i = 0; i < ops; i++) queue.enqueue(i);
        for (let i = 0; i < ops; i++) queue.dequeue();
      },
    },
  ];
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
