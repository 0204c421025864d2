/**
 * `npm start`: builds the docs site, then serves it on http://127.0.0.1:4173 (or the next free
 * port) until interrupted. `--no-build` serves the existing site/dist as it is.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseCommand, runMain, UsageError } from '../core/run-main.ts';
import { startServer } from './lib/server.ts';
import { buildSite } from './lib/site.ts';

const DIST = path.join(path.dirname(fileURLToPath(import.meta.url)), 'dist');
const USAGE = 'npm start [-- --no-build] [--port=4173]';

async function main(argv: string[]): Promise<number> {
  const { options, help } = parseCommand(argv, { usage: USAGE, options: { 'no-build': 'flag', port: 'value' } });
  if (help) {
    console.log(`Usage: ${USAGE}`);
    return 0;
  }
  const port = options.port === undefined ? 4173 : Number(options.port);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new UsageError(`--port needs a port number from 0 to 65535, got "${String(options.port)}"`, USAGE);
  if (!options['no-build']) {
    console.log('Building the docs site…');
    const result = await buildSite({ outDir: DIST });
    console.log(`Built ${result.pages.length} pages from ${result.chapters.length} chapters in ${(result.milliseconds / 1000).toFixed(1)}s.`);
  }
  const server = await startServer(DIST, port);
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
