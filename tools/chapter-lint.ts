import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { ChapterMeta } from '../core/chapter-meta.ts';
import { ListingError, syncExercisesBlock, syncListings } from './listings.ts';
import { KEY_POINTS_OPEN, MAX_KEY_POINTS, MIN_KEY_POINTS, readChapterQuestions, type ChapterQuestions } from '../core/practice/cards.ts';
import { ROOT } from '../core/root.ts';

/** The H2 sections every chapter page has, in this order (other sections may sit between them). */
export const REQUIRED_SECTIONS = ['Learning goals', 'In real LLM systems', 'Pitfalls', 'Interview questions', 'Exercises', 'Further reading'];
/** The four parts of every interview answer, as H4 headings that start with these words. */
export const ANSWER_PARTS = ['Concept', 'Real-world scenario', 'Code walkthrough', 'Extensions'];
export const MIN_QUESTIONS = 6;
export const MIN_SOURCES = 3;

/** The problems with one chapter page: structure, interview answers, stale generated parts. */
export function lintChapter(chapter: ChapterMeta, root = ROOT): string[] {
  const file = path.join(root, 'chapters', chapter.slug, 'README.md');
  const where = `chapters/${chapter.slug}/README.md`;
  if (!existsSync(file)) return [`${where} is missing`];
  const markdown = readFileSync(file, 'utf8');
  const problems: string[] = [];
  const prose = markdown.replace(/^(`{3,})[^\n]*\n[\s\S]*?^\1[ \t]*$/gm, '');
  const headings = [...prose.matchAll(/^(#{1,6})[ \t]+(.+?)[ \t]*$/gm)].map((m) => ({ level: m[1]!.length, text: m[2]!, index: m.index! }));
  if (headings.filter((h) => h.level === 1).length !== 1) problems.push(`${where}: expected exactly one # title`);
  const isGettingStarted = chapter.slug.startsWith('00-');
  const required = isGettingStarted ? ['Exercises'] : REQUIRED_SECTIONS;
  let last = -1;
  for (const name of required) {
    const at = headings.findIndex((h) => h.level === 2 && h.text === name);
    if (at < 0) problems.push(`${where}: missing the section "## ${name}"`);
    else if (at < last) problems.push(`${where}: "## ${name}" is out of order (expected: ${required.join(', ')})`);
    else last = at;
  }
  if (!isGettingStarted) {
    const qStart = headings.findIndex((h) => h.level === 2 && h.text === 'Interview questions');
    const qEnd = headings.findIndex((h, i) => i > qStart && h.level === 2);
    const inQuestions = qStart < 0 ? [] : headings.slice(qStart + 1, qEnd < 0 ? undefined : qEnd);
    const questions = inQuestions.filter((h) => h.level === 3);
    if (questions.length < MIN_QUESTIONS) problems.push(`${where}: ${questions.length} interview question(s), at least ${MIN_QUESTIONS} needed`);
    questions.forEach((question) => {
      const i = inQuestions.indexOf(question);
      const next = inQuestions.findIndex((h, j) => j > i && h.level <= 3);
      const parts = inQuestions.slice(i + 1, next < 0 ? undefined : next).filter((h) => h.level === 4).map((h) => h.text);
      const ok = parts.length === ANSWER_PARTS.length && ANSWER_PARTS.every((part, k) => parts[k]!.startsWith(part));
      if (!ok) problems.push(`${where}: "${question.text}" needs four parts: ${ANSWER_PARTS.map((p) => `#### ${p}…`).join(', ')} (has: ${parts.join(', ') || 'none'})`);
    });
    const reading = headings.findIndex((h) => h.level === 2 && h.text === 'Further reading');
    if (reading >= 0) {
      const after = prose.slice(headings[reading]!.index);
      const links = [...after.matchAll(/\]\((https?:\/\/[^)\s]+)\)/g)].length;
      if (links < MIN_SOURCES) problems.push(`${where}: "## Further reading" cites ${links} source(s), at least ${MIN_SOURCES} needed`);
    }
  }
  problems.push(...keyPointProblems(readChapterQuestions(chapter.slug, markdown), where));
  try {
    if (syncListings(markdown, root) !== markdown) problems.push(`${where}: a code listing differs from its source; run npm run listings`);
    if (syncExercisesBlock(markdown, chapter) !== markdown) problems.push(`${where}: the exercises block is out of date; run npm run listings`);
  } catch (error) {
    if (error instanceof ListingError) problems.push(`${where}: ${error.message}`);
    else throw error;
  }
  return problems;
}

/**
 * The key points of every interview question (the back of its practice card): exactly one
 * `::: key-points` container right under the question's heading, holding 3 to 6 points, each
 * one line starting with `- `.
 */
export function keyPointProblems(chapter: ChapterQuestions, where: string): string[] {
  const problems: string[] = [];
  const shape = `a "${KEY_POINTS_OPEN}" container right under its heading, with ${MIN_KEY_POINTS}–${MAX_KEY_POINTS} points of one line each`;
  for (const question of chapter.questions) {
    const at = `${where}:${question.line}: "${question.question}"`;
    if (question.keyPoints.length === 0) {
      problems.push(`${at} has no key points; add ${shape}`);
      continue;
    }
    if (question.keyPoints.length > 1) {
      problems.push(`${at} has ${question.keyPoints.length} key-points containers; keep exactly one, right under its heading`);
      continue;
    }
    const block = question.keyPoints[0]!;
    if (!block.underHeading) problems.push(`${at}: its key points must come right under the heading, before "#### Concept"`);
    if (!block.closed) {
      problems.push(`${where}:${block.line}: the key-points container of "${question.question}" is never closed with ":::"`);
      continue;
    }
    const points = block.lines.filter((line) => line.trim() !== '');
    block.lines.forEach((line, i) => {
      const lineNo = block.line + 1 + i;
      if (line.trim() === '') problems.push(`${where}:${lineNo}: a blank line inside the key points of "${question.question}"; write the points as one list`);
      else if (!/^- \S/.test(line)) problems.push(`${where}:${lineNo}: each key point is one line starting with "- " (this line continues or breaks the list): ${line.trim().slice(0, 60)}`);
    });
    if (points.length < MIN_KEY_POINTS || points.length > MAX_KEY_POINTS) {
      problems.push(`${at} has ${points.length} key point(s); ${MIN_KEY_POINTS} to ${MAX_KEY_POINTS} are needed`);
    }
  }
  for (const block of chapter.strayKeyPoints) {
    problems.push(`${where}:${block.line}: a key-points container outside the interview questions; it belongs right under a "###" question heading`);
  }
  return problems;
}
