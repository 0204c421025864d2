/**
 * `npm run bench [-- <name>]`: runs every `bench/*.bench.ts` (or those whose name contains the
 * filter). Each file's default export runs its contenders side by side and prints a table.
 * `--quick` runs fewer operations, for a fast look.
 */
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { ROOT } from '../core/root.ts';
import { runMain } from '../core/run-main.ts';

export interface BenchOptions {
  quick: boolean;
}

async function main(argv: string[]): Promise<number> {
  const quick = argv.includes('--quick');
  const filter = argv.find((a) => !a.startsWith('--'));
  const dir = path.join(ROOT, 'bench');
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.bench.ts') && (!filter || f.includes(filter)))
    .sort();
  if (files.length === 0) {
    console.error(filter ? `No benchmark matches "${filter}".` : 'No benchmarks found.');
    return 2;
  }
  console.log(`Node ${process.version} on ${process.platform}/${process.arch}${quick ? ' (quick run)' : ''}`);
  for (const file of files) {
    const module = (await import(pathToFileURL(path.join(dir, file)).href)) as { default: (o: BenchOptions) => Promise<void> };
    await module.default({ quick });
  }
  return 0;
}

runMain(import.meta.url, main);
