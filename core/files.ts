import { copyFileSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from './root.ts';

/** Writes a file through a temporary sibling and a rename, so a crash never leaves half a file. */
export function writeFileAtomic(file: string, content: string): void {
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.${Date.now()}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/**
 * Copies a learner's file to `.workbook/backups/<stamp>/<path relative to the root>` and
 * returns the copy's absolute path. Called before anything overwrites a learner's file.
 */
export function backupFile(file: string, stamp: string, root = ROOT): string {
  const target = path.join(root, '.workbook', 'backups', stamp, path.relative(root, file));
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(file, target);
  return target;
}
