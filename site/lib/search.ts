import MiniSearch, { type Options } from 'minisearch';
import { textOf } from './html.ts';
import { headingsOf } from './layout.ts';

/**
 * The offline search index: one record per section (the text under an `h2` or `h3`), built at
 * build time with minisearch and loaded by the page on first use.
 */

export interface SearchRecord {
  /** `page.html#section`: unique, and the link a result opens. */
  id: string;
  title: string;
  page: string;
  text: string;
}

/** The options the index is built with; the page loads it with the same ones. */
export const SEARCH_OPTIONS: Options<SearchRecord> = {
  fields: ['title', 'page', 'text'],
  storeFields: ['title', 'page'],
  searchOptions: { boost: { title: 3, page: 1.5 }, prefix: true, fuzzy: 0.2 },
};

/**
 * Splits a rendered page body into one record per section: the text from one heading of the
 * given levels to the next. Chapters split at `h2` and `h3`; the API reference at `h2` (an
 * export) and `h4` (a member), skipping its `h3` groupings such as "Methods".
 */
export function sectionsOf(url: string, pageTitle: string, body: string, levels: readonly number[] = [2, 3]): SearchRecord[] {
  const records: SearchRecord[] = [];
  const headings = [...body.matchAll(/<h([1-6]) id="([^"]+)"[^>]*>[\s\S]*?<\/h\1>/g)].filter((m) => levels.includes(Number(m[1])));
  const intro = body.slice(0, headings[0]?.index ?? body.length);
  records.push({ id: url, title: pageTitle, page: pageTitle, text: textOf(withoutCode(intro)) });
  const titles = new Map(headingsOf(body, [...levels]).map((h) => [h.id, h.text]));
  headings.forEach((match, i) => {
    const start = match.index + match[0].length;
    const end = headings[i + 1]?.index ?? body.length;
    const id = match[2]!;
    records.push({ id: `${url}#${id}`, title: titles.get(id) ?? id, page: pageTitle, text: textOf(withoutCode(body.slice(start, end))) });
  });
  return records;
}

/** Code blocks are left out of the index: they would triple its size and drown the prose. */
function withoutCode(html: string): string {
  return html.replace(/<pre\b[\s\S]*?<\/pre>/g, ' ').replace(/<details class="spoiler">[\s\S]*?<\/details>/g, ' ');
}

/** The serialised index: the options to load it with and minisearch's JSON. */
export function buildSearchIndex(records: SearchRecord[]): string {
  const search = new MiniSearch<SearchRecord>(SEARCH_OPTIONS);
  search.addAll(records);
  return JSON.stringify({ options: { fields: SEARCH_OPTIONS.fields, storeFields: SEARCH_OPTIONS.storeFields, searchOptions: SEARCH_OPTIONS.searchOptions }, index: search.toJSON() });
}
