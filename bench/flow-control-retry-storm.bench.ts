/**
 * The AWS Architecture Blog's "Exponential Backoff And Jitter" experiment, reproduced in virtual
 * time: N clients all send one request at the same moment (the moment an outage ends) to a
 * server that admits 10 requests per second with a burst of 10 (the chapter's GcraLimiter). A
 * refused request gets a 429 without Retry-After, so each client backs off on its own and tries
 * again until it gets through. Compared: exponential backoff without jitter, full jitter (the
 * chapter's decideRetry) and decorrelated jitter, all from a 100 ms base capped at 10 s.
 *
 * Reported: total calls (the work the server had to turn away plus the N that succeeded) and
 * completion time (when the last client got through), each the mean of 20 seeded runs. The
 * simulation is deterministic: the same code gives the same table on any machine.
 *
 * `npm run bench -- retry-storm --write-page` writes the table and the plot into the chapter page,
 * between its `<!-- retry-storm:start -->` and `<!-- retry-storm:end -->` markers.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import { ROOT } from '../core/root.ts';
import { PriorityQueue } from '../solutions/06-message-queues/priority-queue.ts';
import { GcraLimiter } from '../solutions/09-flow-control/rate-limiter.ts';
import { decideRetry } from '../solutions/09-flow-control/retry-policy.ts';
import type { BenchOptions } from './run.ts';

export const STRATEGIES = ['no jitter', 'full jitter', 'decorrelated jitter'] as const;
export type Strategy = (typeof STRATEGIES)[number];

const BASE_MS = 100;
const CAP_MS = 10_000;
const SERVER = { capacity: 10, refillPerSecond: 10 };

export interface StormResult {
  clients: number;
  strategy: Strategy;
  /** Mean over the runs. */
  calls: number;
  /** Mean over the runs, in seconds. */
  seconds: number;
}

/** A seeded uniform random source in [0, 1) (mulberry32). */
function seeded(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** The wait before retry number `attempt` (1 after the first failure) of one client. */
function backoff(strategy: Strategy, attempt: number, previous: number, random: () => number): number {
  switch (strategy) {
    case 'no jitter':
      return Math.min(CAP_MS, BASE_MS * 2 ** (attempt - 1));
    case 'full jitter': {
      const decision = decideRetry(attempt, { status: 429 }, { maxAttempts: Number.MAX_SAFE_INTEGER, baseDelayMs: BASE_MS, maxDelayMs: CAP_MS, random });
      if (!decision.retry) throw new Error(`decideRetry refused to retry a 429: ${decision.reason}`);
      return decision.delayMs;
    }
    case 'decorrelated jitter':
      // sleep = min(cap, random_between(base, sleep * 3)), starting from sleep = base.
      return Math.min(CAP_MS, BASE_MS + random() * (previous * 3 - BASE_MS));
  }
}

/** One run: every client starts at time 0 and retries until the server admits it. */
export function simulateOnce(clients: number, strategy: Strategy, seed: number): { calls: number; lastSuccessMs: number } {
  let now = 0;
  const server = new GcraLimiter({ ...SERVER, now: () => now });
  const random = seeded(seed);
  // Events: one client's next attempt, due at `at`. Earliest first: the queue serves the highest
  // priority, and equal priorities in the order they were queued.
  const events = new PriorityQueue<{ at: number; attempt: number; previous: number }>();
  for (let client = 0; client < clients; client++) events.enqueue({ at: 0, attempt: 1, previous: BASE_MS }, 0);
  let calls = 0;
  let lastSuccessMs = 0;
  for (let event = events.dequeue(); event; event = events.dequeue()) {
    now = event.at;
    calls++;
    if (server.tryAcquire('api').allowed) {
      lastSuccessMs = now;
      continue;
    }
    const wait = backoff(strategy, event.attempt, event.previous, random);
    events.enqueue({ at: now + wait, attempt: event.attempt + 1, previous: wait }, -(now + wait));
  }
  return { calls, lastSuccessMs };
}

export function simulate(clients: number, strategy: Strategy, runs = 20): StormResult {
  let calls = 0;
  let ms = 0;
  for (let run = 0; run < runs; run++) {
    const result = simulateOnce(clients, strategy, 1000 + run);
    calls += result.calls;
    ms += result.lastSuccessMs;
  }
  return { clients, strategy, calls: calls / runs, seconds: ms / runs / 1000 };
}

export const CLIENT_COUNTS = [25, 50, 100, 200, 400];

const STYLES: Record<Strategy, { dash: string; marker: (x: number, y: number) => string }> = {
  'no jitter': { dash: '', marker: (x, y) => `<circle cx="${x}" cy="${y}" r="3.5" fill="currentColor"/>` },
  'full jitter': { dash: '7 4', marker: (x, y) => `<rect x="${x - 3.5}" y="${y - 3.5}" width="7" height="7" fill="currentColor"/>` },
  'decorrelated jitter': { dash: '2 3', marker: (x, y) => `<path d="M${x} ${y - 4.5}L${x + 4.5} ${y + 3.5}L${x - 4.5} ${y + 3.5}Z" fill="currentColor"/>` },
};

/** A round axis maximum above `value`: 1, 2 or 5 times a power of ten. */
function niceMax(value: number): number {
  const power = 10 ** Math.floor(Math.log10(value));
  return [1, 2, 5, 10].map((m) => m * power).find((m) => m >= value)!;
}

function panel(results: StormResult[], pick: (r: StormResult) => number, title: string, left: number): string {
  const width = 290;
  const height = 190;
  const top = 58;
  const max = niceMax(Math.max(...results.map(pick)));
  const x = (i: number) => left + 40 + (i * (width - 60)) / (CLIENT_COUNTS.length - 1);
  const y = (v: number) => top + height - (v / max) * height;
  const parts = [`<text x="${left + 40}" y="${top - 14}" font-size="13" font-weight="600" fill="currentColor">${title}</text>`];
  for (let k = 0; k <= 4; k++) {
    const v = (max * k) / 4;
    parts.push(`<line x1="${left + 40}" x2="${left + width - 20}" y1="${y(v)}" y2="${y(v)}" stroke="currentColor" stroke-opacity="0.15"/>`);
    parts.push(`<text x="${left + 34}" y="${y(v) + 4}" font-size="11" text-anchor="end" fill="currentColor">${v.toLocaleString('en-US')}</text>`);
  }
  CLIENT_COUNTS.forEach((clients, i) => {
    parts.push(`<text x="${x(i)}" y="${top + height + 18}" font-size="11" text-anchor="middle" fill="currentColor">${clients}</text>`);
  });
  parts.push(`<text x="${left + 40 + (width - 60) / 2}" y="${top + height + 36}" font-size="11" text-anchor="middle" fill="currentColor">clients</text>`);
  for (const strategy of STRATEGIES) {
    const points = CLIENT_COUNTS.map((clients, i) => [x(i), y(pick(results.find((r) => r.clients === clients && r.strategy === strategy)!))] as const);
    const dash = STYLES[strategy].dash ? ` stroke-dasharray="${STYLES[strategy].dash}"` : '';
    parts.push(`<polyline points="${points.map(([px, py]) => `${px.toFixed(1)},${py.toFixed(1)}`).join(' ')}" fill="none" stroke="currentColor" stroke-width="2"${dash}/>`);
    for (const [px, py] of points) parts.push(STYLES[strategy].marker(Number(px.toFixed(1)), Number(py.toFixed(1))));
  }
  return parts.join('\n');
}

/** The chapter page's plot: total calls and completion time against the number of clients. */
export function retryStormSvg(results: StormResult[]): string {
  const legend = STRATEGIES.map((strategy, i) => {
    const lx = 40 + i * 200;
    const dash = STYLES[strategy].dash ? ` stroke-dasharray="${STYLES[strategy].dash}"` : '';
    return `<line x1="${lx}" x2="${lx + 34}" y1="14" y2="14" stroke="currentColor" stroke-width="2"${dash}/>${STYLES[strategy].marker(lx + 17, 14)}<text x="${lx + 42}" y="18" font-size="12" fill="currentColor">${strategy}</text>`;
  });
  const summary = 'Line charts of the retry-storm simulation. Left, total calls; right, seconds until the last client got through; for 25 to 400 clients. Without jitter both grow far faster than with full or decorrelated jitter.';
  return [
    '<figure>',
    `<svg viewBox="0 0 620 300" width="100%" role="img" aria-label="${summary}" xmlns="http://www.w3.org/2000/svg">`,
    ...legend,
    panel(results, (r) => r.calls, 'Total calls', 0),
    panel(results, (r) => r.seconds, 'Seconds until the last client got through', 310),
    '</svg>',
    '<figcaption>Mean of 20 seeded runs in virtual time; the table above has the numbers.</figcaption>',
    '</figure>',
  ].join('\n');
}

/** The chapter page's block: a Markdown table of the results, then the plot. */
export function retryStormPage(results: StormResult[]): string {
  const cell = (clients: number, strategy: Strategy) => {
    const r = results.find((x) => x.clients === clients && x.strategy === strategy)!;
    return `${Math.round(r.calls).toLocaleString('en-US')} | ${r.seconds.toFixed(1)} s`;
  };
  return [
    '| clients | no jitter: calls | time | full jitter: calls | time | decorrelated jitter: calls | time |',
    '|---:|---:|---:|---:|---:|---:|---:|',
    ...CLIENT_COUNTS.map((clients) => `| ${clients} | ${STRATEGIES.map((strategy) => cell(clients, strategy)).join(' | ')} |`),
    '',
    retryStormSvg(results),
  ].join('\n');
}

const PAGE = path.join(ROOT, 'chapters', '09-flow-control', 'README.md');
const START = '<!-- retry-storm:start -->';
const END = '<!-- retry-storm:end -->';

export default async function retryStormBench(_options: BenchOptions): Promise<void> {
  const results = CLIENT_COUNTS.flatMap((clients) => STRATEGIES.map((strategy) => simulate(clients, strategy)));
  if (process.argv.includes('--write-page')) {
    const page = readFileSync(PAGE, 'utf8');
    const from = page.indexOf(START);
    const to = page.indexOf(END);
    if (from < 0 || to < from) throw new Error(`${path.relative(ROOT, PAGE)} has no ${START} … ${END} block`);
    writeFileAtomic(PAGE, `${page.slice(0, from + START.length)}\n${retryStormPage(results)}\n${page.slice(to)}`);
    console.log(`wrote the retry-storm table and plot into ${path.relative(ROOT, PAGE)}`);
    return;
  }
  console.log('\nRetry storm: N clients at once against 10 requests/s (burst 10), backoff from 100 ms capped at 10 s, mean of 20 seeded runs');
  console.log(`  ${'clients'.padStart(7)}  ${STRATEGIES.map((s) => `${s} calls`.padStart(26) + `${'time'.padStart(9)}`).join('')}`);
  for (const clients of CLIENT_COUNTS) {
    const row = STRATEGIES.map((strategy) => {
      const r = results.find((x) => x.clients === clients && x.strategy === strategy)!;
      return `${Math.round(r.calls).toLocaleString('en-US').padStart(26)}${`${r.seconds.toFixed(1)} s`.padStart(9)}`;
    });
    console.log(`  ${String(clients).padStart(7)}  ${row.join('')}`);
  }
}
