import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../core/root.ts';
import type { SiteInfo } from './layout.ts';

/**
 * What the footer of every page says about the build: the workbook's version and the commit the
 * site was built from (with a note when tracked files had uncommitted changes). A root without a
 * package.json (a test fixture) takes the workbook's version; outside a git checkout there is
 * no commit to name.
 */
export function buildInfo(root: string, url?: string): SiteInfo {
  const manifest = [path.join(root, 'package.json'), path.join(ROOT, 'package.json')].find((file) => existsSync(file))!;
  const { version } = JSON.parse(readFileSync(manifest, 'utf8')) as { version: string };
  const git = (...args: string[]): { ok: boolean; out: string } => {
    const run = spawnSync('git', ['-C', root, ...args], { encoding: 'utf8' });
    return { ok: run.status === 0, out: (run.stdout ?? '').trim() };
  };
  const head = git('rev-parse', '--short=12', 'HEAD');
  if (!head.ok) return { version, ...(url ? { url } : {}) };
  const status = git('status', '--porcelain', '--untracked-files=no');
  return { version, commit: head.out, modified: status.ok && status.out !== '', ...(url ? { url } : {}) };
}
