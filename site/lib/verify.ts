import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import MiniSearch from 'minisearch';
import { danglingReferences } from './ids.ts';

/**
 * Checks of a built site, shared by `npm test`'s steps and the site's own tests: internal links
 * and anchors resolve, every chapter has a page and a place in the search index, pages stay
 * within their weight budget.
 */

/** Every file under `dir`, relative to it, with forward slashes. */
export function filesIn(dir: string): string[] {
  const out: string[] = [];
  const walk = (sub: string): void => {
    for (const entry of readdirSync(path.join(dir, sub), { withFileTypes: true })) {
      const rel = sub ? `${sub}/${entry.name}` : entry.name;
      if (entry.isDirectory()) walk(rel);
      else out.push(rel);
    }
  };
  walk('');
  return out.sort();
}

/** The ids defined in an HTML document. */
export function idsOf(html: string): string[] {
  return [...html.matchAll(/\sid="([^"]+)"/g)].map((m) => m[1]!);
}

function decodeEntities(value: string): string {
  return value.replace(/&amp;/g, '&').replace(/&quot;/g, '"').replace(/&#39;/g, "'").replace(/&lt;/g, '<').replace(/&gt;/g, '>');
}

/**
 * Every `href` and `src` in the site's HTML that points inside the site must name an existing
 * file, and its `#fragment` an id in that file. Ids must be unique on each page, and every
 * reference to an id within a page (`url(#…)` in a diagram, `aria-labelledby`, `for`) must
 * name one the page defines.
 * Returns one line per problem.
 */
export function checkLinks(outDir: string): string[] {
  const problems: string[] = [];
  const pages = filesIn(outDir).filter((f) => f.endsWith('.html'));
  const ids = new Map<string, Set<string>>();
  const html = new Map<string, string>();
  for (const page of pages) {
    const text = readFileSync(path.join(outDir, page), 'utf8');
    html.set(page, text);
    const list = idsOf(text);
    const set = new Set(list);
    if (set.size !== list.length) {
      const seen = new Set<string>();
      const dupes = new Set(list.filter((id) => (seen.has(id) ? true : (seen.add(id), false))));
      problems.push(`${page}: duplicate id(s) ${[...dupes].slice(0, 5).map((d) => `"${d}"`).join(', ')}`);
    }
    ids.set(page, set);
    for (const ref of danglingReferences(text).filter((r) => r.kind !== 'href' && r.kind !== 'xlink:href')) {
      problems.push(`${page}: ${ref.kind} refers to "#${ref.id}", which the page does not define`);
    }
  }
  for (const page of pages) {
    for (const match of html.get(page)!.matchAll(/\s(href|src)="([^"]*)"/g)) {
      const raw = decodeEntities(match[2]!);
      if (/^[a-z][a-z0-9+.-]*:/i.test(raw) || raw.startsWith('//')) continue;
      const [target = '', fragment] = raw.split('#');
      const resolved = target ? path.posix.normalize(path.posix.join(path.posix.dirname(page), target)) : page;
      if (resolved.startsWith('..')) {
        problems.push(`${page}: link "${raw}" leaves the site`);
        continue;
      }
      const file = path.join(outDir, resolved);
      if (!existsSync(file) || !statSync(file).isFile()) {
        problems.push(`${page}: link "${raw}" points to ${resolved}, which does not exist`);
        continue;
      }
      if (fragment) {
        const anchors = ids.get(resolved);
        let id = fragment;
        try {
          id = decodeURIComponent(fragment);
        } catch {
          // A malformed escape is reported below as a missing anchor.
        }
        if (!anchors) problems.push(`${page}: link "${raw}" has an anchor, but ${resolved} is not a page`);
        else if (!anchors.has(id) && !anchors.has(fragment)) problems.push(`${page}: link "${raw}": ${resolved} has no element with id "${id}"`);
      }
    }
  }
  return problems;
}

/** Chapters (by slug) that have no page in the built site. */
export function chaptersWithoutPage(outDir: string, slugs: string[]): string[] {
  return slugs.filter((slug) => !existsSync(path.join(outDir, `${slug}.html`)));
}

/** Chapters (by slug) with no section in the search index. */
export function chaptersMissingFromSearch(outDir: string, slugs: string[]): string[] {
  const data = JSON.parse(readFileSync(path.join(outDir, 'search-index.json'), 'utf8')) as {
    options: ConstructorParameters<typeof MiniSearch>[0];
    index: Parameters<typeof MiniSearch.loadJS>[0];
  };
  const search = MiniSearch.loadJS(data.index, data.options);
  return slugs.filter((slug) => !search.has(`${slug}.html`));
}

/**
 * What a page weighs when first opened: its HTML plus every stylesheet and script it loads, and
 * every web font its diagrams are drawn in, as files (`bytes`) and as the local server sends
 * them, gzip-compressed (`gzipBytes`; a WOFF2 font is sent as it is).
 */
export interface PageWeight {
  page: string;
  bytes: number;
  gzipBytes: number;
}

/**
 * The weight of every page, heaviest (as sent) first. The search library and index load only when the
 * reader searches, so they are not counted. `print.html`, which by design holds every chapter,
 * is reported separately by the caller. A font counts on a page whose diagram labels use a
 * character in its `unicode-range`, which is when the browser downloads it.
 */
export function pageWeights(outDir: string): PageWeight[] {
  const faces = fontFaces(outDir);
  const sizes = new Map<string, { bytes: number; gzipBytes: number }>();
  const size = (file: string): { bytes: number; gzipBytes: number } => {
    let known = sizes.get(file);
    if (!known) {
      const content = readFileSync(path.join(outDir, file));
      known = { bytes: content.length, gzipBytes: file.endsWith('.woff2') ? content.length : gzipSync(content).length };
      sizes.set(file, known);
    }
    return known;
  };
  return filesIn(outDir)
    .filter((f) => f.endsWith('.html'))
    .map((page) => {
      const text = readFileSync(path.join(outDir, page), 'utf8');
      const assets = [...text.matchAll(/<(?:link rel="stylesheet" href|script[^>]*src)="([^"]+)"/g)].map((m) =>
        path.posix.normalize(path.posix.join(path.posix.dirname(page), m[1]!)),
      );
      const labels = [...text.matchAll(/<figure class="diagram"[\s\S]*?<\/figure>/g)].map((m) => m[0].replace(/<desc>[\s\S]*?<\/desc>|<[^>]+>/g, '')).join('');
      const fonts = faces.filter((face) => [...labels].some((char) => face.covers(char.codePointAt(0)!))).map((face) => face.file);
      const files = [page, ...assets, ...fonts].map(size);
      return {
        page,
        bytes: files.reduce((sum, f) => sum + f.bytes, 0),
        gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0),
      };
    })
    .sort((a, b) => b.gzipBytes - a.gzipBytes);
}

/** The budget of one page's HTML+CSS+JS as sent over the wire (gzip), in bytes. */
export const PAGE_BUDGET = 100 * 1024;

/** The @font-face rules of the site's stylesheet: each font file and the characters it covers. */
function fontFaces(outDir: string): Array<{ file: string; covers(codePoint: number): boolean }> {
  const stylesheet = path.join(outDir, 'assets', 'site.css');
  if (!existsSync(stylesheet)) return [];
  const css = readFileSync(stylesheet, 'utf8');
  return [...css.matchAll(/@font-face\s*\{([^}]*)\}/g)].flatMap(([, rule]) => {
    const url = /url\(([^)]+)\)/.exec(rule!)?.[1]?.replace(/["']/g, '');
    if (!url) return [];
    const ranges = (/unicode-range:\s*([^;]+)/.exec(rule!)?.[1] ?? 'U+0-10FFFF').split(',').map((part) => {
      const [from = '0', to] = part.trim().replace(/^U\+/i, '').split('-');
      return [parseInt(from, 16), parseInt(to ?? from, 16)] as const;
    });
    return [{ file: path.posix.join('assets', url), covers: (code: number) => ranges.some(([lo, hi]) => code >= lo && code <= hi) }];
  });
}
