import { escapeHtml } from './html.ts';

/** The frame every page shares: head, top bar, sidebar, outline, prev/next. */

export const SITE_TITLE = 'Message Passing for LLM Systems';

/** A link in the sidebar; `children` show only while the reader is inside that entry. */
export interface NavEntry {
  title: string;
  href: string;
  /** A label before the title, such as the chapter number. */
  prefix?: string;
  children?: NavEntry[];
}

export interface OutlineEntry {
  level: number;
  id: string;
  text: string;
}

export interface PageLink {
  href: string;
  title: string;
}

export interface PageSpec {
  /** Output path relative to the site root, with forward slashes (`06-message-queues.html`). */
  url: string;
  /** The `<title>` (the site title is appended) and the page's subject. */
  title: string;
  description: string;
  /** The HTML inside `<article>`. */
  body: string;
  outline: OutlineEntry[];
  prev?: PageLink;
  next?: PageLink;
  /** Extra class on `<body>`, such as `print`. */
  kind?: string;
  /** A shorter title for the sidebar, when the page's own is long. */
  navTitle?: string;
  /**
   * The prefix from this page to the site root, when it is not the one its `url` implies: the
   * not-found page is served at any depth, so it links from the root (`/`).
   */
  base?: string;
}

/** What every page says about the build it comes from. */
export interface SiteInfo {
  /** The workbook's version (package.json). */
  version: string;
  /** The commit the site was built from, abbreviated, or undefined outside a git checkout. */
  commit?: string;
  /** True when the working tree had changes to tracked files that are not committed. */
  modified?: boolean;
  /** The address the site is published at (`https://…/`), for canonical and OpenGraph URLs. */
  url?: string;
}

/** The relative prefix from a page to the site root (`''` or `'../../'`). */
export function baseOf(url: string): string {
  return '../'.repeat(url.split('/').length - 1);
}

/** Headings with ids in a rendered body, for the outline and for search sections. */
export function headingsOf(html: string, levels = [2, 3]): OutlineEntry[] {
  const entries: OutlineEntry[] = [];
  for (const match of html.matchAll(/<h([1-6]) id="([^"]+)"[^>]*>([\s\S]*?)<\/h\1>/g)) {
    const level = Number(match[1]);
    if (!levels.includes(level)) continue;
    entries.push({ level, id: match[2]!, text: match[3]!.replace(/<[^>]+>/g, '').trim() });
  }
  return entries;
}

export function renderPage(page: PageSpec, nav: NavEntry[], info: SiteInfo = { version: '' }): string {
  const base = page.base ?? baseOf(page.url);
  const link = (href: string): string => escapeHtml(base + href);
  const rel = [
    page.prev ? `<link rel="prev" href="${link(page.prev.href)}">` : '',
    page.next ? `<link rel="next" href="${link(page.next.href)}">` : '',
  ].join('');
  const pager =
    page.prev || page.next
      ? `<nav class="pager" aria-label="Previous and next page">${
          page.prev ? `<a rel="prev" href="${link(page.prev.href)}"><span class="pager-label">← Previous</span> ${escapeHtml(page.prev.title)}</a>` : '<span></span>'
        }${page.next ? `<a rel="next" href="${link(page.next.href)}"><span class="pager-label">Next →</span> ${escapeHtml(page.next.title)}</a>` : ''}</nav>`
      : '';
  // The outline is drawn twice: beside the page on wide screens, and as a disclosure at the top of
  // it on narrower ones; the stylesheet shows one of them.
  const top = Math.min(...page.outline.map((h) => h.level));
  const outlineList = `<ul>${page.outline
    .map((h) => `<li class="level-${h.level === top ? 2 : 3}"><a href="#${escapeHtml(h.id)}">${escapeHtml(h.text)}</a></li>`)
    .join('')}</ul>`;
  const hasOutline = page.outline.length > 1;
  const outline = hasOutline
    ? `<aside class="outline"><nav aria-labelledby="site-outline-title"><p id="site-outline-title" class="site-outline-title">On this page</p>${outlineList}</nav></aside>`
    : '';
  const inlineOutline = hasOutline
    ? `<details class="outline-inline"><summary>On this page</summary><nav aria-label="On this page">${outlineList}</nav></details>\n`
    : '';
  const title = page.title === SITE_TITLE ? SITE_TITLE : `${page.title} — ${SITE_TITLE}`;
  const notFound = page.kind === 'not-found';
  const canonical = info.url ? new URL(page.url, info.url).href : base + page.url;
  const meta = [
    notFound ? '<meta name="robots" content="noindex">' : `<link rel="canonical" href="${escapeHtml(canonical)}">`,
    `<meta property="og:type" content="${page.url === 'index.html' ? 'website' : 'article'}">`,
    `<meta property="og:site_name" content="${escapeHtml(SITE_TITLE)}">`,
    `<meta property="og:title" content="${escapeHtml(page.title)}">`,
    `<meta property="og:description" content="${escapeHtml(page.description)}">`,
    info.url && !notFound ? `<meta property="og:url" content="${escapeHtml(canonical)}">` : '',
  ]
    .filter(Boolean)
    .join('\n');
  const built = [
    info.version ? `version ${escapeHtml(info.version)}` : '',
    info.commit ? `built from commit <code>${escapeHtml(info.commit)}</code>${info.modified ? ' with uncommitted changes' : ''}` : '',
  ].filter(Boolean);
  const navigation = renderNav(nav, page.url, base);
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<meta name="description" content="${escapeHtml(page.description)}">
${meta}
<meta name="color-scheme" content="light dark">
<link rel="icon" href="${link('assets/icon.svg')}" type="image/svg+xml">
<link rel="stylesheet" href="${link('assets/site.css')}">
<script src="${link('assets/theme.js')}"></script>
<script type="module" src="${link('assets/site.js')}"></script>
${rel}
</head>
<body class="${escapeHtml(page.kind ?? 'page')}" data-base="${escapeHtml(base)}">
<a class="skip-link" href="#main-content">Skip to content</a>
<header class="topbar">
<details class="menu">
<summary><span class="menu-icon" aria-hidden="true"></span>Menu</summary>
<nav class="menu-nav" aria-label="Workbook">
${navigation}
</nav>
</details>
<a class="brand" href="${link('index.html')}">${escapeHtml(SITE_TITLE)}</a>
<div class="search" role="search" hidden>
<label for="site-search" class="visually-hidden">Search the workbook</label>
<input id="site-search" type="search" placeholder="Search (press /)" autocomplete="off" spellcheck="false" aria-describedby="site-search-status">
<p id="site-search-status" class="visually-hidden" role="status"></p>
<ul id="site-search-results" class="search-results" hidden></ul>
</div>
<button type="button" class="theme-toggle" hidden>Theme</button>
</header>
<div class="layout">
<nav class="sidebar" aria-label="Workbook">
${navigation}
</nav>
<main id="main-content" tabindex="-1">
${inlineOutline}<article>
${page.body}
</article>
${pager}
</main>
${outline}
</div>
<footer class="footer"><p>${escapeHtml(SITE_TITLE)} · <a href="${link('print.html')}">All chapters on one page</a> · <kbd>←</kbd> <kbd>→</kbd> previous and next page · <kbd>/</kbd> search</p>${
    built.length ? `<p class="build-info">${built.join(', ')}</p>` : ''
  }</footer>
</body>
</html>
`;
}

function renderNav(entries: NavEntry[], current: string, base: string): string {
  const items = entries.map((entry) => {
    const here = entry.href === current;
    const inside = here || (entry.children ?? []).some((c) => c.href === current);
    const prefix = entry.prefix ? `<span class="nav-number">${escapeHtml(entry.prefix)}</span> ` : '';
    const children = inside && entry.children?.length ? renderNav(entry.children, current, base) : '';
    return `<li${inside ? ' class="open"' : ''}><a href="${escapeHtml(base + entry.href)}"${here ? ' aria-current="page"' : ''}>${prefix}${escapeHtml(entry.title)}</a>${children}</li>`;
  });
  return `<ul>${items.join('')}</ul>`;
}
