import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../core/root.ts';

/**
 * A scratch workbook for the practice command's tests: two chapter pages with a few interview
 * questions each (no exercises), in `.workbook/tmp/` (git-ignored). The command is pointed at it
 * with `WORKBOOK_ROOT` and `WORKBOOK_TARGET`, so a learner's own practice state is never touched.
 */
export interface PracticeScratch {
  root: string;
  /** `.workbook/` of the scratch workbook: practice.json, mock/, the Anki export. */
  stateDir: string;
  env: NodeJS.ProcessEnv;
  /** Rewrites one chapter page. */
  writePage(slug: string, markdown: string): void;
  remove(): void;
}

export interface ScratchQuestion {
  question: string;
  points: string[];
}

/** A chapter page in the workbook's shape, with the given interview questions. */
export function chapterPage(title: string, questions: ScratchQuestion[]): string {
  const answer = (n: number): string =>
    `#### Concept\n\nThe concept of answer ${n}, with \`code\`.\n\n#### Real-world scenario\n\nA scenario.\n\n#### Code walkthrough\n\n\`\`\`ts\nconst answer = ${n};\n\`\`\`\n\n#### Extensions: performance and reliability\n\n- one extension\n- another extension\n`;
  const body = questions
    .map((q, i) => `### ${q.question}\n\n::: key-points\n${q.points.map((p) => `- ${p}`).join('\n')}\n:::\n\n${answer(i + 1)}`)
    .join('\n');
  return `# ${title}\n\n## Learning goals\n\nGoals.\n\n## Interview questions\n\n${body}\n## Further reading\n\n- [A source](https://example.org/)\n`;
}

export const ALPHA: ScratchQuestion[] = [
  { question: 'What is a visibility timeout?', points: ['It is the lease length.', 'Too short duplicates work.', 'Too long delays recovery.'] },
  { question: 'What is a dead-letter queue?', points: ['Where given-up messages go.', 'It isolates poison messages.', 'Alert on its depth.'] },
];

export const BETA: ScratchQuestion[] = [
  { question: 'What is backpressure?', points: ['The slow end limits the fast end.', 'A bounded buffer plus a signal.', 'HTTP 429 is one form.', '`write()` returns false until drain.'] },
];

export function makePracticeScratch(name: string): PracticeScratch {
  const base = path.join(ROOT, '.workbook', 'tmp');
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(path.join(base, `${name}-`));
  const writePage = (slug: string, markdown: string): void => {
    mkdirSync(path.join(root, 'chapters', slug), { recursive: true });
    writeFileSync(path.join(root, 'chapters', slug, 'README.md'), markdown);
  };
  writePage('01-alpha', chapterPage('Alpha: queues', ALPHA));
  writePage('02-beta', chapterPage('Beta: flow', BETA));
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBOOK_ROOT: root, WORKBOOK_TARGET: path.join(root, 'chapters'), NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  return { root, stateDir: path.join(root, '.workbook'), env, writePage, remove: () => rmSync(root, { recursive: true, force: true }) };
}
