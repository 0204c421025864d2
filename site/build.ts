/**
 * `npm run build [-- --no-api]`: renders the docs site into site/dist/.
 * `--no-api` skips the typedoc API reference (a faster build while writing prose).
 */
import path from 'node:path';
import { runMain } from '../core/run-main.ts';
import { buildSite } from './lib/site.ts';

async function main(argv: string[]): Promise<number> {
  const result = await buildSite({ api: !argv.includes('--no-api') });
  const where = path.relative(process.cwd(), result.outDir) || '.';
  console.log(
    `Built ${result.pages.length} pages (${result.chapters.length} chapters, ${result.searchRecords} search sections) into ${where}/ in ${(result.milliseconds / 1000).toFixed(1)}s.`,
  );
  return 0;
}

runMain(import.meta.url, main);
