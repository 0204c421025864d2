/**
 * The one place where element ids are renamed. An id is referred to in several ways: `href="#…"`
 * and `xlink:href="#…"`, `url(#…)` in SVG paint and marker attributes, and id lists in
 * `aria-labelledby`, `aria-describedby`, `aria-controls`, `for` and `headers`. Renaming ids in one
 * of these places and not the others leaves references dangling (a printed sequence diagram
 * without arrowheads), so every renaming goes through {@link scopeIds}, and {@link danglingReferences}
 * finds any reference left without its target.
 */

const ID_ATTRIBUTE = /(\s)id="([^"]+)"/g;
const HASH_LINK = /(\s(?:xlink:)?href)="#([^"]*)"/g;
const URL_REFERENCE = /url\(#([^)\s]+)\)/g;
const ID_LIST = /(\s(?:aria-labelledby|aria-describedby|aria-controls|for|headers))="([^"]+)"/g;

/** The ids an HTML fragment defines. */
export function definedIds(html: string): Set<string> {
  return new Set([...html.matchAll(ID_ATTRIBUTE)].map((m) => m[2]!));
}

/**
 * Prefixes every id defined in `html` with `prefix`, and every reference to one of those ids
 * with the same prefix. References to ids the fragment does not define (the page's own
 * `#main-content`, say) are left alone.
 */
export function scopeIds(html: string, prefix: string): string {
  const ids = definedIds(html);
  if (ids.size === 0) return html;
  const scoped = (id: string): string => (ids.has(id) ? prefix + id : id);
  return html
    .replace(ID_ATTRIBUTE, (_whole, space: string, id: string) => `${space}id="${prefix}${id}"`)
    .replace(HASH_LINK, (whole, attribute: string, id: string) => (ids.has(decode(id)) ? `${attribute}="#${prefix}${id}"` : whole))
    .replace(URL_REFERENCE, (_whole, id: string) => `url(#${scoped(id)})`)
    .replace(ID_LIST, (_whole, attribute: string, list: string) => `${attribute}="${list.split(/\s+/).map(scoped).join(' ')}"`);
}

/** A reference to an id that the page does not define. */
export interface DanglingReference {
  /** The attribute or CSS function that refers (`href`, `url()`, `aria-labelledby`…). */
  kind: string;
  id: string;
}

/** Every same-page reference in a whole page that names an id the page does not define. */
export function danglingReferences(html: string): DanglingReference[] {
  const ids = definedIds(html);
  const missing: DanglingReference[] = [];
  for (const [, attribute, id] of html.matchAll(HASH_LINK)) {
    // `href="#"` is "the top of this page", which needs no element.
    if (id && !ids.has(decode(id!)) && !ids.has(id!)) missing.push({ kind: attribute!.trim(), id: id! });
  }
  for (const [, id] of html.matchAll(URL_REFERENCE)) if (!ids.has(id!)) missing.push({ kind: 'url()', id: id! });
  for (const [, attribute, list] of html.matchAll(ID_LIST)) {
    for (const id of list!.split(/\s+/)) if (id && !ids.has(id)) missing.push({ kind: attribute!.trim(), id });
  }
  return missing;
}

function decode(id: string): string {
  try {
    return decodeURIComponent(id);
  } catch {
    return id;
  }
}
