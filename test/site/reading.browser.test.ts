import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { available, chapterPages, openSite, screenshot, type SiteUnderTest, SLOW, suiteName, survey } from './browser-harness.ts';

/**
 * Reading the site in headless Chromium: listings coloured as in their whole file and linked to
 * their lines, an outline of every section that marks the one being read, a comfortable line
 * length, an API reference that reads as one, and search results that show why they matched.
 */

let site: SiteUnderTest;

/** In the page: each line of a code block as its visible characters with their colours, spaces left out. */
const LINES_OF = `(pre) => {
  const lines = [[]];
  const walk = (node) => {
    for (const child of node.childNodes) {
      if (child.nodeType === Node.TEXT_NODE) {
        const colour = getComputedStyle(child.parentElement).color;
        for (const char of child.textContent) {
          if (char === '\\n') lines.push([]);
          else if (char.trim()) lines[lines.length - 1].push(char + ' ' + colour);
        }
      } else walk(child);
    }
  };
  walk(pre.querySelector('code'));
  return lines.map((line) => line.join('|'));
}`;

interface Listing {
  href: string;
  lines: string[];
  firstLine: string;
}

async function listingsOf(page: Page): Promise<Listing[]> {
  return (await page.evaluate(`[...document.querySelectorAll('figure.listing')]
    .filter((f) => (f.querySelector('figcaption a') || {}).hash)
    .map((f) => ({
      href: f.querySelector('figcaption a').getAttribute('href'),
      lines: (${LINES_OF})(f.querySelector('pre')),
      firstLine: f.querySelector('pre code').textContent.split('\\n')[0].trim(),
    }))`)) as Listing[];
}

/** In the page: each long paragraph's start and characters per line (its width over the average width of its own characters). */
const LINE_LENGTHS = `[...document.querySelectorAll('article > p')].flatMap((p) => {
  const text = p.textContent.replace(/\\s+/g, ' ').trim();
  if (text.length < 200) return [];
  const probe = document.createElement('span');
  probe.style.whiteSpace = 'nowrap';
  probe.textContent = text;
  p.append(probe);
  const perChar = probe.getBoundingClientRect().width / text.length;
  probe.remove();
  return [[text.slice(0, 40), p.clientWidth / perChar]];
})`;

const WIDTHS = [1100, 1280, 1920];

/** What the tests read on one chapter page: its listings, and its line lengths at each width (the page resized, not reloaded). */
interface ChapterView {
  listings: Listing[];
  lineLengths: Map<number, Array<[string, number]>>;
}

let views: Promise<Map<string, ChapterView>> | undefined;
/** Each chapter page visited once, for every test that reads them. */
function chapterViews(): Promise<Map<string, ChapterView>> {
  views ??= survey(site, chapterPages(site.site), async (page) => {
    const listings = await listingsOf(page);
    const lineLengths = new Map<number, Array<[string, number]>>();
    for (const width of WIDTHS) {
      await page.setViewportSize({ width, height: 900 });
      lineLengths.set(width, (await page.evaluate(LINE_LENGTHS)) as Array<[string, number]>);
    }
    await page.setViewportSize({ width: 1280, height: 900 });
    return { listings, lineLengths };
  });
  return views;
}

describe.skipIf(!available)(suiteName('reading the site in headless Chromium'), () => {
  beforeAll(async () => {
    site = await openSite({ api: true });
  }, SLOW);

  afterAll(async () => {
    await site?.close();
  });

  it('colours every listing exactly as the same lines of its whole file, and links its caption to them', async () => {
    const { context } = await site.newContext();
    const page = await context.newPage();
    const listings: Array<Listing & { from: string }> = [];
    for (const [file, view] of await chapterViews()) listings.push(...view.listings.map((l) => ({ ...l, from: file })));
    expect(listings.length, 'the chapters include listings').toBeGreaterThan(0);
    const problems: string[] = [];
    const bySource = new Map<string, Array<Listing & { from: string; line: number }>>();
    for (const listing of listings) {
      const [source = '', hash = ''] = listing.href.split('#');
      const line = Number(/^L(\d+)$/.exec(hash)?.[1]);
      if (!line) problems.push(`${listing.from}: the caption ${listing.href} names no line`);
      else bySource.set(source, [...(bySource.get(source) ?? []), { ...listing, line }]);
    }
    for (const [source, shown] of bySource) {
      await page.goto(site.server.url + source);
      for (const listing of shown) {
        const lines = (await page.evaluate(`(() => {
          const pre = document.getElementById('L${listing.line}')?.closest('pre');
          return pre ? (${LINES_OF})(pre).slice(${listing.line - 1}, ${listing.line - 1 + listing.lines.length}) : null;
        })()`)) as string[] | null;
        const first = (await page.evaluate(`(document.getElementById('L${listing.line}') || {}).textContent`)) as string | undefined;
        if (!lines) problems.push(`${listing.from}: ${listing.href} has no line ${listing.line}`);
        else if (first?.trim() !== listing.firstLine) problems.push(`${listing.from}: ${listing.href} starts "${first?.trim()}", the listing "${listing.firstLine}"`);
        else if (JSON.stringify(lines) !== JSON.stringify(listing.lines)) {
          const at = lines.findIndex((l, i) => l !== listing.lines[i]);
          problems.push(`${listing.from}: ${listing.href}: line ${listing.line + at} is coloured differently in the listing than in the file`);
        }
      }
    }
    await context.close();
    expect(problems).toEqual([]);
  }, SLOW);

  it('opens a listing\'s lines in its source view, numbered and in view', async () => {
    const file = chapterPages(site.site).find((p) => p.startsWith('06-')) ?? chapterPages(site.site)[0]!;
    const { page, context } = await site.open(file);
    const caption = page.locator('figure.listing figcaption a[href*="#L"]').first();
    const href = (await caption.getAttribute('href'))!;
    await caption.click();
    await page.waitForURL(new URL(href, site.server.url + file).href);
    const target = (await page.evaluate(`(() => {
      const line = document.querySelector(':target');
      const r = line.getBoundingClientRect();
      return { id: line.id, inView: r.top >= 0 && r.bottom <= innerHeight, number: getComputedStyle(line, '::before').content };
    })()`)) as { id: string; inView: boolean; number: string };
    expect(target).toEqual({ id: href.split('#')[1], inView: true, number: 'counter(line)' });
    await screenshot(page, 'source-view-1280');
    await context.close();
  }, SLOW);

  it('shows a reference solution, fetched from its source view, when its spoiler is opened', async () => {
    const chapter = site.site.chapters.find((c) => c.exercises.length > 0)!;
    const { page, context } = await site.open(chapter.url);
    const spoiler = page.locator('details.spoiler').first();
    const source = (await spoiler.getAttribute('data-solution'))!;
    expect(await spoiler.locator('pre').count(), 'the page itself does not carry the code').toBe(0);
    await spoiler.locator('summary').click();
    const code = spoiler.locator('pre');
    await code.waitFor({ state: 'visible' });
    const shown = (await code.textContent())!;
    const view = await context.newPage();
    await view.goto(site.server.url + source);
    expect(shown).toBe(await view.locator('article pre').textContent());
    expect(shown).toMatch(/\bexport\b/);
    expect(await spoiler.locator('.copy').isVisible(), 'the shown code has its copy button').toBe(true);
    await context.close();
  }, SLOW);

  it('lists every h2 and h3 in the outline and marks the section being read', async () => {
    const file = chapterPages(site.site)[1]!;
    const { page, context } = await site.open(file);
    const headings = (await page.evaluate(`[...document.querySelectorAll('article h2[id], article h3[id]')].map((h) => '#' + h.id)`)) as string[];
    const outline = (await page.evaluate(`[...document.querySelectorAll('.outline a')].map((a) => a.getAttribute('href'))`)) as string[];
    expect(headings.some((h) => outline.includes(h) && h !== outline[0])).toBe(true);
    expect(outline.map(decodeURIComponent)).toEqual(headings.map(decodeURIComponent));
    expect(await page.locator('.outline').isVisible()).toBe(true);
    const middle = headings[Math.floor(headings.length / 2)]!;
    await page.evaluate(`document.getElementById(${JSON.stringify(decodeURIComponent(middle.slice(1)))}).scrollIntoView()`);
    await page.waitForFunction(`document.querySelector('.outline a[aria-current]')?.getAttribute('href') === ${JSON.stringify(middle)}`);
    expect(await page.locator('.outline a[aria-current]').count()).toBe(1);
    await context.close();
  }, SLOW);

  for (const width of [1100, 390]) {
    it(`keeps the outline reachable at ${width} px`, async () => {
      const file = chapterPages(site.site)[1]!;
      const { page, context } = await site.open(file, { viewport: { width, height: 900 } });
      expect(await page.locator('.outline').isVisible()).toBe(false);
      const toggle = page.locator('.outline-inline > summary');
      expect(await toggle.isVisible()).toBe(true);
      await toggle.click();
      const links = page.locator('.outline-inline a');
      expect(await links.count()).toBeGreaterThan(3);
      const link = links.nth(2);
      const href = (await link.getAttribute('href'))!;
      await link.click();
      await page.waitForURL(`${site.server.url}${file}${href}`);
      await context.close();
    }, SLOW);
  }

  for (const width of WIDTHS) {
    it(`sets body text at 60–75 characters a line at ${width} px`, async () => {
      const outside: string[] = [];
      let measured = 0;
      for (const [file, view] of await chapterViews()) {
        const lengths = view.lineLengths.get(width) ?? [];
        measured += lengths.length;
        for (const [start, length] of lengths) if (length < 60 || length > 75) outside.push(`${file}: "${start}…" runs ${length.toFixed(0)} characters a line`);
      }
      expect(measured).toBeGreaterThan(10);
      expect(outside).toEqual([]);
    }, SLOW);
  }

  it('gives the API reference distinct heading levels, its members in the outline, and types as signatures', async () => {
    const api = site.pages().find((p) => p.startsWith('api-') && p.includes('message-queue')) ?? site.pages().find((p) => p.startsWith('api-'))!;
    const { page, context } = await site.open(api);
    const styles = (await page.evaluate(`['h2', 'h3', 'h4', 'h5', 'h6'].map((tag) => {
      const h = document.querySelector('article ' + tag);
      if (!h) return null;
      const s = getComputedStyle(h);
      return [tag, [s.fontSize, s.fontWeight, s.fontStyle, s.textTransform, s.fontFamily].join(' / ')];
    }).filter(Boolean)`)) as Array<[string, string]>;
    expect(styles.map(([tag]) => tag)).toEqual(expect.arrayContaining(['h2', 'h3', 'h4', 'h5']));
    expect(new Set(styles.map(([, style]) => style)).size, JSON.stringify(styles)).toBe(styles.length);
    const members = (await page.evaluate(`[...document.querySelectorAll('article h4[id]')].map((h) => '#' + h.id)`)) as string[];
    const outline = (await page.evaluate(`[...document.querySelectorAll('.outline a')].map((a) => a.getAttribute('href'))`)) as string[];
    expect(members.length).toBeGreaterThan(0);
    expect(outline).toEqual(expect.arrayContaining(members));
    const chips = (await page.evaluate(`[...document.querySelectorAll('article p, article td')].filter((e) => {
      const codes = [...e.children].filter((c) => c.tagName === 'CODE' || (c.tagName === 'A' && c.querySelector('code')));
      const rest = [...e.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
      return codes.length >= 2 && /^[\\s|&<>()\\[\\]{},.:;=?]*$/.test(rest);
    }).map((e) => e.textContent.trim())`)) as string[];
    expect(chips, 'types written as a row of separate code chips').toEqual([]);
    expect(await page.locator('article code.signature').count()).toBeGreaterThan(0);
    await screenshot(page, 'api-1280');
    await context.close();
  }, SLOW);

  it('shows each search result with a snippet and the matched words highlighted', async () => {
    const { page, context } = await site.open('index.html');
    await page.keyboard.press('/');
    await page.keyboard.type('backpressure');
    await page.locator('#site-search-results a').first().waitFor({ state: 'visible' });
    const results = (await page.evaluate(`[...document.querySelectorAll('#site-search-results a')].map((a) => ({
      snippet: (a.querySelector('.result-snippet') || {}).textContent || '',
      marks: [...a.querySelectorAll('mark')].map((m) => m.textContent),
    }))`)) as Array<{ snippet: string; marks: string[] }>;
    expect(results.length).toBeGreaterThan(1);
    for (const result of results) {
      expect(result.snippet.length, 'every result has a snippet').toBeGreaterThan(20);
      expect(result.marks.length, `a highlighted match in "${result.snippet}"`).toBeGreaterThan(0);
      for (const mark of result.marks) expect(mark).toMatch(/^backpressur/i);
    }
    await context.close();
  }, SLOW);

  it('titles API search results by the symbol, not by the exercise slug', async () => {
    const { page, context } = await site.open('index.html');
    await page.keyboard.press('/');
    await page.keyboard.type('dequeue');
    await page.locator('#site-search-results a').first().waitFor({ state: 'visible' });
    const hits = (await page.evaluate(`[...document.querySelectorAll('#site-search-results a')].map((a) => ({
      href: a.getAttribute('href'),
      title: a.querySelector('.result-title').textContent,
      page: a.querySelector('.result-page').textContent,
    }))`)) as Array<{ href: string; title: string; page: string }>;
    const api = hits.filter((h) => h.href.startsWith('api-'));
    expect(api.length, 'the API reference is found').toBeGreaterThan(0);
    for (const hit of hits) expect(hit.title, hit.href).not.toMatch(/\d\d-[a-z0-9-]+\//);
    expect(api.some((h) => /^[A-Z][\w$]*\.dequeue\(\)$/.test(h.title)), JSON.stringify(api)).toBe(true);
    // A result names its page unless it is the page itself (then the title already does).
    const named = api.filter((h) => h.page);
    expect(named.length).toBeGreaterThan(0);
    for (const hit of named) expect(hit.page).toMatch(/^API: [A-Z]/);
    await context.close();
  }, SLOW);
});
