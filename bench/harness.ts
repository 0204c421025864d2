/**
 * A small benchmark harness: contenders run side by side in one process, interleaved round by
 * round (rotating who goes first), so a noisy neighbour or a GC pause hurts them all alike.
 * Each contender reports the median of its rounds. Benchmarks print; they never assert.
 */
export interface Contender {
  name: string;
  /** Performs `ops` operations (synchronously or not). Called once per round. */
  run: (ops: number) => void | Promise<void>;
  /** Operations per round for this contender, when it is too slow for the common count. */
  ops?: number;
}

export interface BenchResult {
  name: string;
  opsPerSecond: number;
}

export interface RaceOptions {
  ops: number;
  rounds?: number;
  /** Untimed rounds first, so every contender is compiled by the JIT before it is measured. */
  warmup?: number;
}

export async function race(contenders: Contender[], options: RaceOptions): Promise<BenchResult[]> {
  const { ops, rounds = 7, warmup = 2 } = options;
  const samples = new Map<string, number[]>(contenders.map((c) => [c.name, []]));
  for (let round = 0; round < warmup + rounds; round++) {
    const order = contenders.map((_, i) => contenders[(i + round) % contenders.length]!);
    for (const contender of order) {
      const count = contender.ops ?? ops;
      const start = process.hrtime.bigint();
      await contender.run(count);
      const seconds = Number(process.hrtime.bigint() - start) / 1e9;
      if (round >= warmup) samples.get(contender.name)!.push(count / seconds);
    }
  }
  return contenders.map((c) => ({ name: c.name, opsPerSecond: median(samples.get(c.name)!) }));
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid]! : (sorted[mid - 1]! + sorted[mid]!) / 2;
}

/** Prints one table: ops/s per contender and its ratio to `baseline` (the first row by default). */
export function printTable(title: string, results: BenchResult[], baseline = results[0]?.name): void {
  const base = results.find((r) => r.name === baseline)?.opsPerSecond ?? 1;
  const width = Math.max(...results.map((r) => r.name.length), 10);
  console.log(`\n${title}`);
  console.log(`  ${'contender'.padEnd(width)}  ${'ops/s'.padStart(14)}  ${`vs ${baseline}`.padStart(12)}`);
  for (const r of results) {
    const ratio = r.opsPerSecond / base;
    console.log(`  ${r.name.padEnd(width)}  ${formatRate(r.opsPerSecond).padStart(14)}  ${`${ratio >= 10 ? ratio.toFixed(0) : ratio.toFixed(2)}x`.padStart(12)}`);
  }
}

export function formatRate(opsPerSecond: number): string {
  if (opsPerSecond >= 1e6) return `${(opsPerSecond / 1e6).toFixed(2)}M`;
  if (opsPerSecond >= 1e3) return `${(opsPerSecond / 1e3).toFixed(1)}k`;
  return opsPerSecond.toFixed(0);
}
