/**
 * Per-key rate limiting: one `tryAcquire(key)` per operation, cycling over 1 key and over 100,000
 * keys. Every key has a burst of a billion and refills 1 per second, so every call is allowed
 * and every key stays in debt (its state must be kept): what is measured is the bookkeeping of
 * a busy limiter, not refusals.
 *
 * - GcraLimiter, TokenBucketLimiter: the chapter's references (solutions/09-flow-control/rate-limiter.ts):
 *   all keys in one table, no timers.
 * - limiter 4.1.0: a `TokenBucket` per key in a Map (its plain token bucket; its `RateLimiter`
 *   adds a per-interval cap on top), started full like the references, `tryRemoveTokens(1)`.
 * - bottleneck 2.19.5: a `Bottleneck.Group` (one limiter per key) with a reservoir and the
 *   OVERFLOW strategy, so a job beyond the reservoir is dropped instead of queued: the closest it
 *   has to "acquire or be refused". `schedule` is asynchronous, so calls go out 1,000 at a time
 *   and are awaited together. A reservoir that refills would add a 250 ms heartbeat timer per
 *   key; it is left out so that 100,000 timers do not slow the other contenders in the process.
 *
 * Each contender has its own loop, so every call site sees one class.
 */
import Bottleneck from 'bottleneck';
import { TokenBucket } from 'limiter';
import { GcraLimiter, TokenBucketLimiter } from '../solutions/09-flow-control/rate-limiter.ts';
import { type Contender, printTable, race } from './harness.ts';
import type { BenchOptions } from './run.ts';

const CAPACITY = 1_000_000_000;
const PER_SECOND = 1;
const WAVE = 1000;

function keyNames(count: number): string[] {
  return Array.from({ length: count }, (_, i) => `tenant-${i}`);
}

function contenders(keyCount: number, bottleneckOps: number): Contender[] {
  const keys = keyNames(keyCount);
  const gcra = new GcraLimiter({ capacity: CAPACITY, refillPerSecond: PER_SECOND });
  const bucket = new TokenBucketLimiter({ capacity: CAPACITY, refillPerSecond: PER_SECOND });
  const packageBuckets = new Map<string, TokenBucket>();
  const group = new Bottleneck.Group({ reservoir: CAPACITY, highWater: 0, strategy: Bottleneck.strategy.OVERFLOW });
  let allowed = 0;
  let next = 0;
  const check = (name: string, ops: number): void => {
    if (allowed !== ops) throw new Error(`${name} refused ${ops - allowed} of ${ops} calls under a limit that allows them all`);
    allowed = 0;
  };
  return [
    {
      name: 'GcraLimiter',
      run: (ops) => {
        for (let i = 0; i < ops; i++) {
          if (gcra.tryAcquire(keys[next]!).allowed) allowed++;
          if (++next === keys.length) next = 0;
        }
        check('GcraLimiter', ops);
      },
    },
    {
      name: 'TokenBucketLimiter',
      run: (ops) => {
        for (let i = 0; i < ops; i++) {
          if (bucket.tryAcquire(keys[next]!).allowed) allowed++;
          if (++next === keys.length) next = 0;
        }
        check('TokenBucketLimiter', ops);
      },
    },
    {
      name: 'limiter 4.1.0',
      run: (ops) => {
        for (let i = 0; i < ops; i++) {
          const key = keys[next]!;
          let bucket = packageBuckets.get(key);
          if (!bucket) {
            bucket = new TokenBucket({ bucketSize: CAPACITY, tokensPerInterval: PER_SECOND, interval: 'second' });
            bucket.content = CAPACITY; // it starts empty; the references start full
            packageBuckets.set(key, bucket);
          }
          if (bucket.tryRemoveTokens(1)) allowed++;
          if (++next === keys.length) next = 0;
        }
        check('limiter', ops);
      },
    },
    {
      name: 'bottleneck 2.19.5',
      ops: bottleneckOps,
      run: async (ops) => {
        // Awaited one by one, each call would wait for bottleneck's internal timer: 1,000 calls
        // in flight at a time measure its throughput instead of that delay.
        for (let start = 0; start < ops; start += WAVE) {
          const wave: Promise<boolean>[] = [];
          for (let i = start; i < Math.min(ops, start + WAVE); i++) {
            wave.push(
              group
                .key(keys[next]!)
                .schedule(() => Promise.resolve(true))
                .catch(() => false),
            );
            if (++next === keys.length) next = 0;
          }
          for (const ran of await Promise.all(wave)) if (ran) allowed++;
        }
        check('bottleneck', ops);
      },
    },
  ];
}

export default async function limiterBench({ quick }: BenchOptions): Promise<void> {
  const ops = quick ? 200_000 : 2_000_000;
  for (const keyCount of [1, 100_000]) {
    const bottleneckOps = quick ? 1_000 : 5_000;
    const results = await race(contenders(keyCount, bottleneckOps), { ops, rounds: quick ? 3 : 7, warmup: quick ? 1 : 2 });
    printTable(`Rate limiter tryAcquire over ${keyCount.toLocaleString('en-US')} key${keyCount === 1 ? '' : 's'}, every call allowed`, results);
  }
}
