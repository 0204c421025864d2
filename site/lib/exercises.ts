import { hintText } from '../../core/chapter-meta.ts';
import type { Exercise } from '../../core/workbook.ts';
import type { CodeHighlighter } from './highlight.ts';
import { escapeHtml } from './html.ts';
import { codeBlock, type Markdown, sourcePage } from './markdown.ts';

/**
 * Exercise cards: what a chapter page shows in place of the generated exercises block.
 * Each card gives the difficulty, the points per task, the file to edit, the command that grades
 * it, the hint ladder behind a disclosure and the reference solution behind a spoiler.
 *
 * The spoiler holds a link to the solution's source view rather than the solution itself: the
 * page's script fetches the code from there the first time the spoiler is opened. A chapter's
 * reference solutions, highlighted, weigh about as much as the rest of its page, and most readers
 * never open them; without a script the link still leads to the code.
 */

export const EXERCISES_START = '<!-- exercises:start -->';
export const EXERCISES_END = '<!-- exercises:end -->';
/** What the generated block becomes before rendering; replaced by the cards afterwards. */
export const CARDS_PLACEHOLDER = '<!-- exercise-cards -->';

/** The id of an exercise card's heading, unique on its chapter page. */
export function exerciseAnchor(exercise: Exercise): string {
  return `exercise-${exercise.meta.id}`;
}

/** The page of an exercise's API reference. */
export function apiPage(exercise: Exercise): string {
  return `api-${exercise.chapter.slug}-${exercise.meta.id}.html`;
}

/**
 * Replaces the generated block with a placeholder, keeping the same number of lines so that
 * line numbers in build errors still point into the README.
 */
export function stripExercisesBlock(markdown: string): string {
  const start = markdown.indexOf(EXERCISES_START);
  const end = markdown.indexOf(EXERCISES_END);
  if (start < 0 || end < start) return markdown;
  const block = markdown.slice(start, end + EXERCISES_END.length);
  const padding = '\n'.repeat(block.split('\n').length - 1);
  return `${markdown.slice(0, start)}${CARDS_PLACEHOLDER}${padding}${markdown.slice(end + EXERCISES_END.length)}`;
}

export function totalPoints(exercise: Exercise): number {
  return exercise.meta.tasks.reduce((sum, task) => sum + task.points, 0);
}

/** The cards of a chapter's exercises; the files they link to are added to `sources`. */
export function renderCards(exercises: Exercise[], md: Markdown, highlighter: CodeHighlighter, withApi: boolean, sources: Set<string>): string {
  for (const exercise of exercises) sources.add(`chapters/${exercise.key}.ts`).add(`solutions/${exercise.key}.ts`);
  return exercises.map((exercise, i) => renderCard(exercise, i + 1, md, highlighter, withApi)).join('\n');
}

function renderCard(exercise: Exercise, number: number, md: Markdown, highlighter: CodeHighlighter, withApi: boolean): string {
  const { meta } = exercise;
  const stub = `chapters/${exercise.key}.ts`;
  const solution = `solutions/${exercise.key}.ts`;
  const id = exerciseAnchor(exercise);
  const tasks = meta.tasks
    .map((task) => `<tr><td>${md.renderInline(task.title)}</td><td class="points">${task.points}</td></tr>`)
    .join('');
  const hints = meta.hints.map((hint) => `<li>${md.renderInline(hintText(hint))}</li>`).join('');
  const grade = highlighter.highlight(`npm run grade -- ${exercise.key}\nnpm run workbook -- hint ${meta.id}`, 'sh');
  const total = totalPoints(exercise);
  return `<section class="exercise-card" aria-labelledby="${id}">
<h3 id="${id}"><a class="header-anchor" href="#${id}">Exercise ${number}: ${md.renderInline(meta.title)}</a></h3>
<p class="badges"><span class="badge difficulty-${meta.difficulty}">${escapeHtml(meta.difficulty)}</span> <span class="badge">${total} point${total === 1 ? '' : 's'}</span></p>
<p>${md.renderInline(meta.summary)}</p>
<dl class="exercise-facts">
<dt>Edit</dt><dd><a href="${escapeHtml(sourcePage(stub))}"><code>${escapeHtml(stub)}</code></a>${withApi ? ` · <a href="${escapeHtml(apiPage(exercise))}">API reference</a>` : ''}</dd>
<dt>Grade</dt><dd>${codeBlock(grade)}</dd>
</dl>
<div class="table-wrap"><table class="tasks"><caption>Graded tasks</caption><thead><tr><th scope="col">Task</th><th scope="col">Points</th></tr></thead><tbody>${tasks}</tbody></table></div>
<details class="hints"><summary>Hints (${meta.hints.length}), gentlest first</summary><ol>${hints}</ol></details>
<details class="spoiler" data-solution="${escapeHtml(sourcePage(solution))}"><summary>Reference solution</summary>
<p class="spoiler-warning"><strong>Spoiler.</strong> This is the complete answer. You learn far more by getting the tests to pass yourself first; <code>npm run grade -- ${escapeHtml(exercise.key)}</code> tells you which task to work on next.</p>
<p class="solution-link"><a href="${escapeHtml(sourcePage(solution))}">Read the reference solution: <code>${escapeHtml(solution)}</code></a></p>
</details>
</section>`;
}
