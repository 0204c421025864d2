/**
 * `npm start`: builds the docs site, then serves it on http://127.0.0.1:4173 (or the next free
 * port) until interrupted. `--no-build` serves the existing site/dist as it is.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { runMain } from '../core/run-main.ts';
import { startServer } from './lib/server.ts';
import { buildSite } from './lib/site.ts';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');

async function main(argv: string[]): Promise<number> {
  if (!argv.includes('--no-build')) {
    console.log('Building the docs site…');
    const result = await buildSite({ outDir: DIST });
    console.log(`Built ${result.pages.length} pages from ${result.chapters.length} chapters in ${(result.milliseconds / 1000).toFixed(1)}s.`);
  }
  const portArg = argv.find((a) => a.startsWith('--port='));
  const server = await startServer(DIST, portArg ? Number(portArg.slice('--port='.length)) : 4173);
  console.log(`\nThe workbook is at ${server.url}  (Ctrl+C stops the server)`);
  await new Promise<void>((resolve) => {
    const stop = (): void => {
      void server.close().then(resolve);
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  });
  return 0;
}

runMain(import.meta.url, main);
