import { copyFileSync, existsSync, mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../core/root.ts';
import type { ChapterMeta } from '../../core/chapter-meta.ts';
import { chapterFolders, type Exercise, exercisesOf, loadChapters } from '../../core/workbook.ts';
import { generateApiDocs } from './api.ts';
import { apiPage, CARDS_PLACEHOLDER, exerciseAnchor, renderCards, stripExercisesBlock, totalPoints } from './exercises.ts';
import { CodeHighlighter } from './highlight.ts';
import { escapeHtml, textOf } from './html.ts';
import { headingsOf, type NavEntry, type PageSpec, renderPage, SITE_TITLE } from './layout.ts';
import { codeBlock, createMarkdown, type RenderEnv, sourcePage } from './markdown.ts';
import { DiagramRenderer } from './mermaid.ts';
import { practicePage, writePracticeAssets } from './practice.ts';
import { printPage } from './print.ts';
import { buildSearchIndex, type SearchRecord, sectionsOf } from './search.ts';
import { buildInfo } from './build-info.ts';
import { idsOf } from './verify.ts';

/**
 * Builds the docs site: every chapter page, the API reference, a home page, an exercise index,
 * a print page with every chapter, source pages for the files the chapters link to, the search
 * index and the assets, all written to `site/dist/`.
 */

const SITE_DIR = path.join(ROOT, 'site');

export interface BuildOptions {
  /** The repository root (default: this repository). */
  root?: string;
  /** Where to write the site (default: `site/dist`). */
  outDir?: string;
  /** Generate the API reference with typedoc (default: true). */
  api?: boolean;
  /** The address the site is published at (`https://…/`), for canonical and OpenGraph URLs. */
  siteUrl?: string;
}

/** A chapter with a page: its README and, when it has a chapter.ts, its exercises. */
export interface ChapterPage {
  slug: string;
  title: string;
  url: string;
  exercises: Exercise[];
}

export interface BuildResult {
  outDir: string;
  chapters: ChapterPage[];
  /** Chapters declared in a chapter.ts that have no README, hence no page. */
  missingPages: string[];
  /** Every HTML page written, relative to `outDir`. */
  pages: string[];
  searchRecords: number;
  milliseconds: number;
}

export async function buildSite(options: BuildOptions = {}): Promise<BuildResult> {
  const started = performance.now();
  const root = options.root ?? path.resolve(SITE_DIR, '..');
  const outDir = options.outDir ?? path.join(SITE_DIR, 'dist');
  const withApi = options.api ?? true;

  const metas = new Map<string, ChapterMeta>((await loadChapters(root)).map((m) => [m.slug, m]));
  const folders = chapterFolders(root).filter((folder) => folder.readme);
  const slugs = folders.map((folder) => folder.slug);
  const readmes = new Map(folders.map((folder) => [folder.slug, readFileSync(folder.readme!, 'utf8')]));
  const chapters: ChapterPage[] = slugs.map((slug) => {
    const meta = metas.get(slug);
    const heading = /^#\s+(.+)$/m.exec(readmes.get(slug)!)?.[1]?.trim();
    return { slug, title: meta?.title ?? heading ?? slug, url: `${slug}.html`, exercises: meta ? exercisesOf(meta, root) : [] };
  });
  const allExercises = chapters.flatMap((c) => c.exercises);

  // Tokens are cached by content in .workbook/ (git-ignored), shared by every build on this clone.
  const cacheDir = path.join(SITE_DIR, '..', '.workbook', 'site-cache');
  const [highlighter, diagrams] = await Promise.all([CodeHighlighter.create({ cacheFile: path.join(cacheDir, 'tokens.json') }), DiagramRenderer.create(cacheDir)]);
  const md = createMarkdown(highlighter, { root, chapterPage: (slug) => (readmes.has(slug) ? `${slug}.html` : undefined) }, diagrams);
  const sources = new Set<string>();
  const pages: PageSpec[] = [];

  await diagrams.prepare(readmes.values());
  const chapterBodies = new Map<string, string>();
  for (const chapter of chapters) {
    const file = `chapters/${chapter.slug}/README.md`;
    const env: RenderEnv = { file, sources };
    let body = md.render(stripExercisesBlock(readmes.get(chapter.slug)!), env);
    const cards = renderCards(chapter.exercises, md, highlighter, withApi, sources);
    body = body.includes(CARDS_PLACEHOLDER) ? body.replace(CARDS_PLACEHOLDER, cards) : body + cards;
    chapterBodies.set(chapter.slug, body);
    pages.push({
      url: chapter.url,
      title: chapter.title,
      description: description(body, chapter.title),
      body,
      outline: headingsOf(body, [2, 3]),
    });
  }

  const apiPages = new Map<string, PageSpec[]>();
  if (withApi) {
    const docs = await generateApiDocs(allExercises, root);
    await diagrams.prepare(docs.map((doc) => doc.markdown));
    for (const doc of docs) {
      const { exercise } = doc;
      const env: RenderEnv = { file: path.relative(root, exercise.stubPath).split(path.sep).join('/'), sources };
      const intro = `# API reference: ${exercise.meta.title}\n\nThe contract of \`${exercise.key}\`, generated from the JSDoc of [the stub you edit](${path.basename(exercise.stubPath)}). The exercise itself: [${exercise.chapter.title}](README.md#${exerciseAnchor(exercise)}).\n\n`;
      const body = readableSignatures(repairAnchors(md.render(intro + doc.markdown, env)));
      const symbols = headingsOf(body, [2]).map((h) => h.text);
      const page: PageSpec = {
        url: apiPage(exercise),
        title: `API: ${symbols.length > 3 ? `${symbols.slice(0, 3).join(', ')}, …` : symbols.join(', ') || exercise.meta.id}`,
        description: `The API reference of the exercise ${exercise.key}: ${exercise.meta.title}.`,
        body,
        outline: headingsOf(body, [2, 4]),
        kind: 'api',
        navTitle: `API: ${exercise.meta.id}`,
      };
      apiPages.set(exercise.chapter.slug, [...(apiPages.get(exercise.chapter.slug) ?? []), page]);
    }
  }

  const home = homePage(chapters, allExercises);
  const exercisesIndex = exercisesPage(chapters);
  const sequence: PageSpec[] = [home];
  for (const chapter of chapters) {
    sequence.push(pages.find((p) => p.url === chapter.url)!, ...(apiPages.get(chapter.slug) ?? []));
  }
  sequence.push(exercisesIndex);
  sequence.forEach((page, i) => {
    const prev = sequence[i - 1];
    const next = sequence[i + 1];
    if (prev) page.prev = { href: prev.url, title: prev.title };
    if (next) page.next = { href: next.url, title: next.title };
  });

  const sourcePages = [...sources].sort().filter((p) => existsSync(path.join(root, p))).map((repoPath) => sourcePageSpec(root, repoPath, highlighter));
  const notFound = notFoundPage(chapters);
  const print = printPage(chapters.map((c) => ({ slug: c.slug, title: c.title, body: chapterBodies.get(c.slug)! })));
  const all = [...sequence, print, notFound, ...sourcePages];
  all.push(practicePage(chapters.map((c) => ({ slug: c.slug, title: c.title, url: c.url, readme: readmes.get(c.slug)! })), md));

  const nav: NavEntry[] = [
    { title: 'Home', href: 'index.html' },
    ...chapters.map((c) => ({
      title: c.title,
      href: c.url,
      prefix: c.slug.slice(0, 2),
      children: (apiPages.get(c.slug) ?? []).map((p) => ({ title: p.navTitle ?? p.title, href: p.url })),
    })),
    { title: 'All exercises', href: 'exercises.html' },
    { title: 'Practice', href: 'practice.html' },
    { title: 'Print every chapter', href: 'print.html' },
  ];

  const info = buildInfo(root, options.siteUrl);
  rmSync(outDir, { recursive: true, force: true });
  mkdirSync(path.join(outDir, 'assets'), { recursive: true });
  for (const page of all) {
    const file = path.join(outDir, page.url);
    mkdirSync(path.dirname(file), { recursive: true });
    writeFileSync(file, renderPage(page, nav, info));
  }
  writeAssets(outDir, highlighter, diagrams);
  await writePracticeAssets(outDir);
  highlighter.saveCache();
  diagrams.saveCache();
  const apiUrls = new Set([...apiPages.values()].flat().map((p) => p.url));
  const records: SearchRecord[] = sequence.flatMap((page) =>
    apiUrls.has(page.url)
      ? sectionsOf(page.url, page.title, page.body, { levels: [2, 4], qualify: true })
      : sectionsOf(page.url, page.title, page.body),
  );
  writeFileSync(path.join(outDir, 'search-index.json'), buildSearchIndex(records));

  return {
    outDir,
    chapters,
    missingPages: [...metas.keys()].filter((slug) => !readmes.has(slug)),
    pages: all.map((p) => p.url),
    searchRecords: records.length,
    milliseconds: Math.round(performance.now() - started),
  };
}

/**
 * typedoc-plugin-markdown sometimes numbers a link's anchor (`#ackqueuestats-1`) as if the
 * heading were repeated when it is not; such a link is pointed at the heading that exists.
 */
function repairAnchors(body: string): string {
  const ids = new Set(idsOf(body));
  return body.replace(/ href="#([^"]+)-\d+"/g, (whole, base: string) => {
    const target = whole.slice(' href="#'.length, -1);
    return ids.has(target) || !ids.has(base) ? whole : ` href="#${base}"`;
  });
}

/**
 * typedoc-plugin-markdown writes a type as a row of separate code spans (`T` | `undefined`,
 * `MessageQueue`<`T`>). A paragraph or table cell that holds nothing but such a type becomes one
 * signature, read as a whole, with its links kept.
 */
function readableSignatures(body: string): string {
  const punctuation = /^[\s|&<>()[\]{}.,:;=?!*+\-]*$/;
  const isType = (html: string): boolean => /<code>/.test(html) && punctuation.test(textOf(html.replace(/<code>[\s\S]*?<\/code>/g, '').replace(/<a\b[^>]*>|<\/a>/g, '')));
  const merge = (html: string): string => `<code class="signature">${html.replace(/<\/?code>/g, '')}</code>`;
  return body
    .replace(/<p>((?:(?!<\/?p>)[\s\S])*?)<\/p>/g, (whole, inner: string) => (isType(inner) ? `<p class="type">${merge(inner)}</p>` : whole))
    .replace(/<td>((?:(?!<\/?td>)[\s\S])*?)<\/td>/g, (whole, inner: string) => (isType(inner) ? `<td>${merge(inner)}</td>` : whole));
}

function description(body: string, title: string): string {
  const first = /<p>([\s\S]*?)<\/p>/.exec(body)?.[1];
  const text = first ? textOf(first) : title;
  return text.length > 200 ? `${text.slice(0, 197)}…` : text;
}

function homePage(chapters: ChapterPage[], exercises: Exercise[]): PageSpec {
  const points = exercises.reduce((sum, e) => sum + totalPoints(e), 0);
  const example = exercises[0]?.key ?? '<chapter>/<exercise>';
  const list = chapters
    .map((c) => {
      const count = c.exercises.length;
      return `<li><a href="${escapeHtml(c.url)}"><span class="nav-number">${escapeHtml(c.slug.slice(0, 2))}</span> ${escapeHtml(c.title)}</a>${
        count ? ` <span class="muted">· ${count} exercise${count === 1 ? '' : 's'}</span>` : ''
      }</li>`;
    })
    .join('');
  const body = `<h1>${escapeHtml(SITE_TITLE)}</h1>
<p class="lede">How messages move inside and between LLM systems: message formats and framing, requests, responses and notifications (JSON-RPC 2.0, MCP, LSP), ordering and delivery guarantees, asynchronous messaging, callbacks, message queues and producer–consumer pipelines. Each chapter explains the concept, answers the interview questions asked about it, and gives you exercises that a graded test suite scores task by task.</p>
<h2 id="chapters">Chapters</h2>
<ol class="chapter-list">${list}</ol>
<h2 id="how-to-work">How to work through it</h2>
<p>Read a chapter here, then solve its exercises in your clone of the repository: each exercise is a stub in <code>chapters/</code> whose JSDoc is the statement. There are <a href="exercises.html">${exercises.length} exercises worth ${points} points</a> in all.</p>
<div class="code"><pre class="shiki" tabindex="0"><code>npm install
npm run grade -- ${escapeHtml(example)}   # score one exercise, task by task
npm run watch   # re-grade as you save</code></pre></div>
<p>Keyboard: <kbd>←</kbd> and <kbd>→</kbd> turn pages, <kbd>/</kbd> searches. Everything works offline; <a href="print.html">every chapter on one page</a> is there for printing.</p>`;
  return { url: 'index.html', title: SITE_TITLE, description: textOf(/<p class="lede">([\s\S]*?)<\/p>/.exec(body)![1]!), body, outline: headingsOf(body, [2]) };
}

function exercisesPage(chapters: ChapterPage[]): PageSpec {
  const rows = chapters
    .flatMap((c) =>
      c.exercises.map(
        (e) =>
          `<tr><td><a href="${escapeHtml(`${c.url}#${exerciseAnchor(e)}`)}">${escapeHtml(e.meta.title)}</a><br><span class="muted">${escapeHtml(c.title)}</span></td><td><span class="badge difficulty-${e.meta.difficulty}">${e.meta.difficulty}</span></td><td class="points">${totalPoints(e)}</td><td><code>npm run grade -- ${escapeHtml(e.key)}</code></td></tr>`,
      ),
    )
    .join('');
  const body = `<h1>All exercises</h1>
<p>Every exercise in the workbook, in order. Each links to its card on the chapter page, with the hints and the reference solution.</p>
<div class="table-wrap"><table class="exercise-index"><thead><tr><th scope="col">Exercise</th><th scope="col">Difficulty</th><th scope="col">Points</th><th scope="col">Grade it with</th></tr></thead><tbody>${rows}</tbody></table></div>`;
  return { url: 'exercises.html', title: 'All exercises', description: 'Every exercise in the workbook with its difficulty, points and grading command.', body, outline: [] };
}

/** The page the server sends for a path that names no file: search, and the way back to every chapter. */
function notFoundPage(chapters: ChapterPage[]): PageSpec {
  const list = chapters
    .map((c) => `<li><a href="/${escapeHtml(c.url)}"><span class="nav-number">${escapeHtml(c.slug.slice(0, 2))}</span> ${escapeHtml(c.title)}</a></li>`)
    .join('');
  const body = `<h1>Page not found</h1>
<p class="lede">Nothing lives at this address. The page may have moved when the chapters were renumbered, or the link may have a typo.</p>
<p class="search-hint">Search the workbook with the box at the top of the page (press <kbd>/</kbd>), or pick a chapter:</p>
<ol class="chapter-list">${list}</ol>
<p>Or start from <a href="/index.html">the home page</a>, or see <a href="/exercises.html">every exercise</a>.</p>`;
  return { url: '404.html', title: 'Page not found', description: 'There is no page at this address.', body, outline: [], kind: 'not-found', base: '/' };
}

function sourcePageSpec(root: string, repoPath: string, highlighter: CodeHighlighter): PageSpec {
  const code = readFileSync(path.join(root, repoPath), 'utf8').trimEnd();
  const lang = path.extname(repoPath).slice(1) || 'text';
  const body = `<h1><code>${escapeHtml(repoPath)}</code></h1>
<p>The file as it is in the repository.</p>
${codeBlock(highlighter.highlight(code, lang, { numbered: true }))}`;
  return { url: sourcePage(repoPath), title: repoPath, description: `The source of ${repoPath}.`, body, outline: [] };
}

function writeAssets(outDir: string, highlighter: CodeHighlighter, diagrams: DiagramRenderer): void {
  const client = path.join(SITE_DIR, 'client');
  const css = [readFileSync(path.join(client, 'site.css'), 'utf8'), highlighter.css(), diagrams.css()].join('\n');
  writeFileSync(path.join(outDir, 'assets', 'site.css'), css);
  mkdirSync(path.join(outDir, 'assets', 'fonts'), { recursive: true });
  for (const font of diagrams.font.assets()) copyFileSync(font.source, path.join(outDir, 'assets', 'fonts', font.name));
  for (const file of ['theme.js', 'site.js', 'icon.svg']) copyFileSync(path.join(client, file), path.join(outDir, 'assets', file));
  const minisearch = path.join(SITE_DIR, '..', 'node_modules', 'minisearch', 'dist', 'es', 'index.js');
  const library = readFileSync(minisearch, 'utf8').replace(/\n\/\/# sourceMappingURL=.*$/m, '');
  writeFileSync(path.join(outDir, 'assets', 'minisearch.js'), library);
}
