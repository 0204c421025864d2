/**
 * `npm run build [-- --no-api] [--site-url=https://…/]`: renders the docs site into site/dist/.
 * `--no-api` skips the typedoc API reference (a faster build while writing prose); `--site-url`
 * is the address the site will be published at, for canonical and OpenGraph links.
 */
import path from 'node:path';
import { parseCommand, runMain, UsageError } from '../core/run-main.ts';
import { buildSite } from './lib/site.ts';

const USAGE = 'npm run build [-- --no-api] [--site-url=https://…/]';

async function main(argv: string[]): Promise<number> {
  const { options, help } = parseCommand(argv, { usage: USAGE, options: { 'no-api': 'flag', 'site-url': 'value' } });
  if (help) {
    console.log(`Usage: ${USAGE}`);
    return 0;
  }
  const siteUrl = options['site-url'] === undefined ? undefined : String(options['site-url']);
  if (siteUrl !== undefined && !/^https?:\/\/[^/]+(\/.*)?$/.test(siteUrl)) throw new UsageError(`--site-url needs an http(s) address, got "${siteUrl}"`, USAGE);
  const result = await buildSite({ api: !options['no-api'], ...(siteUrl ? { siteUrl: siteUrl.endsWith('/') ? siteUrl : `${siteUrl}/` } : {}) });
  const where = path.relative(process.cwd(), result.outDir) || '.';
  console.log(
    `Built ${result.pages.length} pages (${result.chapters.length} chapters, ${result.searchRecords} search sections) into ${where}/ in ${(result.milliseconds / 1000).toFixed(1)}s.`,
  );
  return 0;
}

runMain(import.meta.url, main);
