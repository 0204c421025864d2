/**
 * Producer–consumer throughput: one producer awaits each send, one consumer reads with
 * `for await`, through a buffer of the same size, until the producer ends the stream.
 *
 * - Channel: the chapter's reference solution (solutions/07-producer-consumer/channel.ts).
 * - node:stream: a PassThrough in objectMode; write() until it returns false, then wait for 'drain'.
 * - Repeater: @repeaterjs/repeater with a FixedBuffer; await each push.
 * - it-pushable: unbounded by design; the producer waits for onEmpty() whenever the buffer is full.
 */
import { once } from 'node:events';
import { PassThrough } from 'node:stream';
import { FixedBuffer, Repeater } from '@repeaterjs/repeater';
import { pushable } from 'it-pushable';
import { Channel } from '../solutions/07-producer-consumer/channel.ts';
import { type Contender, printTable, race } from './harness.ts';
import type { BenchOptions } from './run.ts';

const CAPACITY = 64;

async function consume(source: AsyncIterable<number>): Promise<number> {
  let sum = 0;
  for await (const value of source) sum += value;
  return sum;
}

function check(sum: number, ops: number, name: string): void {
  if (sum !== (ops * (ops - 1)) / 2) throw new Error(`${name} lost or duplicated messages: sum ${sum}`);
}

const contenders: Contender[] = [
  {
    name: 'Channel',
    run: async (ops) => {
      const channel = new Channel<number>(CAPACITY);
      const consumer = consume(channel);
      for (let i = 0; i < ops; i++) await channel.send(i);
      channel.close();
      check(await consumer, ops, 'Channel');
    },
  },
  {
    name: 'node:stream PassThrough',
    run: async (ops) => {
      const stream = new PassThrough({ objectMode: true, highWaterMark: CAPACITY });
      const consumer = consume(stream);
      for (let i = 0; i < ops; i++) {
        if (!stream.write(i)) await once(stream, 'drain');
      }
      stream.end();
      check(await consumer, ops, 'node:stream');
    },
  },
  {
    name: '@repeaterjs/repeater',
    run: async (ops) => {
      const repeater = new Repeater<number>(async (push, stop) => {
        for (let i = 0; i < ops; i++) await push(i);
        stop();
      }, new FixedBuffer(CAPACITY));
      check(await consume(repeater), ops, 'Repeater');
    },
  },
  {
    name: 'it-pushable',
    run: async (ops) => {
      const source = pushable<number>({ objectMode: true });
      const consumer = consume(source);
      for (let i = 0; i < ops; i++) {
        if (source.readableLength >= CAPACITY) await source.onEmpty();
        source.push(i);
      }
      source.end();
      check(await consumer, ops, 'it-pushable');
    },
  },
];

export default async function channelBench({ quick }: BenchOptions): Promise<void> {
  const ops = quick ? 50_000 : 500_000;
  const results = await race(contenders, { ops, rounds: quick ? 3 : 7, warmup: quick ? 1 : 2 });
  printTable(`Producer–consumer: ${ops.toLocaleString('en-US')} messages, buffer ${CAPACITY}, await each send, for await to receive`, results);
}
