import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { HintMeta, Requirement } from '../../core/chapter-meta.ts';
import { generateStub } from '../../core/stub-generator.ts';
import { ROOT } from '../../core/root.ts';

/**
 * A scratch workbook for the CLI's tests: one chapter, `90-broken`, whose exercises all reuse the
 * warm-up's contract, graded suite and reference solution, each with a different learner file
 * (a fixture from test/cli/fixtures/, the reference, a pristine stub, or nothing). It lives in
 * `.workbook/tmp/` (git-ignored, outside the typecheck), and the CLI is pointed at it with
 * `WORKBOOK_ROOT` and `WORKBOOK_TARGET`, so a learner's real files are never touched.
 */
export interface ScratchCase {
  id: string;
  /** The learner's file: a fixture name, the reference solution, the pristine stub, or none. */
  learner: { fixture: string } | 'solution' | 'stub' | 'none';
  /** Extra tests appended to this exercise's copy of the warm-up suite. */
  extraTests?: string;
  /** Other files to place in the chapter folder (a renamed exercise file). */
  strays?: string[];
  /** The hint ladder (three plain hints by default). */
  hints?: HintMeta[];
  /** System programs the exercise declares it needs. */
  requires?: Requirement[];
}

export interface ScratchWorkbook {
  root: string;
  chapters: string;
  env: NodeJS.ProcessEnv;
  learnerFile(id: string): string;
  remove(): void;
}

export const SLUG = '90-broken';
const WARM_UP = '00-getting-started/envelope';

export function makeScratchWorkbook(name: string, cases: ScratchCase[]): ScratchWorkbook {
  const base = path.join(ROOT, '.workbook', 'tmp');
  mkdirSync(base, { recursive: true });
  const root = mkdtempSync(path.join(base, `${name}-`));
  const chapters = path.join(root, 'chapters');
  const testDir = path.join(root, 'test', SLUG);
  mkdirSync(path.join(chapters, SLUG), { recursive: true });
  mkdirSync(path.join(root, 'solutions', SLUG), { recursive: true });
  mkdirSync(testDir, { recursive: true });
  const solution = readFileSync(path.join(ROOT, 'solutions', `${WARM_UP}.ts`), 'utf8');
  const suite = readFileSync(path.join(ROOT, 'test', `${WARM_UP}.test.ts`), 'utf8');
  const warmUp = { tasks: [
    { title: 'header and body', points: 2 },
    { title: 'rejects a missing type', points: 1 },
    { title: 'reads the body of the expected type', points: 2 },
  ] };
  const exercises = cases.map((c) => ({
    id: c.id,
    title: `Scratch exercise ${c.id}`,
    difficulty: 'warm-up',
    summary: 'A copy of the warm-up exercise with a particular learner file.',
    tasks: warmUp.tasks,
    hints: c.hints ?? ['The first hint.', 'The second hint.', 'The third hint.'],
    ...(c.requires ? { requires: c.requires } : {}),
  }));
  writeFileSync(path.join(chapters, SLUG, 'chapter.ts'), `export default ${JSON.stringify({ slug: SLUG, title: 'Broken learner files', exercises }, null, 2)};\n`);
  for (const c of cases) {
    const learnerFile = path.join(chapters, SLUG, `${c.id}.ts`);
    writeFileSync(path.join(root, 'solutions', SLUG, `${c.id}.ts`), solution);
    const ownSuite = suite.replace(`@workbook/${WARM_UP}`, `@workbook/${SLUG}/${c.id}`) + (c.extraTests ?? '');
    writeFileSync(path.join(testDir, `${c.id}.test.ts`), ownSuite);
    if (c.learner === 'solution') writeFileSync(learnerFile, solution);
    else if (c.learner === 'stub') writeFileSync(learnerFile, generateStub(solution, { solutionPath: `solutions/${SLUG}/${c.id}.ts`, exerciseId: `${SLUG}/${c.id}` }));
    else if (c.learner !== 'none') copyFileSync(path.join(ROOT, 'test', 'cli', 'fixtures', `${c.learner.fixture}.ts.txt`), learnerFile);
    for (const stray of c.strays ?? []) writeFileSync(path.join(chapters, SLUG, stray), solution);
  }
  const env: NodeJS.ProcessEnv = { ...process.env, WORKBOOK_ROOT: root, WORKBOOK_TARGET: chapters, NO_COLOR: '1' };
  for (const key of ['WORKBOOK_RESULTS', 'WORKBOOK_OVERRIDES', 'WORKBOOK_CHECK_PLAN', 'WORKBOOK_GRADE_RUN', 'FORCE_COLOR', 'COLUMNS']) delete env[key];
  return {
    root,
    chapters,
    env,
    learnerFile: (id) => path.join(chapters, SLUG, `${id}.ts`),
    remove: () => rmSync(root, { recursive: true, force: true }),
  };
}
