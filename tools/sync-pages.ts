/**
 * `npm run listings [-- <chapter>]`: refreshes the generated parts of chapter pages (code
 * listings from their sources, the exercises block from chapter.ts). Written prose is untouched.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../core/files.ts';
import { syncExercisesBlock, syncListings } from './listings.ts';
import { runMain } from '../core/run-main.ts';
import { ROOT } from '../core/root.ts';
import { loadChapters } from '../core/workbook.ts';

async function main(argv: string[]): Promise<number> {
  const filter = argv[0];
  const chapters = (await loadChapters()).filter((c) => !filter || c.slug === filter || c.slug.startsWith(`${filter}-`));
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
