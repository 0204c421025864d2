import { accessSync, constants } from 'node:fs';
import path from 'node:path';

/**
 * Where a program that can be started by name lives: the first executable file of that name in a
 * `PATH` folder (with a `PATHEXT` extension on Windows), or `undefined` when there is none.
 *
 * @example
 * findProgram('redis-server'); // '/usr/bin/redis-server', or undefined when it is not installed
 */
export function findProgram(program: string, env: NodeJS.ProcessEnv = process.env): string | undefined {
  const extensions = process.platform === 'win32' ? ['', ...(env.PATHEXT ?? '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of (env.PATH ?? '').split(path.delimiter).filter(Boolean)) {
    for (const extension of extensions) {
      const candidate = path.join(dir, program + extension);
      try {
        accessSync(candidate, constants.X_OK);
        return candidate;
      } catch {
        // Not in this folder.
      }
    }
  }
  return undefined;
}
