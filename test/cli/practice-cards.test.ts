import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { cardId, cardsOf, headingSlug, loadCards, readChapterQuestions } from '../../core/practice/cards.ts';
import { chapterFolders } from '../../core/workbook.ts';
import { githubSlug } from '../../site/lib/markdown.ts';
import { keyPointProblems } from '../../tools/chapter-lint.ts';

/** Cards read from chapter pages, and the chapter lint's rules for their key points. */

const page = (questions: string): string => `# A chapter\n\n## Learning goals\n\nGoals.\n\n## Interview questions\n\n${questions}\n## Exercises\n\nNone.\n`;
const parts = '#### Concept\n\nC.\n\n#### Real-world scenario\n\nR.\n\n#### Code walkthrough\n\nW.\n\n#### Extensions: performance and reliability\n\nE.\n';
const good = (question: string, points = ['One.', 'Two.', 'Three.']): string => `### ${question}\n\n::: key-points\n${points.map((p) => `- ${p}`).join('\n')}\n:::\n\n${parts}\n`;
const problems = (markdown: string): string[] => keyPointProblems(readChapterQuestions('01-x', markdown), 'chapters/01-x/README.md');

describe('reading cards from a chapter page', () => {
  it('reads each question with its key points and its four answer parts', () => {
    const chapter = readChapterQuestions('01-x', page(good('What is `a` queue?') + good('Why?', ['A.', 'B.', 'C.', 'D.'])));
    const cards = cardsOf(chapter);
    expect(cards.map((c) => c.id)).toEqual(['01-x/what-is-a-queue', '01-x/why']);
    expect(cards[0]).toMatchObject({ chapter: '01-x', chapterTitle: 'A chapter', question: 'What is `a` queue?', keyPoints: ['One.', 'Two.', 'Three.'] });
    expect(cards[0]!.answer.map((p) => [p.title, p.markdown])).toEqual([
      ['Concept', 'C.'],
      ['Real-world scenario', 'R.'],
      ['Code walkthrough', 'W.'],
      ['Extensions: performance and reliability', 'E.'],
    ]);
    expect(cards[1]!.keyPoints).toHaveLength(4);
  });

  it('ignores headings and containers inside code fences, and questions outside "Interview questions"', () => {
    const fenced = '### Fenced?\n\n::: key-points\n- In.\n- A.\n- Block.\n:::\n\n#### Concept\n\n````md\n### Not a question\n::: key-points\n- no\n:::\n````\n\n#### Real-world scenario\n\nR.\n';
    const markdown = `# T\n\n## Learning goals\n\n### Not a card\n\n## Interview questions\n\n${fenced}\n## Further reading\n\n### Nor this\n`;
    const chapter = readChapterQuestions('01-x', markdown);
    expect(chapter.questions.map((q) => q.question)).toEqual(['Fenced?']);
    expect(chapter.questions[0]!.keyPoints).toHaveLength(1);
    expect(chapter.questions[0]!.answer[0]!.markdown).toContain('### Not a question');
    expect(chapter.strayKeyPoints).toEqual([]);
  });

  it('gives a card ids the way GitHub and the site slug headings', () => {
    expect(cardId('04-async', 'In what order does Node.js run `process.nextTick`, promises and `setImmediate`?')).toBe(
      '04-async/in-what-order-does-nodejs-run-processnexttick-promises-and-setimmediate',
    );
    for (const folder of chapterFolders().filter((f) => f.readme)) {
      for (const q of readChapterQuestions(folder.slug, readFileSync(folder.readme!, 'utf8')).questions) {
        expect(headingSlug(q.question), q.question).toBe(githubSlug(q.question));
      }
    }
  });

  it('makes a card of every interview question of the workbook', async () => {
    const cards = await loadCards();
    const questions = chapterFolders()
      .filter((f) => f.readme)
      .flatMap((f) => readChapterQuestions(f.slug, readFileSync(f.readme!, 'utf8')).questions.map((q) => `${f.slug}/${q.slug}`));
    expect(cards.map((c) => c.id)).toEqual(questions);
    expect(cards.length).toBeGreaterThanOrEqual(52);
    expect(new Set(cards.map((c) => c.id)).size, 'card ids are unique').toBe(cards.length);
  });
});

describe('the chapter lint on key points', () => {
  it('accepts one container of 3 to 6 one-line points right under each question', () => {
    expect(problems(page(good('One?') + good('Six?', ['1.', '2.', '3.', '4.', '5.', '6.'])))).toEqual([]);
  });

  it('requires a container under every question', () => {
    expect(problems(page(`### Bare?\n\n${parts}`))).toEqual([
      'chapters/01-x/README.md:9: "Bare?" has no key points; add a "::: key-points" container right under its heading, with 3–6 points of one line each',
    ]);
  });

  it('requires exactly one container', () => {
    expect(problems(page(good('Twice?').replace('#### Concept', '::: key-points\n- a\n- b\n- c\n:::\n\n#### Concept')))).toEqual([
      'chapters/01-x/README.md:9: "Twice?" has 2 key-points containers; keep exactly one, right under its heading',
    ]);
  });

  it('requires the container right under the heading', () => {
    const late = page(`### Late?\n\nSome prose first.\n\n::: key-points\n- a\n- b\n- c\n:::\n\n${parts}`);
    expect(problems(late)).toEqual(['chapters/01-x/README.md:9: "Late?": its key points must come right under the heading, before "#### Concept"']);
  });

  it('requires 3 to 6 points', () => {
    expect(problems(page(good('Few?', ['a', 'b'])))).toEqual(['chapters/01-x/README.md:9: "Few?" has 2 key point(s); 3 to 6 are needed']);
    expect(problems(page(good('Many?', ['1', '2', '3', '4', '5', '6', '7'])))).toEqual(['chapters/01-x/README.md:9: "Many?" has 7 key point(s); 3 to 6 are needed']);
  });

  it('requires each point on one line, and the container closed', () => {
    const wrapped = page('### Wrapped?\n\n::: key-points\n- one\n  continued\n- two\n- three\n:::\n\n' + parts);
    expect(problems(wrapped)).toEqual(['chapters/01-x/README.md:13: each key point is one line starting with "- " (this line continues or breaks the list): continued']);
    const blank = page('### Blank?\n\n::: key-points\n- one\n\n- two\n- three\n:::\n\n' + parts);
    expect(problems(blank)).toEqual(['chapters/01-x/README.md:13: a blank line inside the key points of "Blank?"; write the points as one list']);
    const open = page('### Open?\n\n::: key-points\n- one\n- two\n- three\n');
    expect(problems(open)).toEqual(['chapters/01-x/README.md:11: the key-points container of "Open?" is never closed with ":::"']);
  });

  it('reports a container outside the interview questions', () => {
    const stray = `# T\n\n## Learning goals\n\n::: key-points\n- a\n- b\n- c\n:::\n\n## Interview questions\n\n${good('Fine?')}`;
    expect(problems(stray)).toEqual(['chapters/01-x/README.md:5: a key-points container outside the interview questions; it belongs right under a "###" question heading']);
  });
});
