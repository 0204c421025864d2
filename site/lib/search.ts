import MiniSearch, { type Options } from 'minisearch';
import { textOf } from './html.ts';
import { headingsOf } from './layout.ts';

/**
 * The offline search index: one record per section (the text under an `h2` or `h3`), built at
 * build time with minisearch and loaded by the page on first use. Each record stores its text,
 * from which a result shows a snippet around the words that matched (storing it adds about a
 * fifth to the index, which loads only when the reader searches).
 */

export interface SearchRecord {
  /** `page.html#section`: unique, and the link a result opens. */
  id: string;
  /** What a result is titled: the section's heading (for the API reference, the symbol). */
  title: string;
  /** The page the section is on, as a result names it. */
  page: string;
  text: string;
}

/** The options the index is built with; the page loads it with the same ones. */
export const SEARCH_OPTIONS: Options<SearchRecord> = {
  fields: ['title', 'page', 'text'],
  storeFields: ['title', 'page', 'text'],
  searchOptions: { boost: { title: 3, page: 1.5 }, prefix: true, fuzzy: 0.2 },
};

export interface SectionOptions {
  /** The heading levels that start a section (default `h2` and `h3`). */
  levels?: readonly number[];
  /**
   * Title a section below the top level by its parent as well: in the API reference a member
   * (`h4`, `dequeue()`) is titled `MessageQueue.dequeue()`.
   */
  qualify?: boolean;
  /** How results name the page (default: its title). */
  page?: string;
}

/**
 * Splits a rendered page body into one record per section: the text from one heading of the
 * given levels to the next. Chapters split at `h2` and `h3`; the API reference at `h2` (an
 * export) and `h4` (a member), skipping its `h3` groupings such as "Methods".
 */
export function sectionsOf(url: string, pageTitle: string, body: string, options: SectionOptions = {}): SearchRecord[] {
  const levels = options.levels ?? [2, 3];
  const page = options.page ?? pageTitle;
  const records: SearchRecord[] = [];
  const headings = [...body.matchAll(/<h([1-6]) id="([^"]+)"[^>]*>[\s\S]*?<\/h\1>/g)].filter((m) => levels.includes(Number(m[1])));
  const intro = body.slice(0, headings[0]?.index ?? body.length);
  records.push({ id: url, title: pageTitle, page, text: textOf(withoutCode(intro)) });
  const titles = new Map(headingsOf(body, [...levels]).map((h) => [h.id, h.text]));
  const top = Math.min(...levels);
  let parent = '';
  headings.forEach((match, i) => {
    const start = match.index + match[0].length;
    const end = headings[i + 1]?.index ?? body.length;
    const id = match[2]!;
    const heading = titles.get(id) ?? id;
    let title = heading;
    if (Number(match[1]) === top) parent = heading;
    else if (options.qualify && parent && !heading.startsWith(parent)) title = `${parent}.${heading}`;
    records.push({ id: `${url}#${id}`, title, page, text: textOf(withoutCode(body.slice(start, end))) });
  });
  return records;
}

/**
 * Code blocks are left out of the index (they would triple its size and drown the prose), and so
 * are buttons, whose labels ("Copy") are not content.
 */
function withoutCode(html: string): string {
  return html
    .replace(/<pre\b[\s\S]*?<\/pre>/g, ' ')
    .replace(/<details class="spoiler">[\s\S]*?<\/details>/g, ' ')
    .replace(/<button\b[\s\S]*?<\/button>/g, ' ');
}

/** The serialised index: the options to load it with and minisearch's JSON. */
export function buildSearchIndex(records: SearchRecord[]): string {
  const search = new MiniSearch<SearchRecord>(SEARCH_OPTIONS);
  search.addAll(records);
  return JSON.stringify({ options: { fields: SEARCH_OPTIONS.fields, storeFields: SEARCH_OPTIONS.storeFields, searchOptions: SEARCH_OPTIONS.searchOptions }, index: search.toJSON() });
}
