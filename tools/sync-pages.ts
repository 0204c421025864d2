/**
 * `npm run listings [-- <chapter>]`: refreshes the generated parts of chapter pages (code
 * listings from their sources, the exercises block from chapter.ts). Written prose is untouched.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import { syncExercisesBlock, syncListings } from './listings.ts';
import { parseCommand, runMain, UsageError } from '../core/run-main.ts';
import { ROOT } from '../core/root.ts';
import { loadChapters } from '../core/workbook.ts';

const LISTINGS_USAGE = 'npm run listings [-- <chapter>]';

async function main(argv: string[]): Promise<number> {
  const { positionals, help } = parseCommand(argv, { usage: LISTINGS_USAGE, positionals: { max: 1 } });
  if (help) {
    console.log(`Usage: ${LISTINGS_USAGE}`);
    return 0;
  }
  const filter = positionals[0];
  const chapters = (await loadChapters()).filter((c) => !filter || c.slug === filter || c.slug.startsWith(`${filter}-`));
  if (filter && chapters.length === 0) throw new UsageError(`No chapter matches "${filter}". Try one such as 06-message-queues.`, LISTINGS_USAGE);
  for (const chapter of chapters) {
    const file = path.join(ROOT, 'chapters', chapter.slug, 'README.md');
    const before = readFileSync(file, 'utf8');
    const after = syncExercisesBlock(syncListings(before), chapter);
    if (after !== before) {
      writeFileAtomic(file, after);
      console.log(`updated chapters/${chapter.slug}/README.md`);
    }
  }
  console.log(`${chapters.length} chapter page(s) checked.`);
  return 0;
}

runMain(import.meta.url, main);
