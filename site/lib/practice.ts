import { createHash } from 'node:crypto';
import { appendFileSync, copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { writeFileAtomic } from '../../core/files.ts';
import { cardsOf, headingSlug, type PracticeCard, readChapterQuestions } from '../../core/practice/cards.ts';
import { DEFAULT_NEW_PER_DAY } from '../../core/practice/deck.ts';
import { ROOT } from '../../core/root.ts';
import { escapeHtml } from './html.ts';
import type { PageSpec } from './layout.ts';
import type { Markdown } from './markdown.ts';

/**
 * The Practice page: the interview questions of every chapter as spaced-repetition cards,
 * scheduled in the browser by the same deck module and FSRS settings as `npm run practice`,
 * with the learner's state in `localStorage`. Without JavaScript the page lists every card with
 * its key points. Chapter pages render each question's `::: key-points` container with a link
 * that practises that card.
 */

export const PRACTICE_PAGE = 'practice.html';

/** The assets the page loads: its script and style, the compiled deck module, and ts-fsrs. */
export const PRACTICE_ASSETS = ['practice.js', 'practice.css', 'practice-deck.js', 'ts-fsrs.js'] as const;

type ContainerToken = { nesting: number; type: string; tag: string; content: string };

/**
 * markdown-it-container options for `::: key-points`: a titled box, and under it, on a chapter
 * page, the link that practises the card of the question it sits under.
 */
export const keyPointsContainer = {
  render(tokens: ContainerToken[], idx: number, _options: unknown, env: { file?: string }): string {
    if (tokens[idx]!.nesting === 1) return '<div class="key-points"><p class="key-points-title">Key points</p>\n';
    let open = idx;
    while (open > 0 && tokens[open]!.type !== 'container_key-points_open') open--;
    const heading = tokens[open - 3]?.type === 'heading_open' && tokens[open - 3]!.tag === 'h3' ? tokens[open - 2]!.content : undefined;
    const chapter = /^chapters\/(\d\d-[a-z0-9-]+)\/README\.md$/.exec(env.file ?? '')?.[1];
    const link =
      heading && chapter ? `<p class="practise-link"><a href="${PRACTICE_PAGE}#${escapeHtml(`${chapter}/${headingSlug(heading)}`)}">Practise this card</a></p>\n` : '';
    return `${link}</div>\n`;
  },
};

/** A chapter with a page, as the page needs it. */
export interface PracticeChapter {
  slug: string;
  title: string;
  url: string;
  readme: string;
}

/** The cards of the chapters with pages, in order. */
export function practiceCards(chapters: readonly PracticeChapter[]): PracticeCard[] {
  return chapters.flatMap((c) => cardsOf(readChapterQuestions(c.slug, c.readme), c.title));
}

/** The Practice page. */
export function practicePage(chapters: readonly PracticeChapter[], md: Markdown): PageSpec {
  const cards = practiceCards(chapters);
  const urls = new Map(chapters.map((c) => [c.slug, c.url]));
  const sections = chapters
    .map((chapter) => {
      const own = cards.filter((c) => c.chapter === chapter.slug);
      if (own.length === 0) return '';
      const items = own
        .map(
          (card) => `<li class="card" id="${escapeHtml(card.id)}" data-card="${escapeHtml(card.id)}" data-chapter="${escapeHtml(card.chapter)}" data-question="${escapeHtml(card.question)}">
<p class="card-question">${md.renderInline(card.question)}</p>
<ul class="card-points">${card.keyPoints.map((p) => `<li>${md.renderInline(p)}</li>`).join('')}</ul>
<p class="card-answer"><a href="${escapeHtml(`${urls.get(card.chapter)}#${card.slug}`)}">The full answer</a></p>
</li>`,
        )
        .join('\n');
      return `<section class="card-chapter" aria-labelledby="cards-${escapeHtml(chapter.slug)}"><h3 id="cards-${escapeHtml(chapter.slug)}" data-chapter-title="${escapeHtml(chapter.title)}"><span class="nav-number">${escapeHtml(chapter.slug.slice(0, 2))}</span> ${escapeHtml(chapter.title)}</h3>
<ol class="card-list">
${items}
</ol></section>`;
    })
    .join('\n');
  const chapterCount = new Set(cards.map((c) => c.chapter)).size;
  const body = `<link rel="stylesheet" href="assets/practice.css">
<script type="module" src="assets/practice.js"></script>
<h1>Practice</h1>
<p class="lede">Rehearse the ${cards.length} interview questions of ${chapterCount} chapters the way you will answer them: from memory. Say your answer, then compare it with the question's key points and rate how well you recalled it. The cards come back on a schedule (FSRS, an algorithm Anki offers too) that spaces out the ones you know and repeats the ones you do not. A mock interview asks a few questions against a clock.</p>
<div id="practice-app" class="practice-app" data-new-per-day="${DEFAULT_NEW_PER_DAY}" hidden></div>
<noscript><p class="practice-noscript">The practice session needs JavaScript. Every card is listed below with its key points, and <code>npm run practice</code> runs the same session in a terminal.</p></noscript>
<h2 id="keys">Keys</h2>
<p><kbd>Space</kbd> shows the key points · <kbd>1</kbd> Again, <kbd>2</kbd> Hard, <kbd>3</kbd> Good, <kbd>4</kbd> Easy · <kbd>m</kbd> starts a mock interview · <kbd>Esc</kbd> stops. Your progress stays in this browser; <code>npm run practice</code> keeps its own in <code>.workbook/practice.json</code>.</p>
<h2 id="all-cards">All cards</h2>
<details class="all-cards"><summary>Every card with its key points (they give the answers away)</summary>
${sections}
</details>`;
  return {
    url: PRACTICE_PAGE,
    title: 'Practice',
    description: `Spaced-repetition practice of the workbook's ${cards.length} interview questions, and timed mock interviews.`,
    body,
    outline: [],
  };
}

/**
 * The deck module compiled for the browser: TypeScript's own transpiler strips the types of
 * `core/practice/deck.ts` (its only import, ts-fsrs, is pointed at the copy beside it). The
 * result is cached by the source's hash in `.workbook/site-cache/`, so a rebuild does not load
 * the compiler again.
 */
export async function compiledDeck(cacheDir = path.join(ROOT, '.workbook', 'site-cache')): Promise<string> {
  const source = readFileSync(path.join(ROOT, 'core', 'practice', 'deck.ts'), 'utf8');
  const compiler = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules', 'typescript', 'package.json'), 'utf8')) as { version: string }).version;
  const hash = createHash('sha256').update(compiler).update('\0').update(source).digest('hex').slice(0, 16);
  const cached = path.join(cacheDir, `practice-deck-${hash}.js`);
  if (existsSync(cached)) return readFileSync(cached, 'utf8');
  const ts = (await import('typescript')).default;
  const output = ts.transpileModule(source, {
    fileName: 'deck.ts',
    compilerOptions: { target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ESNext, verbatimModuleSyntax: true },
  }).outputText;
  const code = output.replace(/from\s+['"]ts-fsrs['"]/g, "from './ts-fsrs.js'");
  const imports = [...code.matchAll(/^\s*(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]/gm)].map((m) => m[1]);
  const foreign = imports.filter((specifier) => specifier !== './ts-fsrs.js');
  if (foreign.length) throw new Error(`core/practice/deck.ts runs in the browser too, so it may import only ts-fsrs; it imports ${foreign.join(', ')}`);
  if (existsSync(cacheDir)) for (const old of readdirSync(cacheDir).filter((f) => /^practice-deck-[0-9a-f]+\.js$/.test(f))) rmSync(path.join(cacheDir, old));
  writeFileAtomic(cached, code);
  return code;
}

/**
 * Writes the page's assets into `<outDir>/assets/`, and appends the style of the key-points
 * boxes, which every chapter page shows, to the site's stylesheet (written before this runs).
 */
export async function writePracticeAssets(outDir: string): Promise<void> {
  const assets = path.join(outDir, 'assets');
  mkdirSync(assets, { recursive: true });
  const client = path.join(ROOT, 'site', 'client');
  appendFileSync(path.join(assets, 'site.css'), `\n${readFileSync(path.join(client, 'key-points.css'), 'utf8')}`);
  copyFileSync(path.join(client, 'practice.js'), path.join(assets, 'practice.js'));
  copyFileSync(path.join(client, 'practice.css'), path.join(assets, 'practice.css'));
  writeFileSync(path.join(assets, 'practice-deck.js'), await compiledDeck());
  const fsrs = readFileSync(path.join(ROOT, 'node_modules', 'ts-fsrs', 'dist', 'index.mjs'), 'utf8');
  writeFileSync(path.join(assets, 'ts-fsrs.js'), fsrs.replace(/\n\/\/# sourceMappingURL=.*$/m, '\n'));
}
