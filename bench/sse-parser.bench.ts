/**
 * The reference SseParser (solutions/08-streaming/sse-parser.ts) against eventsource-parser
 * 3.1.1, bytes in for both: the reference takes the network's Uint8Array chunks as they are,
 * eventsource-parser takes text, so its side includes the streaming TextDecoder that any caller
 * of it needs. Both count the events they dispatch and the characters of data, which must agree.
 *
 * (a) Many small events: a recorded-style stream of OpenAI `chat.completion.chunk` events and
 *     Anthropic `content_block_delta` events (one token each), cut into chunks of 16 to 1,460
 *     bytes (one TCP segment's payload at most), from a fixed seed. Once with English tokens
 *     (nearly all ASCII) and once with Japanese ones (every event holds multi-byte UTF-8), since
 *     decoding non-ASCII UTF-8 costs both parsers far more than finding lines does.
 * (b) One huge event: a single `data:` line of 1 MiB and of 4 MiB, delivered in 64-byte chunks.
 *     A linear parser keeps the same MB/s at both sizes; a quadratic one drops about fourfold.
 */
import { createParser } from 'eventsource-parser';
import { SseParser } from '../solutions/08-streaming/sse-parser.ts';
import { type Contender, formatRate, race } from './harness.ts';
import type { BenchOptions } from './run.ts';

interface Workload {
  chunks: Uint8Array[];
  bytes: number;
  events: number;
  dataChars: number;
}

/** A small deterministic generator (mulberry32), so every run cuts the stream the same way. */
function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

// English output is mostly ASCII, with the odd curly quote or dash; Japanese output is not.
const ENGLISH = [' the', ' stream', ' of', ' tokens', ' arrives', ' one', ' delta', ' at', ' a', ' time', ',', '.', ' model', ' is', ' it', '’s', ' fast', ' and', ' cheap', ' now', ' to', ' read', ' each', ' event', ' — ', ' so', ' we', ' can', ' see', ' why'];
const JAPANESE = ['トークン', 'は', '一つ', 'ずつ', '届き', 'ます', '。', '東京', 'の', '天気', 'は', '晴れ', 'です', '、'];

function smallEvents(count: number, words: readonly string[]): Workload {
  const next = random(20261129);
  let text = '';
  let dataChars = 0;
  for (let i = 0; i < count; i++) {
    const word = words[Math.floor(next() * words.length)]!;
    let event: string;
    let data: string;
    if (i % 2 === 0) {
      data = JSON.stringify({
        id: 'chatcmpl-9x2LkQ7fRmP0aB3cD4eF5gH6iJ7k',
        object: 'chat.completion.chunk',
        created: 1767225600,
        model: 'gpt-4o-mini-2024-07-18',
        system_fingerprint: 'fp_0ba0d124f1',
        choices: [{ index: 0, delta: { content: word }, logprobs: null, finish_reason: null }],
      });
      event = `data: ${data}\n\n`;
    } else {
      data = JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: word } });
      event = `event: content_block_delta\ndata: ${data}\n\n`;
    }
    text += event;
    dataChars += data.length;
  }
  const all = new TextEncoder().encode(text);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < all.length; ) {
    const size = 16 + Math.floor(next() * (1460 - 16 + 1));
    chunks.push(all.slice(at, at + size));
    at += size;
  }
  return { chunks, bytes: all.length, events: count, dataChars };
}

function hugeEvent(size: number): Workload {
  const all = new TextEncoder().encode(`data: ${'x'.repeat(size)}\n\n`);
  const chunks: Uint8Array[] = [];
  for (let at = 0; at < all.length; at += 64) chunks.push(all.subarray(at, at + 64));
  return { chunks, bytes: all.length, events: 1, dataChars: size };
}

function check(name: string, workload: Workload, events: number, dataChars: number): void {
  if (events !== workload.events || dataChars !== workload.dataChars) {
    throw new Error(`${name} read ${events} events with ${dataChars} characters of data; expected ${workload.events} with ${workload.dataChars}`);
  }
}

function contenders(workload: Workload, maxLineBytes: number): Contender[] {
  return [
    {
      name: 'SseParser',
      run: () => {
        const parser = new SseParser({ maxLineBytes });
        let events = 0;
        let dataChars = 0;
        for (const chunk of workload.chunks) {
          for (const event of parser.push(chunk)) {
            events++;
            dataChars += event.data.length;
          }
        }
        parser.end();
        check('SseParser', workload, events, dataChars);
      },
    },
    {
      name: 'eventsource-parser 3.1.1',
      run: () => {
        let events = 0;
        let dataChars = 0;
        const parser = createParser({
          onEvent: (event) => {
            events++;
            dataChars += event.data.length;
          },
        });
        const decoder = new TextDecoder();
        for (const chunk of workload.chunks) parser.feed(decoder.decode(chunk, { stream: true }));
        parser.feed(decoder.decode());
        check('eventsource-parser', workload, events, dataChars);
      },
    },
  ];
}

async function measure(title: string, workload: Workload, maxLineBytes: number, quick: boolean): Promise<void> {
  // The harness counts one operation per run; each run parses the whole workload once.
  const results = await race(contenders(workload, maxLineBytes), { ops: 1, rounds: quick ? 3 : 9, warmup: quick ? 1 : 3 });
  const base = results[0]!.opsPerSecond;
  console.log(`\n${title}`);
  console.log(`  ${'contender'.padEnd(26)}  ${'MB/s'.padStart(8)}  ${'events/s'.padStart(10)}  ${'vs SseParser'.padStart(12)}`);
  for (const r of results) {
    const mbPerSecond = (workload.bytes * r.opsPerSecond) / 1e6;
    const eventsPerSecond = workload.events * r.opsPerSecond;
    console.log(
      `  ${r.name.padEnd(26)}  ${mbPerSecond.toFixed(0).padStart(8)}  ${formatRate(eventsPerSecond).padStart(10)}  ${`${(r.opsPerSecond / base).toFixed(2)}x`.padStart(12)}`,
    );
  }
}

export default async function sseParserBench({ quick }: BenchOptions): Promise<void> {
  for (const [language, words] of [['English', ENGLISH], ['Japanese', JAPANESE]] as const) {
    const small = smallEvents(quick ? 5_000 : 50_000, words);
    await measure(
      `SSE parser (a): ${small.events.toLocaleString('en-US')} small events of ${language} text (${(small.bytes / small.events).toFixed(0)} bytes each on average), bytes in, chunks of 16–1,460 bytes`,
      small,
      1024 * 1024,
      quick,
    );
  }
  for (const mib of [1, 4]) {
    const size = mib * 1024 * 1024;
    await measure(`SSE parser (b): one ${mib} MiB event in 64-byte chunks`, hugeEvent(size), 2 * size, quick);
  }
}
