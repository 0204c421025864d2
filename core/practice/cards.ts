import { readFileSync } from 'node:fs';
import { chapterFolders, loadChapters } from '../workbook.ts';
import { ROOT } from '../root.ts';

/**
 * Practice cards, read from the chapter pages: every `###` question under "## Interview
 * questions" is one card. Its front is the question; its back is the key-points container
 * written right under the heading; the four-part answer below it is the long form.
 *
 *     ### What is a visibility timeout, and how do you choose it?
 *
 *     ::: key-points
 *     - It is the lease length: how long a received message stays hidden.
 *     - …
 *     :::
 *
 *     #### Concept
 *
 * A card's id is `<chapter slug>/<heading slug>`, so moving prose around keeps a learner's
 * history; the chapter lint, the terminal and the site all read cards through this module.
 */

/** The marker line that opens the key-points container, and the one that closes it. */
export const KEY_POINTS_OPEN = '::: key-points';
export const CONTAINER_CLOSE = ':::';
export const MIN_KEY_POINTS = 3;
export const MAX_KEY_POINTS = 6;

/** One `::: key-points` container as written, for the lint to judge. */
export interface KeyPointsBlock {
  /** 1-based line of the opening marker. */
  line: number;
  /** The lines between the markers, as written. */
  lines: string[];
  /** False when the page ends before a closing `:::`. */
  closed: boolean;
  /** True when only blank lines separate the block from its question's heading. */
  underHeading: boolean;
}

/** One of the four parts of an answer: its `####` heading and its Markdown. */
export interface AnswerPart {
  title: string;
  markdown: string;
}

/** A question as it stands on the page, before any judgement of its key points. */
export interface QuestionSection {
  /** The heading's text, inline Markdown as written (backticks kept). */
  question: string;
  /** The heading's slug, the second half of the card id. */
  slug: string;
  /** 1-based line of the `###` heading. */
  line: number;
  keyPoints: KeyPointsBlock[];
  answer: AnswerPart[];
}

/** A chapter page's title and its interview questions. */
export interface ChapterQuestions {
  slug: string;
  title: string;
  questions: QuestionSection[];
  /** Key-points containers that are not under any interview question. */
  strayKeyPoints: KeyPointsBlock[];
}

/** One practice card. */
export interface PracticeCard {
  /** `<chapter slug>/<heading slug>`: stable while the question's wording is. */
  id: string;
  chapter: string;
  chapterTitle: string;
  /** The question, inline Markdown. */
  question: string;
  /** The heading's slug on the chapter page. */
  slug: string;
  /** 3–6 one-line points, inline Markdown. */
  keyPoints: string[];
  /** The four-part answer. */
  answer: AnswerPart[];
}

/**
 * Heading slugs as GitHub makes them (and the docs site, which follows GitHub): lower case,
 * punctuation removed, spaces to hyphens. Backticks count as punctuation, so a heading with
 * `code` in it has the same slug as its plain text.
 */
export function headingSlug(text: string): string {
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** The id of the card for a question heading in a chapter. */
export function cardId(chapter: string, question: string): string {
  return `${chapter}/${headingSlug(question)}`;
}

interface Line {
  text: string;
  /** Inside a fenced code block (the fence lines included). */
  fenced: boolean;
}

function scanLines(markdown: string): Line[] {
  const lines = markdown.split(/\r?\n/);
  const out: Line[] = [];
  let fence: string | undefined;
  for (const text of lines) {
    const marker = /^ {0,3}(`{3,}|~{3,})/.exec(text)?.[1];
    if (fence) {
      out.push({ text, fenced: true });
      if (marker && marker[0] === fence[0] && marker.length >= fence.length && text.trim() === marker) fence = undefined;
    } else if (marker) {
      fence = marker;
      out.push({ text, fenced: true });
    } else out.push({ text, fenced: false });
  }
  return out;
}

function headingAt(line: Line): { level: number; text: string } | undefined {
  if (line.fenced) return undefined;
  const match = /^(#{1,6})[ \t]+(.+?)[ \t#]*$/.exec(line.text);
  return match ? { level: match[1]!.length, text: match[2]!.trim() } : undefined;
}

/**
 * Reads a chapter page's interview questions: every `###` heading between "## Interview
 * questions" and the next `##`, with its key-points containers and its `####` answer parts.
 */
export function readChapterQuestions(slug: string, markdown: string): ChapterQuestions {
  const lines = scanLines(markdown);
  const title = lines.map(headingAt).find((h) => h?.level === 1)?.text ?? slug;
  const questions: QuestionSection[] = [];
  const strayKeyPoints: KeyPointsBlock[] = [];
  let inQuestions = false;
  let current: QuestionSection | undefined;
  let part: { title: string; lines: string[] } | undefined;
  let onlyBlankSinceHeading = false;

  const endPart = (): void => {
    if (current && part) current.answer.push({ title: part.title, markdown: part.lines.join('\n').trim() });
    part = undefined;
  };

  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    const heading = headingAt(line);
    if (heading && heading.level <= 3) {
      endPart();
      current = undefined;
      if (heading.level <= 2) inQuestions = heading.level === 2 && heading.text === 'Interview questions';
      else if (inQuestions) {
        current = { question: heading.text, slug: headingSlug(heading.text), line: i + 1, keyPoints: [], answer: [] };
        questions.push(current);
        onlyBlankSinceHeading = true;
      }
      continue;
    }
    if (heading && current) {
      endPart();
      part = { title: heading.text, lines: [] };
      onlyBlankSinceHeading = false;
      continue;
    }
    if (!line.fenced && line.text.trim() === KEY_POINTS_OPEN) {
      const block: KeyPointsBlock = { line: i + 1, lines: [], closed: false, underHeading: Boolean(current) && onlyBlankSinceHeading };
      for (i++; i < lines.length; i++) {
        if (lines[i]!.text.trim() === CONTAINER_CLOSE) {
          block.closed = true;
          break;
        }
        block.lines.push(lines[i]!.text);
      }
      (current ? current.keyPoints : strayKeyPoints).push(block);
      onlyBlankSinceHeading = false;
      continue;
    }
    if (line.text.trim() !== '') onlyBlankSinceHeading = false;
    part?.lines.push(line.text);
  }
  endPart();
  return { slug, title, questions, strayKeyPoints };
}

/** The points of a well-formed container: each `- ` line's text. */
export function keyPointsOf(block: KeyPointsBlock): string[] {
  return block.lines.filter((l) => l.trim() !== '').map((l) => l.replace(/^\s*[-*]\s+/, '').trim());
}

/**
 * Every card of the workbook, in chapter order then page order, each labelled with its
 * chapter's short title from the manifest (the page's `#` title when it has none). A question
 * without a well-formed key-points container has no back yet, so it is left out (the chapter
 * lint reports it to maintainers).
 */
export async function loadCards(root = ROOT): Promise<PracticeCard[]> {
  const titles = new Map((await loadChapters(root)).map((meta) => [meta.slug, meta.title]));
  return chapterFolders(root)
    .filter((folder) => folder.readme)
    .flatMap((folder) => cardsOf(readChapterQuestions(folder.slug, readFileSync(folder.readme!, 'utf8')), titles.get(folder.slug)));
}

/** The cards of one chapter page; `title` names the chapter (default: the page's `#` title). */
export function cardsOf(chapter: ChapterQuestions, title = chapter.title): PracticeCard[] {
  return chapter.questions.flatMap((q) => {
    const block = q.keyPoints[0];
    if (q.keyPoints.length !== 1 || !block?.closed) return [];
    const keyPoints = keyPointsOf(block);
    if (keyPoints.length === 0) return [];
    return [{ id: `${chapter.slug}/${q.slug}`, chapter: chapter.slug, chapterTitle: title, question: q.question, slug: q.slug, keyPoints, answer: q.answer }];
  });
}
