// @ts-check
// The only behaviour that needs JavaScript: search, the theme toggle, copy buttons, the
// keyboard shortcuts and the outline's mark on the section being read. Everything else on the
// page (the menu and the outline are disclosures) works without it.

const base = document.body.dataset.base ?? '';

/** @param {string} selector */
function all(selector) {
  return /** @type {HTMLElement[]} */ ([...document.querySelectorAll(selector)]);
}

// ---- theme -----------------------------------------------------------------------------------

const darkQuery = window.matchMedia('(prefers-color-scheme: dark)');

/** @returns {'light' | 'dark'} */
function currentTheme() {
  const chosen = document.documentElement.dataset.theme;
  if (chosen === 'light' || chosen === 'dark') return chosen;
  return darkQuery.matches ? 'dark' : 'light';
}

/** @param {HTMLButtonElement} button */
function labelToggle(button) {
  const other = currentTheme() === 'dark' ? 'light' : 'dark';
  const icon = document.createElement('span');
  icon.className = 'theme-icon';
  icon.setAttribute('aria-hidden', 'true');
  icon.textContent = other === 'dark' ? '☾' : '☀';
  const label = document.createElement('span');
  label.className = 'theme-label';
  label.textContent = other === 'dark' ? 'Dark' : 'Light';
  button.replaceChildren(icon, label);
  button.setAttribute('aria-label', `Switch to the ${other} theme`);
}

const toggle = /** @type {HTMLButtonElement | null} */ (document.querySelector('.theme-toggle'));
if (toggle) {
  labelToggle(toggle);
  toggle.hidden = false;
  toggle.addEventListener('click', () => {
    const next = currentTheme() === 'dark' ? 'light' : 'dark';
    document.documentElement.dataset.theme = next;
    try {
      localStorage.setItem('theme', next);
    } catch {
      // Without storage the choice lasts for this page only.
    }
    labelToggle(toggle);
  });
  darkQuery.addEventListener('change', () => labelToggle(toggle));
}

// ---- copy buttons ----------------------------------------------------------------------------

/** @param {HTMLElement} button */
function enableCopy(button) {
  button.hidden = false;
  button.setAttribute('aria-label', 'Copy the code');
  button.addEventListener('click', async () => {
    const code = button.parentElement?.querySelector('pre')?.textContent ?? '';
    try {
      await navigator.clipboard.writeText(code);
      button.textContent = 'Copied';
    } catch {
      button.textContent = 'Select and copy';
    }
    setTimeout(() => {
      button.textContent = 'Copy';
    }, 2000);
  });
}

all('.code > .copy').forEach(enableCopy);

// ---- reference solutions: fetched from their source view when the spoiler first opens ---------

for (const spoiler of /** @type {HTMLDetailsElement[]} */ (all('details.spoiler[data-solution]'))) {
  /** @type {Promise<void> | undefined} */
  let loading;
  spoiler.addEventListener('toggle', () => {
    if (!spoiler.open) return;
    loading ??= (async () => {
      const link = spoiler.querySelector('.solution-link');
      const source = spoiler.dataset.solution ?? '';
      try {
        const response = await fetch(base + source);
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        const view = new DOMParser().parseFromString(await response.text(), 'text/html');
        const code = view.querySelector('article .code');
        if (!code) throw new Error('the source view holds no code');
        const figure = document.createElement('figure');
        figure.className = 'listing';
        const caption = document.createElement('figcaption');
        const anchor = document.createElement('a');
        anchor.href = base + source;
        const name = document.createElement('code');
        name.textContent = source.replace(/^source\//, '').replace(/\.html$/, '');
        anchor.append(name);
        caption.append(anchor);
        const imported = /** @type {HTMLElement} */ (document.importNode(code, true));
        figure.append(caption, imported);
        imported.querySelectorAll('[id]').forEach((element) => element.removeAttribute('id'));
        link?.replaceWith(figure);
        const copy = /** @type {HTMLElement | null} */ (imported.querySelector('.copy'));
        if (copy) enableCopy(copy);
      } catch (error) {
        // The link stays: it leads to the code without the script's help.
        link?.append(` (it could not be shown here: ${error instanceof Error ? error.message : String(error)})`);
      }
    })();
  });
}

// ---- search ----------------------------------------------------------------------------------

/**
 * @typedef {{ id: string, title: string, page: string, text?: string, terms: string[] }} SearchHit
 * @typedef {{ search(query: string): SearchHit[] }} SearchEngine
 */

const searchBox = /** @type {HTMLElement | null} */ (document.querySelector('.search'));
const input = /** @type {HTMLInputElement | null} */ (document.getElementById('site-search'));
const results = /** @type {HTMLUListElement | null} */ (document.getElementById('site-search-results'));
const searchStatus = document.getElementById('site-search-status');

/** @type {Promise<SearchEngine> | undefined} */
let engine;

/** Loads the search library and the index the first time the reader uses search. */
function loadEngine() {
  engine ??= (async () => {
    const [library, response] = await Promise.all([import(new URL(`${base}assets/minisearch.js`, location.href).href), fetch(`${base}search-index.json`)]);
    if (!response.ok) throw new Error(`the search index could not be loaded (HTTP ${response.status})`);
    const data = await response.json();
    /** @type {typeof import('minisearch').default} */
    const MiniSearch = library.default;
    const index = MiniSearch.loadJS(data.index, data.options);
    return { search: (query) => /** @type {SearchHit[]} */ (/** @type {unknown} */ (index.search(query))) };
  })();
  return engine;
}

/** @param {string} text */
function announce(text) {
  if (searchStatus) searchStatus.textContent = text;
}

/**
 * A pattern that finds the words a hit matched (the index's terms, which are lower case, at the
 * start of a word).
 * @param {string[]} terms
 */
function termPattern(terms) {
  const escaped = [...new Set(terms)].filter(Boolean).map((t) => t.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'));
  return escaped.length ? new RegExp(`(?<![\\p{L}\\p{N}])(?:${escaped.join('|')})`, 'giu') : undefined;
}

/**
 * Appends `text` to `parent` with every match of `pattern` wrapped in <mark>.
 * @param {HTMLElement} parent @param {string} text @param {RegExp | undefined} pattern
 */
function appendMarked(parent, text, pattern) {
  let at = 0;
  if (pattern) {
    for (const match of text.matchAll(pattern)) {
      const index = match.index ?? 0;
      if (index > at) parent.append(text.slice(at, index));
      const mark = document.createElement('mark');
      mark.textContent = match[0];
      parent.append(mark);
      at = index + match[0].length;
    }
  }
  if (at < text.length) parent.append(text.slice(at));
}

/**
 * About 160 characters of a section's text around its first match, cut at word boundaries.
 * @param {string} text @param {RegExp | undefined} pattern
 */
function snippetOf(text, pattern) {
  const size = 160;
  const first = pattern ? text.search(pattern) : -1;
  let start = first > 60 ? text.lastIndexOf(' ', first - 50) + 1 : 0;
  if (start < 0) start = 0;
  let end = Math.min(text.length, start + size);
  if (end < text.length) end = Math.max(text.lastIndexOf(' ', end), start + 40);
  return `${start > 0 ? '… ' : ''}${text.slice(start, end).trim()}${end < text.length ? ' …' : ''}`;
}

/** @param {SearchHit[]} hits */
function showResults(hits) {
  if (!results) return;
  results.replaceChildren(
    ...hits.map((hit) => {
      const pattern = termPattern(hit.terms ?? []);
      const item = document.createElement('li');
      const link = document.createElement('a');
      link.href = base + hit.id;
      const title = document.createElement('span');
      title.className = 'result-title';
      appendMarked(title, hit.title, pattern);
      const page = document.createElement('span');
      page.className = 'result-page';
      if (hit.page !== hit.title) appendMarked(page, hit.page, pattern);
      link.append(title, page);
      const excerpt = hit.text ?? '';
      if (excerpt) {
        const snippet = document.createElement('span');
        snippet.className = 'result-snippet';
        appendMarked(snippet, snippetOf(excerpt, pattern), pattern);
        link.append(snippet);
      }
      item.append(link);
      return item;
    }),
  );
  results.hidden = hits.length === 0 && !(input?.value.trim());
}

/**
 * The best hits, at most `perPage` sections from any one page, so one long chapter cannot
 * crowd every other page out of the list.
 * @param {SearchHit[]} hits @param {number} perPage @param {number} limit
 */
function diverse(hits, perPage, limit) {
  /** @type {Map<string, number>} */
  const counts = new Map();
  return hits
    .filter((hit) => {
      const page = hit.id.split('#')[0] ?? hit.id;
      const count = counts.get(page) ?? 0;
      counts.set(page, count + 1);
      return count < perPage;
    })
    .slice(0, limit);
}

async function runSearch() {
  if (!input || !results) return;
  const query = input.value.trim();
  if (!query) {
    showResults([]);
    announce('');
    return;
  }
  try {
    const hits = diverse((await loadEngine()).search(query), 3, 12);
    if (input.value.trim() !== query) return;
    showResults(hits);
    if (hits.length === 0) {
      const empty = document.createElement('li');
      empty.className = 'no-results';
      empty.textContent = `Nothing matches “${query}”.`;
      results.replaceChildren(empty);
      results.hidden = false;
    }
    announce(`${hits.length} result${hits.length === 1 ? '' : 's'}`);
  } catch (error) {
    const failed = document.createElement('li');
    failed.className = 'no-results';
    failed.textContent =
      location.protocol === 'file:'
        ? 'Search needs the local server: run npm start and open the address it prints.'
        : `Search is unavailable: ${error instanceof Error ? error.message : String(error)}`;
    results.replaceChildren(failed);
    results.hidden = false;
  }
}

if (searchBox && input && results) {
  searchBox.hidden = false;
  input.addEventListener('focus', () => void loadEngine().catch(() => undefined), { once: true });
  // Coming back to the box shows the results of the query still in it.
  input.addEventListener('focus', () => {
    if (input.value.trim() && results.childElementCount > 0) results.hidden = false;
  });
  // The results close once focus leaves the search box and its results.
  searchBox.addEventListener('focusout', (event) => {
    if (!searchBox.contains(/** @type {Node | null} */ (event.relatedTarget))) results.hidden = true;
  });
  input.addEventListener('input', () => void runSearch());
  input.addEventListener('keydown', (event) => {
    if (event.key === 'Escape') {
      input.value = '';
      showResults([]);
      input.blur();
    } else if (event.key === 'ArrowDown') {
      /** @type {HTMLElement | null} */ (results.querySelector('a'))?.focus();
      event.preventDefault();
    } else if (event.key === 'Enter') {
      const first = /** @type {HTMLAnchorElement | null} */ (results.querySelector('a'));
      if (first) location.href = first.href;
    }
  });
  results.addEventListener('keydown', (event) => {
    const links = /** @type {HTMLAnchorElement[]} */ ([...results.querySelectorAll('a')]);
    const at = links.indexOf(/** @type {HTMLAnchorElement} */ (document.activeElement));
    if (event.key === 'ArrowDown' && at >= 0) links[Math.min(at + 1, links.length - 1)]?.focus();
    else if (event.key === 'ArrowUp' && at > 0) links[at - 1]?.focus();
    else if (event.key === 'ArrowUp') input.focus();
    else if (event.key === 'Escape') input.focus();
    else return;
    event.preventDefault();
  });
  document.addEventListener('click', (event) => {
    if (!searchBox.contains(/** @type {Node} */ (event.target))) results.hidden = true;
  });
}

// ---- keyboard --------------------------------------------------------------------------------

/**
 * True when focus is in a region that scrolls sideways (a wide diagram or table): there the arrow
 * keys scroll it and must not turn the page.
 * @param {HTMLElement} element
 */
function inSidewaysScroller(element) {
  for (let at = /** @type {HTMLElement | null} */ (element); at && at !== document.body; at = at.parentElement) {
    const overflow = getComputedStyle(at).overflowX;
    if ((overflow === 'auto' || overflow === 'scroll') && at.scrollWidth > at.clientWidth + 1) return true;
  }
  return false;
}

/** @param {EventTarget | null} target */
function isTyping(target) {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ['INPUT', 'TEXTAREA', 'SELECT'].includes(target.tagName) || target.closest('pre') !== null;
}

document.addEventListener('keydown', (event) => {
  if (event.defaultPrevented || event.altKey || event.ctrlKey || event.metaKey || event.shiftKey) return;
  if (isTyping(event.target)) return;
  if (event.key === '/' && input) {
    event.preventDefault();
    input.focus();
    return;
  }
  const rel = event.key === 'ArrowLeft' ? 'prev' : event.key === 'ArrowRight' ? 'next' : undefined;
  if (!rel) return;
  if (event.target instanceof HTMLElement && inSidewaysScroller(event.target)) return;
  const link = /** @type {HTMLLinkElement | null} */ (document.querySelector(`link[rel="${rel}"]`));
  if (link) {
    event.preventDefault();
    location.href = link.href;
  }
});

// ---- the menu ----------------------------------------------------------------------------------

const menu = /** @type {HTMLDetailsElement | null} */ (document.querySelector('.menu'));
if (menu) {
  menu.addEventListener('keydown', (event) => {
    if (event.key !== 'Escape' || !menu.open) return;
    menu.open = false;
    /** @type {HTMLElement | null} */ (menu.querySelector('summary'))?.focus();
  });
}

// ---- the outline: mark the section being read -------------------------------------------------

const outlineLinks = /** @type {HTMLAnchorElement[]} */ (all('.outline a[href^="#"], .outline-inline a[href^="#"]'));
const sections = [...new Set(outlineLinks.map((a) => decodeURIComponent(a.hash.slice(1))))]
  .map((id) => document.getElementById(id))
  .filter((element) => element !== null);

/** The last heading whose top has scrolled past the top bar is the section being read. */
function markCurrentSection() {
  const line = parseFloat(getComputedStyle(document.documentElement).scrollPaddingTop) || 72;
  /** @type {HTMLElement | undefined} */
  let current;
  for (const heading of sections) {
    if (heading.getBoundingClientRect().top <= line + 8) current = heading;
    else break;
  }
  for (const link of outlineLinks) {
    if (current && decodeURIComponent(link.hash.slice(1)) === current.id) link.setAttribute('aria-current', 'location');
    else link.removeAttribute('aria-current');
  }
}

if (sections.length > 0) {
  let queued = false;
  const schedule = () => {
    if (queued) return;
    queued = true;
    requestAnimationFrame(() => {
      queued = false;
      markCurrentSection();
    });
  };
  window.addEventListener('scroll', schedule, { passive: true });
  window.addEventListener('hashchange', schedule);
  markCurrentSection();
}

// ---- wide tables: keyboard-scrollable when they scroll ---------------------------------------

/** A table wider than the column scrolls inside its frame; the frame then takes focus, like a diagram's. */
function markScrollingTables() {
  for (const wrap of all('.table-wrap')) {
    if (wrap.scrollWidth > wrap.clientWidth + 1) {
      wrap.tabIndex = 0;
      wrap.setAttribute('role', 'region');
      wrap.setAttribute('aria-label', wrap.querySelector('caption')?.textContent?.trim() || 'Table, scrolls sideways');
    } else if (wrap.hasAttribute('tabindex')) {
      wrap.removeAttribute('tabindex');
      wrap.removeAttribute('role');
      wrap.removeAttribute('aria-label');
    }
  }
}
markScrollingTables();
window.addEventListener('resize', markScrollingTables, { passive: true });
