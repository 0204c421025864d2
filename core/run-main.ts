import path from 'node:path';
import { pathToFileURL } from 'node:url';

/**
 * Runs `main` when the calling module is the process's entry point, exiting with its code.
 * An unexpected error prints its message (and cause) and exits 1, never a bare stack dump.
 */
export function runMain(moduleUrl: string, main: (argv: string[]) => Promise<number> | number): void {
  const entry = process.argv[1];
  if (!entry || pathToFileURL(path.resolve(entry)).href !== moduleUrl) return;
  Promise.resolve()
    .then(() => main(process.argv.slice(2)))
    .then(
      (code) => {
        process.exitCode = code;
      },
      (error: unknown) => {
        console.error(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
        if (error instanceof Error && error.cause) console.error('caused by:', error.cause);
        process.exitCode = 1;
      },
    );
}
