import { escapeHtml } from './html.ts';
import { scopeIds } from './ids.ts';
import type { PageSpec } from './layout.ts';
import { SITE_TITLE } from './layout.ts';

/**
 * The print edition: every chapter on one page, with one `h1` (each chapter's title becomes an
 * `h2`, and every heading below it moves down a level), a table of contents, a page break before
 * each chapter, the hints printed open, and the reference solutions left out with a note saying
 * where they are. Ids are scoped per chapter, with every reference to them, so links, labels and
 * diagram arrowheads keep their targets.
 */

export interface PrintChapter {
  slug: string;
  title: string;
  /** The chapter page's body as rendered for the site. */
  body: string;
}

export function printPage(chapters: PrintChapter[]): PageSpec {
  const inPrint = new Set(chapters.map((c) => c.slug));
  const toc = chapters
    .map((c) => `<li><a href="#${escapeHtml(c.slug)}"><span class="nav-number">${escapeHtml(c.slug.slice(0, 2))}</span> ${escapeHtml(c.title)}</a></li>`)
    .join('');
  const articles = chapters.map((chapter) => {
    const body = scopeIds(forPrint(chapter.body), `${chapter.slug}--`)
      .replace(/ href="(\d\d-[a-z0-9-]+)\.html(?:#([^"]*))?"/g, (whole, slug: string, hash?: string) =>
        inPrint.has(slug) ? ` href="#${hash ? `${slug}--${hash}` : slug}"` : whole,
      )
      .replace(/<h2>/, `<h2 id="${chapter.slug}">`);
    return `<section class="print-chapter" aria-labelledby="${chapter.slug}">${body}</section>`;
  });
  const body = `<h1 class="print-title">${escapeHtml(SITE_TITLE)}</h1>
<p class="lede">Every chapter on one page, for printing or reading offline. The hints are printed open. The reference solutions are left out: each chapter page keeps its solutions behind a spoiler, and each is a file in <code>solutions/</code>.</p>
<nav class="print-toc" aria-labelledby="print-contents"><h2 id="print-contents">Contents</h2><ol>${toc}</ol></nav>
${articles.join('\n')}`;
  return { url: 'print.html', title: 'Every chapter', description: 'Every chapter of the workbook on one page, for printing.', body, outline: [], kind: 'print' };
}

/** A chapter body as printed: headings one level down, disclosures open, solutions replaced by a note. */
function forPrint(body: string): string {
  return body
    .replace(/<(\/?)h([1-6])\b/g, (_whole, slash: string, level: string) => `<${slash}h${Math.min(6, Number(level) + 1)}`)
    .replace(/<details class="spoiler"[^>]*>[\s\S]*?<a href="([^"]*)">[\s\S]*?(<code>[\s\S]*?<\/code>)<\/a>[\s\S]*?<\/details>/g, (_whole, href: string, file: string) => {
      return `<p class="print-note">The reference solution is left out of the print edition: it is <a href="${href}">${file}</a>, and behind the spoiler on the chapter page.</p>`;
    })
    .replace(/<details\b(?![^>]*\sopen)/g, '<details open');
}
