import type { Redis } from 'ioredis';
import { describe, expect, it } from 'vitest';
import { addEntry, type StreamEntry, StreamWorker, type StreamWorkerOptions } from '@workbook/06-message-queues/stream-worker';
import { deferred } from '../support/async.ts';
import { useRedisServer } from '../support/redis.ts';

/**
 * Graded against a real redis-server that this file starts on a Unix socket (test/support/redis.ts).
 *
 * Time: Redis measures an entry's idle time with its own clock. Instead of waiting for it, the
 * tests move that clock for pending entries with `XCLAIM … IDLE <ms> JUSTID` (the owner stays the
 * same and the delivery count does not change), so a visibility timeout of a minute "passes" at
 * once and a test never sleeps.
 */

const redis = useRedisServer();

const STREAM = 'llm:requests';
const GROUP = 'gpu';
const TIMEOUT = 60_000;
/** How long a wait on the worker may take before the test gives up with a clear message. */
const PATIENCE_MS = 2_000;

interface Recorder {
  calls: StreamEntry[];
  ids(): string[];
}

function recorder(): Recorder {
  const calls: StreamEntry[] = [];
  return { calls, ids: () => calls.map((c) => c.id) };
}

function worker(consumer: string, handler: StreamWorkerOptions['handler'], options: Partial<StreamWorkerOptions> = {}) {
  return new StreamWorker({
    redis: redis.client(),
    stream: STREAM,
    group: GROUP,
    consumer,
    handler,
    visibilityTimeout: TIMEOUT,
    maxDeliveries: 3,
    ...options,
  });
}

async function add(client: Redis, count: number, stream = STREAM): Promise<string[]> {
  const ids: string[] = [];
  for (let i = 0; i < count; i++) ids.push((await client.xadd(stream, '*', 'n', String(i)))!);
  return ids;
}

interface Pending {
  id: string;
  consumer: string;
  deliveries: number;
}

async function pending(client: Redis, stream = STREAM, group = GROUP): Promise<Pending[]> {
  const rows = (await client.xpending(stream, group, '-', '+', 1000).catch((error: Error) => {
    if (error.message.startsWith('NOGROUP')) return []; // no group yet: nothing is pending
    throw error;
  })) as [string, string, number, number][];
  return rows.map(([id, consumer, , deliveries]) => ({ id, consumer, deliveries }));
}

/**
 * Moves Redis's clock forward for every pending entry: afterwards each has been idle for `ms`.
 * The owner is kept and JUSTID leaves the delivery count unchanged.
 */
async function age(client: Redis, ms: number, stream = STREAM, group = GROUP): Promise<void> {
  for (const entry of await pending(client, stream, group)) {
    await client.xclaim(stream, group, entry.consumer, 0, entry.id, 'IDLE', ms, 'JUSTID');
  }
}

async function deadLetters(client: Redis, stream = `${STREAM}:dead`): Promise<Record<string, string>[]> {
  const entries = await client.xrange(stream, '-', '+');
  return entries.map(([, flat]) => {
    const record: Record<string, string> = {};
    for (let i = 0; i < flat.length; i += 2) record[flat[i]!] = flat[i + 1]!;
    return record;
  });
}

/** Resolves like `promise`, or rejects with `what` when it has not settled within PATIENCE_MS. */
async function within<T>(promise: Promise<T>, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`waited ${PATIENCE_MS} ms for ${what}`)), PATIENCE_MS);
  });
  try {
    return await Promise.race([promise, late]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Starts a round of a worker that dies in the middle of its first entry: its handler records the
 * entry (the work is done) and never returns, so the worker never acknowledges it. Resolves with
 * that entry once the handler has been called. The round is left hanging; when the test ends and
 * its connection closes, the round's rejection is expected and ignored.
 */
async function crashingWorker(consumer: string, options: Partial<StreamWorkerOptions> = {}): Promise<StreamEntry> {
  const handled = deferred<StreamEntry>();
  const round = worker(
    consumer,
    (entry) => {
      handled.resolve(entry);
      return new Promise<void>(() => {});
    },
    options,
  ).poll();
  round.catch(() => {});
  return within(handled.promise, `worker ${consumer}'s handler to be called`);
}

/** Waits until `check` holds, asking again after each reply from Redis; bounded by PATIENCE_MS. */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  const deadline = Date.now() + PATIENCE_MS;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`waited ${PATIENCE_MS} ms for ${what}`);
    await new Promise((resolve) => setImmediate(resolve));
  }
}

/**
 * Makes `client` run `interlude` right after the next XAUTOCLAIM it sends. Redis runs the commands
 * of one connection in order, so the interlude's commands run after the claim and before anything
 * the worker sends once it has the claim's reply: the window in which another client may ack or
 * take over an entry the worker has just claimed. Resolves when the interlude is done.
 */
function afterNextAutoclaim(client: Redis, interlude: () => Promise<unknown>): Promise<unknown> {
  const done = deferred<unknown>();
  const send = client.sendCommand.bind(client);
  let armed = true;
  client.sendCommand = ((...args: Parameters<Redis['sendCommand']>) => {
    const sent = send(...args);
    if (armed && args[0].name.toLowerCase() === 'xautoclaim') {
      armed = false;
      interlude().then(done.resolve, done.reject);
    }
    return sent;
  }) as Redis['sendCommand'];
  return done.promise;
}

/** Whether a logged XREADGROUP waited for new entries with `BLOCK <ms>`. */
function blocksFor(read: string[], ms: number): boolean {
  return read.some((arg, i) => arg.toUpperCase() === 'BLOCK' && read[i + 1] === String(ms));
}

describe('creates the group and delivers entries', () => {
  it('creates the stream and the group on the first round when neither exists', async () => {
    const admin = redis.client();
    const result = await worker('w1', () => {}).poll();
    expect(result).toEqual({ acked: [], failed: [], deadLettered: [] });
    const groups = (await admin.xinfo('GROUPS', STREAM)) as unknown[][];
    expect(groups.map((g) => g[1]), 'XGROUP CREATE … MKSTREAM should have made the group').toEqual([GROUP]);
  });

  it('delivers entries added before the group existed, oldest first, with fields and deliveries: 1', async () => {
    const admin = redis.client();
    const ids = await add(admin, 3);
    const seen = recorder();
    const result = await worker('w1', (entry) => void seen.calls.push(entry)).poll();
    expect(seen.calls, 'the group must start at the beginning of the stream (id 0), not at $').toEqual([
      { id: ids[0], fields: { n: '0' }, deliveries: 1 },
      { id: ids[1], fields: { n: '1' }, deliveries: 1 },
      { id: ids[2], fields: { n: '2' }, deliveries: 1 },
    ]);
    expect(result).toEqual({ acked: ids, failed: [], deadLettered: [] });
  });

  it("hands the handler exactly the producer's field-value pairs, in their order", async () => {
    const admin = redis.client();
    await admin.xadd(STREAM, '*', 'request', '{"prompt":"hi"}', 'tenant', 'acme');
    const fields: [string, string][][] = [];
    await worker('w1', (entry) => void fields.push(Object.entries(entry.fields))).poll();
    expect(fields, 'entry.fields must hold the pairs Redis returned, and nothing else').toEqual([
      [
        ['request', '{"prompt":"hi"}'],
        ['tenant', 'acme'],
      ],
    ]);
  });

  it('a round that failed to create the group creates it on the next round', async () => {
    const admin = redis.client();
    await admin.set(STREAM, 'not a stream');
    const w = worker('w1', () => {});
    await expect(w.poll(), 'XGROUP CREATE on a key holding a string fails with WRONGTYPE').rejects.toThrow(/WRONGTYPE/);
    await admin.del(STREAM);
    const [id] = await add(admin, 1);
    expect(await w.poll(), 'only BUSYGROUP means the group exists; after any other error the next round must create it').toEqual({
      acked: [id],
      failed: [],
      deadLettered: [],
    });
  });

  it('joins a group that already exists without an error', async () => {
    const admin = redis.client();
    await admin.xgroup('CREATE', STREAM, GROUP, '0', 'MKSTREAM');
    const [id] = await add(admin, 1);
    const seen = recorder();
    await expect(worker('w2', (entry) => void seen.calls.push(entry)).poll()).resolves.toEqual({ acked: [id], failed: [], deadLettered: [] });
  });

  it('an acknowledged entry leaves the pending list and is never delivered again', async () => {
    const admin = redis.client();
    await add(admin, 2);
    const seen = recorder();
    const w = worker('w1', (entry) => void seen.calls.push(entry));
    await w.poll();
    expect(await pending(admin), 'every handled entry must be XACKed').toEqual([]);
    await age(admin, TIMEOUT * 10);
    await w.poll();
    await worker('w2', (entry) => void seen.calls.push(entry)).poll();
    expect(seen.calls).toHaveLength(2);
  });

  it('takes at most batchSize entries per round', async () => {
    const admin = redis.client();
    const ids = await add(admin, 5);
    const seen = recorder();
    const w = worker('w1', (entry) => void seen.calls.push(entry), { batchSize: 2 });
    expect((await w.poll()).acked).toEqual(ids.slice(0, 2));
    expect((await w.poll()).acked).toEqual(ids.slice(2, 4));
    expect(await pending(admin), 'entries beyond the batch must not be read yet').toEqual([]);
  });
});

describe('acknowledges once, only after the handler succeeds', () => {
  it('the entry is still pending while its handler runs', async () => {
    const admin = redis.client();
    const [id] = await add(admin, 1);
    const seenPending: Pending[][] = [];
    await worker('w1', async () => {
      seenPending.push(await pending(admin));
    }).poll();
    expect(seenPending, 'acknowledging before the handler finishes loses the entry if the worker dies').toEqual([[{ id, consumer: 'w1', deliveries: 1 }]]);
  });

  it('a failing handler leaves its entry pending, not acknowledged', async () => {
    const admin = redis.client();
    const [id] = await add(admin, 1);
    const result = await worker('w1', () => {
      throw new Error('model server returned 503');
    }).poll();
    expect(result).toEqual({ acked: [], failed: [id], deadLettered: [] });
    expect(await pending(admin)).toEqual([{ id, consumer: 'w1', deliveries: 1 }]);
    expect(await deadLetters(admin)).toEqual([]);
  });

  it('a failed entry is not retried before its visibility timeout', async () => {
    const admin = redis.client();
    await add(admin, 1);
    let calls = 0;
    const w = worker('w1', () => {
      calls++;
      throw new Error('busy');
    });
    await w.poll();
    await w.poll();
    await age(admin, TIMEOUT / 2);
    await w.poll();
    await worker('w2', () => void calls++).poll();
    expect(calls, 'a pending entry idle for less than visibilityTimeout belongs to its worker').toBe(1);
  });

  it('sends exactly one XACK per entry, after its handler finished', async () => {
    const admin = redis.client();
    const log = await redis.monitor();
    const ids = await add(admin, 6);
    let failedOnce = false;
    const handler = async (entry: StreamEntry): Promise<void> => {
      await admin.echo(`handled ${entry.id}`); // marks the end of the handler in the server's log
      if (entry.id === ids[2] && !failedOnce) {
        failedOnce = true;
        throw new Error('transient');
      }
    };
    const a = worker('a', handler, { batchSize: 3 });
    const b = worker('b', handler, { batchSize: 3 });
    await a.poll();
    await b.poll();
    await age(admin, TIMEOUT * 2);
    await b.poll();
    await a.poll();
    await log.sync();
    const acks = log.commands.filter(([name]) => name === 'xack').flatMap(([, , , ...acked]) => acked);
    expect([...acks].sort(), 'each entry must be acknowledged once, and only once').toEqual([...ids].sort());
    for (const id of ids) {
      const handled = log.commands.findLastIndex(([name, text]) => name === 'echo' && text === `handled ${id}`);
      const acked = log.commands.findIndex(([name, , , ...acked]) => name === 'xack' && acked.includes(id));
      expect(acked, `XACK of ${id} must come after its handler finished`).toBeGreaterThan(handled);
    }
    expect(await pending(admin)).toEqual([]);
  });
});

describe("reclaims a crashed worker's entries", () => {
  it('an entry whose worker died after handling it, before acking, is handled again by another worker', async () => {
    const admin = redis.client();
    const [id] = await add(admin, 1);
    expect((await crashingWorker('a')).id).toBe(id);
    await age(admin, TIMEOUT + 1);
    const seen = recorder();
    const result = await worker('b', (entry) => void seen.calls.push(entry)).poll();
    expect(seen.calls, 'an entry idle for longer than visibilityTimeout must be reclaimed with XAUTOCLAIM').toEqual([
      { id, fields: { n: '0' }, deliveries: 2 },
    ]);
    expect(result).toEqual({ acked: [id], failed: [], deadLettered: [] });
    expect(await pending(admin)).toEqual([]);
  });

  it('an entry is not reclaimed before its visibility timeout', async () => {
    const admin = redis.client();
    await add(admin, 1);
    await crashingWorker('a');
    await age(admin, TIMEOUT / 2);
    const seen = recorder();
    await worker('b', (entry) => void seen.calls.push(entry)).poll();
    expect(seen.calls, 'worker a may still be working on it: half the visibility timeout has passed').toEqual([]);
  });

  it('a failed entry is retried after the visibility timeout, with its delivery count', async () => {
    const admin = redis.client();
    const [id] = await add(admin, 1);
    const seen = recorder();
    const w = worker('w1', (entry) => {
      seen.calls.push(entry);
      if (entry.deliveries === 1) throw new Error('transient');
    });
    await w.poll();
    await age(admin, TIMEOUT);
    expect(await w.poll()).toEqual({ acked: [id], failed: [], deadLettered: [] });
    expect(seen.calls.map((c) => c.deliveries)).toEqual([1, 2]);
  });

  it('counts reclaimed entries toward batchSize: new entries fill only the room left', async () => {
    const admin = redis.client();
    const ids = await add(admin, 6);
    await crashingWorker('a', { batchSize: 3 });
    await age(admin, TIMEOUT + 1);
    const b = worker('b', () => {}, { batchSize: 2 });
    const rounds = [(await b.poll()).acked, (await b.poll()).acked];
    expect(rounds, 'round 1 reclaims 2 entries and has no room left; round 2 reclaims 1 and reads 1 new one').toEqual([
      [ids[0], ids[1]],
      [ids[2], ids[3]],
    ]);
    expect(await pending(admin), 'entries beyond the batch must not be read yet').toEqual([]);
  });

  it('run() handles reclaimed entries at once, without first waiting block ms for new ones', async () => {
    const admin = redis.client();
    const [id] = await add(admin, 1);
    await crashingWorker('a');
    await age(admin, TIMEOUT + 1);
    const stop = new AbortController();
    const seen = recorder();
    const running = worker(
      'b',
      (entry) => {
        seen.calls.push(entry);
        stop.abort();
      },
      { block: TIMEOUT },
    ).run({ signal: stop.signal });
    running.catch(() => {}); // if the check below fails, the test's end closes the connection under it
    await within(running, 'run() to handle the reclaimed entry; it must block only when it has nothing to do');
    expect(seen.ids()).toEqual([id]);
  });

  it('an idle run() waits for new entries inside XREADGROUP … BLOCK, not in a loop of reads', async () => {
    const log = await redis.monitor();
    const stop = new AbortController();
    const running = worker('w1', () => {}, { block: 20 }).run({ signal: stop.signal });
    running.catch(() => {}); // if a check below fails first, the test's end closes the connection under it
    await until(async () => {
      await log.sync();
      return log.commands.some(([name]) => name === 'xreadgroup');
    }, 'run() to read from the stream');
    stop.abort();
    await within(running, 'run() to notice the abort while waiting for entries');
    await log.sync();
    const reads = log.commands.filter(([name]) => name === 'xreadgroup');
    expect(
      reads.filter((read) => !blocksFor(read, 20)),
      'with nothing to reclaim, every XREADGROUP of run() must wait with BLOCK 20 (the block option)',
    ).toEqual([]);
  });

  it('rejects with the error Redis replied when it refuses to report delivery counts', async () => {
    const admin = redis.client();
    await add(admin, 1);
    await crashingWorker('a');
    await age(admin, TIMEOUT + 1);
    await admin.call('ACL', 'SETUSER', 'no-xpending', 'on', '>secret', '~*', '&*', '+@all', '-xpending');
    try {
      const limited = redis.client({ username: 'no-xpending', password: 'secret' });
      await expect(worker('b', () => {}, { redis: limited }).poll(), "XPENDING's NOPERM error must reach the caller").rejects.toThrow(/NOPERM/);
    } finally {
      await admin.call('ACL', 'DELUSER', 'no-xpending');
    }
  });

  it('reclaims every idle entry, however long the pending list is', async () => {
    const admin = redis.client();
    const ids = await add(admin, 30);
    await crashingWorker('a', { batchSize: 30 });
    await age(admin, TIMEOUT + 1);
    const seen = recorder();
    const b = worker('b', (entry) => void seen.calls.push(entry), { batchSize: 4 });
    for (let round = 0; round < 10; round++) await b.poll();
    expect(seen.ids()).toEqual(ids);
  });
});

describe('dead-letters an entry after maxDeliveries', () => {
  it('a handler that always fails runs exactly maxDeliveries times, then the entry is dead-lettered with the reason', async () => {
    const admin = redis.client();
    const [id] = await add(admin, 1);
    let calls = 0;
    const w = worker('w1', () => {
      calls++;
      throw new Error('invalid JSON in body');
    });
    const outcomes = [];
    for (let round = 0; round < 6; round++) {
      outcomes.push(await w.poll());
      await age(admin, TIMEOUT + 1);
    }
    expect(calls, 'maxDeliveries is 3').toBe(3);
    expect(outcomes.map((o) => o.deadLettered)).toEqual([[], [], [id], [], [], []]);
    expect(await deadLetters(admin)).toEqual([{ originalId: id, reason: 'invalid JSON in body', deliveries: '3', fields: JSON.stringify({ n: '0' }) }]);
    expect(await pending(admin), 'a dead-lettered entry must be acknowledged in the source stream').toEqual([]);
  });

  it('with maxDeliveries: 1 a failure goes straight to the dead-letter stream named in the options', async () => {
    const admin = redis.client();
    const [id] = await add(admin, 1);
    const result = await worker('w1', () => Promise.reject(new Error('context length exceeded')), { maxDeliveries: 1, deadLetterStream: 'dlq' }).poll();
    expect(result).toEqual({ acked: [], failed: [], deadLettered: [id] });
    expect(await deadLetters(admin, 'dlq')).toEqual([{ originalId: id, reason: 'context length exceeded', deliveries: '1', fields: JSON.stringify({ n: '0' }) }]);
    expect(await pending(admin)).toEqual([]);
  });

  it('an entry whose workers all crashed is dead-lettered on the next reclaim, without running the handler again', async () => {
    const admin = redis.client();
    const [id] = await add(admin, 1);
    for (const name of ['a1', 'a2']) {
      await crashingWorker(name, { maxDeliveries: 2 });
      await age(admin, TIMEOUT + 1);
    }
    let calls = 0;
    const result = await worker('a3', () => void calls++, { maxDeliveries: 2 }).poll();
    expect(calls, 'the entry already had its 2 deliveries').toBe(0);
    expect(result).toEqual({ acked: [], failed: [], deadLettered: [id] });
    expect(await deadLetters(admin)).toEqual([
      { originalId: id, reason: 'no acknowledgement after 2 deliveries', deliveries: '2', fields: JSON.stringify({ n: '0' }) },
    ]);
    expect(await pending(admin)).toEqual([]);
  });

  it('rejects when Redis refuses to store the dead letter', async () => {
    const admin = redis.client();
    await add(admin, 1);
    await admin.set(`${STREAM}:dead`, 'not a stream');
    const w = worker('w1', () => Promise.reject(new Error('poison')), { maxDeliveries: 1 });
    await expect(w.poll(), 'an entry whose XADD failed inside MULTI must not be reported as dead-lettered').rejects.toThrow(/WRONGTYPE/);
  });

  it('other entries keep flowing past a poison entry', async () => {
    const admin = redis.client();
    const ids = await add(admin, 4);
    const done: string[] = [];
    const w = worker('w1', (entry) => {
      if (entry.id === ids[1]) throw new Error('poison');
      done.push(entry.id);
    });
    for (let round = 0; round < 4; round++) {
      await w.poll();
      await age(admin, TIMEOUT + 1);
    }
    expect(done).toEqual([ids[0], ids[2], ids[3]]);
    expect((await deadLetters(admin)).map((d) => d.originalId)).toEqual([ids[1]]);
  });
});

describe('two workers share a group without duplicates', () => {
  it('workers polling at the same time get different entries', async () => {
    const admin = redis.client();
    const ids = await add(admin, 10);
    const byWorker: Record<string, string[]> = { a: [], b: [] };
    const bothStarted = deferred();
    const handler = (name: string) => async (entry: StreamEntry) => {
      byWorker[name]!.push(entry.id);
      if (byWorker.a!.length > 0 && byWorker.b!.length > 0) bothStarted.resolve();
      await bothStarted.promise; // both workers hold entries at once
    };
    const a = worker('a', handler('a'), { batchSize: 5 });
    const b = worker('b', handler('b'), { batchSize: 5 });
    await within(Promise.all([a.poll(), b.poll()]), 'both workers to finish a round');
    expect(byWorker.a, 'each worker should have taken a batch of 5').toHaveLength(5);
    expect(byWorker.b).toHaveLength(5);
    expect([...byWorker.a!, ...byWorker.b!].sort(), 'no entry may go to both workers').toEqual([...ids].sort());
    expect(await pending(admin)).toEqual([]);
  });

  it('an entry acked or taken over by another consumer while this worker reclaims it is left to them', async () => {
    const admin = redis.client();
    const [acked, taken] = await add(admin, 2);
    await crashingWorker('a', { batchSize: 2 });
    await age(admin, TIMEOUT + 1);
    const client = redis.client();
    const interlude = afterNextAutoclaim(client, () =>
      Promise.all([
        client.xack(STREAM, GROUP, acked!), // worker a finishes late and acks its entry
        client.xclaim(STREAM, GROUP, 'c', 0, taken!, 'JUSTID'), // worker c takes the other over
      ]),
    );
    let calls = 0;
    const result = await worker('b', () => void calls++, { redis: client }).poll();
    await interlude;
    expect(calls, "after XAUTOCLAIM, XPENDING shows one entry acked and the other owned by c: neither is b's any more").toBe(0);
    expect(result).toEqual({ acked: [], failed: [], deadLettered: [] });
    expect(await pending(admin)).toEqual([{ id: taken, consumer: 'c', deliveries: 2 }]);
  });

  it('workers taking turns handle every entry exactly once', async () => {
    const admin = redis.client();
    const ids = await add(admin, 20);
    const seen = recorder();
    const a = worker('a', (entry) => void seen.calls.push(entry), { batchSize: 3 });
    const b = worker('b', (entry) => void seen.calls.push(entry), { batchSize: 3 });
    const counts = { a: 0, b: 0 };
    for (let round = 0; round < 4; round++) {
      counts.a += (await a.poll()).acked.length;
      counts.b += (await b.poll()).acked.length;
    }
    expect(seen.ids(), 'every entry once, in stream order').toEqual(ids);
    expect(counts).toEqual({ a: 11, b: 9 });
  });
});

describe('stops gracefully on abort', () => {
  it('finishes and acknowledges the entry in hand, leaves the rest pending, then resolves', async () => {
    const admin = redis.client();
    const ids = await add(admin, 3);
    const stop = new AbortController();
    const seen = recorder();
    const w = worker('w1', async (entry) => {
      seen.calls.push(entry);
      stop.abort(); // the signal arrives while this entry is in hand
      await admin.ping(); // the rest of the work still happens
    });
    await within(w.run({ signal: stop.signal }), 'run() to resolve after the abort');
    expect(seen.ids(), 'after the abort no new entry may be started').toEqual([ids[0]]);
    expect(
      (await pending(admin)).map((p) => p.id),
      'the finished entry must be acknowledged before run() returns; the untouched ones stay pending',
    ).toEqual([ids[1], ids[2]]);
  });

  it('nothing is lost: another worker reclaims the entries the stopped worker had not started', async () => {
    const admin = redis.client();
    const ids = await add(admin, 3);
    const stop = new AbortController();
    const seen = recorder();
    await within(
      worker('w1', (entry) => {
        seen.calls.push(entry);
        stop.abort();
      }).run({ signal: stop.signal }),
      'run() to resolve after the abort',
    );
    await age(admin, TIMEOUT + 1);
    await worker('w2', (entry) => void seen.calls.push(entry)).poll();
    expect(seen.ids()).toEqual(ids);
    expect(await pending(admin)).toEqual([]);
  });

  it('resolves at once, taking nothing, when the signal is already aborted', async () => {
    const admin = redis.client();
    await add(admin, 2);
    let calls = 0;
    await within(worker('w1', () => void calls++).run({ signal: AbortSignal.abort() }), 'run() to resolve');
    expect(calls).toBe(0);
    const seen = recorder();
    await worker('w2', (entry) => void seen.calls.push(entry)).poll();
    expect(seen.calls, 'the aborted worker must not have read anything').toHaveLength(2);
  });

  it('without a signal, run() keeps handling entries until Redis fails, then rejects', async () => {
    const admin = redis.client();
    const client = redis.client();
    const seen = recorder();
    const running = worker('w1', (entry) => void seen.calls.push(entry), { redis: client, block: 20 }).run();
    running.catch(() => {}); // if a check below fails first, the test's end closes the connection under it
    const ids = await add(admin, 2);
    await until(async () => seen.calls.length === 2, 'run() without options to handle the 2 new entries');
    client.disconnect();
    await expect(within(running, 'run() to reject once its connection is closed')).rejects.toThrow(/Connection is closed/);
    expect(seen.ids()).toEqual(ids);
  });

  it('keeps handling entries added while it runs, and an idle worker stops within block ms', async () => {
    const admin = redis.client();
    const stop = new AbortController();
    const seen = recorder();
    const running = worker('w1', (entry) => void seen.calls.push(entry), { block: 20 }).run({ signal: stop.signal });
    running.catch(() => {}); // if a check below fails first, the test's end closes the connection under it
    const ids = await add(admin, 3);
    await until(async () => seen.calls.length === 3, 'run() to handle the 3 new entries');
    stop.abort();
    await within(running, 'run() to notice the abort while waiting for entries');
    expect(seen.ids()).toEqual(ids);
    expect(await pending(admin)).toEqual([]);
  });
});

describe('the producer appends and trims', () => {

  it('addEntry appends the fields with an id chosen by Redis and returns it', async () => {
    const admin = redis.client();
    const first = await addEntry(admin, STREAM, { request: '{"prompt":"hi"}', tenant: 'acme' });
    const second = await addEntry(admin, STREAM, { request: '{"prompt":"bye"}' });
    expect(await admin.xrange(STREAM, '-', '+')).toEqual([
      [first, ['request', '{"prompt":"hi"}', 'tenant', 'acme']],
      [second, ['request', '{"prompt":"bye"}']],
    ]);
  });

  it('maxLength trims approximately (MAXLEN ~): at least maxLength entries stay, the newest ones', async () => {
    const admin = redis.client();
    const ids: string[] = [];
    for (let i = 0; i < 250; i++) ids.push(await addEntry(admin, STREAM, { n: String(i) }, { maxLength: 100 }));
    const length = await admin.xlen(STREAM);
    expect(length, 'MAXLEN ~ removes only whole internal nodes (100 entries each by default)').toBeGreaterThan(100);
    expect(length, 'the stream must have been trimmed').toBeLessThan(200);
    const kept = (await admin.xrange(STREAM, '-', '+')).map(([id]) => id);
    expect(kept).toEqual(ids.slice(-length));
  });

  it('without maxLength nothing is trimmed', async () => {
    const admin = redis.client();
    for (let i = 0; i < 150; i++) await addEntry(admin, STREAM, { n: String(i) });
    expect(await admin.xlen(STREAM)).toBe(150);
  });

  it('rejects an entry without fields and a maxLength that is not a positive integer', async () => {
    const admin = redis.client();
    await expect(addEntry(admin, STREAM, {})).rejects.toThrow(TypeError);
    await expect(addEntry(admin, STREAM, { n: '1' }, { maxLength: 0 })).rejects.toThrow(RangeError);
    await expect(addEntry(admin, STREAM, { n: '1' }, { maxLength: 2.5 })).rejects.toThrow(RangeError);
    expect(await admin.exists(STREAM), 'a rejected call must not write anything').toBe(0);
  });

  it('rejects a field value that is not a string with a TypeError, writing nothing', async () => {
    const admin = redis.client();
    await expect(addEntry(admin, STREAM, { n: '1', tokens: 42 as never })).rejects.toThrow(TypeError);
    expect(await admin.exists(STREAM), 'a rejected call must not write anything').toBe(0);
  });
});

describe('validates its options', () => {
  const base = (): StreamWorkerOptions => ({
    redis: redis.client(),
    stream: STREAM,
    group: GROUP,
    consumer: 'w1',
    handler: () => {},
    visibilityTimeout: TIMEOUT,
    maxDeliveries: 3,
  });

  it.each([
    ['visibilityTimeout', 0],
    ['visibilityTimeout', 1.5],
    ['visibilityTimeout', Number.NaN],
    ['maxDeliveries', 0],
    ['maxDeliveries', Number.POSITIVE_INFINITY],
    ['batchSize', 0],
    ['block', -1],
  ] as const)('rejects %s = %s with a RangeError', (name, value) => {
    expect(() => new StreamWorker({ ...base(), [name]: value })).toThrow(RangeError);
  });

  it.each(['stream', 'group', 'consumer', 'deadLetterStream'] as const)('rejects an empty %s with a TypeError', (name) => {
    expect(() => new StreamWorker({ ...base(), [name]: '' })).toThrow(TypeError);
  });

  it.each([undefined, null])('rejects redis = %s with a TypeError', (value) => {
    expect(() => new StreamWorker({ ...base(), redis: value as never })).toThrow(TypeError);
  });

  it.each(['stream', 'group', 'consumer', 'deadLetterStream'] as const)('rejects a %s that is not a string with a TypeError', (name) => {
    expect(() => new StreamWorker({ ...base(), [name]: 42 as never })).toThrow(TypeError);
  });

  it('rejects a handler that is not a function with a TypeError', () => {
    expect(() => new StreamWorker({ ...base(), handler: 'process' as never })).toThrow(TypeError);
  });
});
