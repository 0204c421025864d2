import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { hintText } from '../../core/chapter-meta.ts';
import { loadExercises } from '../../core/workbook.ts';

/**
 * What a learner reads about an exercise (its title, summary, task titles and hints, and the
 * failure messages and test names of its suite) uses no word of the workbook's own making: a
 * reader who never saw the repository's internals must understand it.
 */
const JARGON: Array<[RegExp, string]> = [
  [/\bthe (concurrency )?kit\b/i, 'the kit (say "the interleaving explorer", or what it does)'],
  [/\bsource outline\b/i, 'the source outline (say what the naive version does)'],
  [/\bmutants?\b/i, 'mutant (say "a version with a bug")'],
  [/\bgraded suite\b/i, 'graded suite (say "the tests")'],
];

function jargonIn(text: string): string[] {
  return JARGON.filter(([pattern]) => pattern.test(text)).map(([, word]) => word);
}

describe('learner-facing text is in plain words', () => {
  it('exercise titles, summaries, task titles and hints', async () => {
    const found: string[] = [];
    for (const exercise of await loadExercises()) {
      const texts = [exercise.meta.title, exercise.meta.summary, ...exercise.meta.tasks.map((t) => t.title), ...exercise.meta.hints.map(hintText)];
      for (const text of texts) for (const word of jargonIn(text)) found.push(`${exercise.key}: ${word} in "${text.slice(0, 80)}…"`);
    }
    expect(found).toEqual([]);
  });

  it('the test names and messages of every graded suite', async () => {
    const found: string[] = [];
    for (const exercise of await loadExercises()) {
      const suite = readFileSync(exercise.suitePath, 'utf8');
      // String literals only: test names, describe titles, expect messages, thrown errors.
      for (const [literal] of suite.matchAll(/'(?:[^'\\\n]|\\.)*'|"(?:[^"\\\n]|\\.)*"|`(?:[^`\\]|\\.)*`/g)) {
        for (const word of jargonIn(literal)) found.push(`${exercise.key}: ${word} in ${literal.slice(0, 80)}`);
      }
    }
    expect(found).toEqual([]);
  });
});
