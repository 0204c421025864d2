import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROOT } from '../../core/root.ts';
import { available, chapterPages, openSite, screenshot, SCREENSHOTS, type SiteUnderTest, SLOW, suiteName, survey } from './browser-harness.ts';

/**
 * The site on a phone (390 px) and from the keyboard: a menu instead of the sidebar, a search that
 * opens across the screen, controls large enough to tap, a copy button beside the code and not on
 * it, page turns that leave scrolling regions alone. Also the print edition, the not-found page
 * and what every page says about itself (canonical address, OpenGraph, version and commit).
 */

let site: SiteUnderTest;
const PHONE = { viewport: { width: 390, height: 844 } };

/** The visible elements matching `selector`, with their boxes. */
async function boxes(page: Page, selector: string): Promise<Array<{ what: string; left: number; right: number; top: number; bottom: number; width: number; height: number }>> {
  return (await page.evaluate(`[...document.querySelectorAll(${JSON.stringify(selector)})]
    .filter((e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden')
    .map((e) => {
      const r = e.getBoundingClientRect();
      const what = e.tagName.toLowerCase() + (e.className ? '.' + String(e.className).split(' ')[0] : '') + ' "' + (e.textContent || e.getAttribute('aria-label') || '').trim().slice(0, 30) + '"';
      return { what, left: r.left, right: r.right, top: r.top, bottom: r.bottom, width: r.width, height: r.height };
    })`)) as Array<{ what: string; left: number; right: number; top: number; bottom: number; width: number; height: number }>;
}

describe.skipIf(!available)(suiteName('the site on a phone and from the keyboard, in headless Chromium'), () => {
  beforeAll(async () => {
    site = await openSite({ api: false });
  }, SLOW);

  afterAll(async () => {
    await site?.close();
  });

  it('takes screenshots at 390 and 1280 px for a person to look at', async () => {
    const pages = ['index.html', chapterPages(site.site)[1] ?? chapterPages(site.site)[0]!, 'print.html', 'no-such-page.html'];
    const taken: string[] = [];
    for (const [width, height] of [
      [390, 844],
      [1280, 900],
    ] as const) {
      const { context } = await site.newContext({ viewport: { width, height } });
      const page = await context.newPage();
      for (const file of pages) {
        await page.goto(site.server.url + file);
        await page.evaluate('document.fonts.ready.then(() => true)');
        await screenshot(page, `${file.replace(/\.html$/, '')}-${width}`);
        taken.push(`${file.replace(/\.html$/, '')}-${width}`);
      }
      if (width === 390) {
        await page.goto(site.server.url + pages[1]!);
        await page.locator('.menu > summary').click();
        await screenshot(page, 'menu-open-390');
      }
      await context.close();
    }
    // A person looks at them; the test makes sure each was written and is an image.
    for (const name of taken) expect(readFileSync(path.join(SCREENSHOTS, `${name}.png`)).subarray(1, 4).toString('latin1'), name).toBe('PNG');
    expect(taken).toHaveLength(pages.length * 2);
  }, SLOW);

  for (const javaScript of [true, false]) {
    it(`puts the content first at 390 px, with a menu button that opens the chapter list (JavaScript ${javaScript ? 'on' : 'off'})`, async () => {
      const { page, context } = await site.open(chapterPages(site.site)[1]!, { ...PHONE, javaScriptEnabled: javaScript });
      expect(await page.locator('.sidebar').isVisible(), 'the sidebar is not drawn above the content').toBe(false);
      const h1 = await page.locator('article h1').boundingBox();
      expect(h1!.y, 'the title is in the first screen').toBeLessThan(300);
      const button = page.locator('.menu > summary');
      expect(await button.isVisible()).toBe(true);
      const links = page.locator('.menu-nav a');
      expect(await links.first().isVisible()).toBe(false);
      await button.click();
      for (const chapter of site.site.chapters) expect(await page.locator(`.menu-nav a[href="${chapter.url}"]`).isVisible(), chapter.slug).toBe(true);
      await page.locator(`.menu-nav a[href="${site.site.chapters[0]!.url}"]`).click();
      await page.waitForURL(site.server.url + site.site.chapters[0]!.url);
      await context.close();
    }, SLOW);
  }

  it('opens the search across the whole width at 390 px, with its results on screen', async () => {
    const { page, context } = await site.open(chapterPages(site.site)[0]!, PHONE);
    await page.keyboard.press('/');
    const box = await page.locator('.search').boundingBox();
    expect(box!.width, 'the open search box spans the top bar').toBeGreaterThan(390 - 24);
    await page.keyboard.type('queue');
    await page.locator('#site-search-results a').first().waitFor({ state: 'visible' });
    const results = await page.locator('#site-search-results').boundingBox();
    expect(results!.x).toBeGreaterThanOrEqual(0);
    expect(results!.x + results!.width).toBeLessThanOrEqual(390);
    expect(results!.width).toBeGreaterThan(390 - 24);
    expect(await page.evaluate('document.documentElement.scrollWidth')).toBeLessThanOrEqual(390);
    await screenshot(page, 'search-390');
    await context.close();
  }, SLOW);

  it('makes every control at least 44 px each way at 390 px, and lets nothing overflow the screen', async () => {
    const { context } = await site.newContext(PHONE);
    const page = await context.newPage();
    const small: string[] = [];
    const CONTROLS = 'button, input, select, summary, nav a, .pager a, .chapter-list a';
    for (const file of ['index.html', ...chapterPages(site.site).slice(0, 3), 'exercises.html']) {
      await page.goto(site.server.url + file);
      expect(await page.evaluate('document.documentElement.scrollWidth'), `${file} fits 390 px`).toBeLessThanOrEqual(390);
      await page.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
      for (const b of await boxes(page, CONTROLS)) {
        if (b.width < 44 || b.height < 44) small.push(`${file}: ${b.what} is ${b.width.toFixed(0)} × ${b.height.toFixed(0)} px`);
      }
    }
    await context.close();
    expect(small).toEqual([]);
  }, SLOW);

  /** In the page: for each copy button shown, whether it lies over its code. */
  const COPY_OVER_CODE = `[...document.querySelectorAll('.code > .copy')].filter((b) => b.getClientRects().length > 0).map((b) => {
    const pre = b.parentElement.querySelector('pre').getBoundingClientRect();
    const r = b.getBoundingClientRect();
    return r.right > pre.left && r.left < pre.right && r.bottom > pre.top && r.top < pre.bottom;
  })`;
  const COPY_WIDTHS = [PHONE.viewport, { width: 1280, height: 900 }];
  let copyButtons: Promise<Map<string, Map<number, boolean[]>>> | undefined;
  /** Each chapter page visited once, every disclosure open, its copy buttons looked at in each width (the page resized, not reloaded). */
  const copyButtonsOf = (): Promise<Map<string, Map<number, boolean[]>>> =>
    (copyButtons ??= survey(
      site,
      chapterPages(site.site),
      async (page) => {
        await page.evaluate(`document.querySelectorAll('details').forEach((d) => { d.open = true; })`);
        const found = new Map<number, boolean[]>();
        for (const viewport of COPY_WIDTHS) {
          await page.setViewportSize(viewport);
          found.set(viewport.width, (await page.evaluate(COPY_OVER_CODE)) as boolean[]);
        }
        return found;
      },
      { viewport: PHONE.viewport },
    ));

  for (const viewport of COPY_WIDTHS) {
    it(`keeps the copy button clear of the code at ${viewport.width} px`, async () => {
      const covered: string[] = [];
      let buttons = 0;
      for (const [file, widths] of await copyButtonsOf()) {
        const overlaps = widths.get(viewport.width) ?? [];
        buttons += overlaps.length;
        covered.push(...overlaps.flatMap((overlap, i) => (overlap ? [`${file}: copy button ${i + 1} lies over its code`] : [])));
      }
      expect(buttons, 'copy buttons are shown').toBeGreaterThan(0);
      expect(covered).toEqual([]);
    }, SLOW);
  }

  it('scrolls a wide diagram with the arrow keys instead of turning the page', async () => {
    const { context } = await site.newContext(PHONE);
    const page = await context.newPage();
    let wide: { file: string; index: number } | undefined;
    for (const file of chapterPages(site.site)) {
      await page.goto(site.server.url + file);
      const index = (await page.evaluate(`[...document.querySelectorAll('figure.diagram')].findIndex((f) => f.scrollWidth > f.clientWidth + 1)`)) as number;
      if (index >= 0) {
        wide = { file, index };
        break;
      }
    }
    expect(wide, 'some diagram is wider than a phone').toBeDefined();
    const figure = page.locator('figure.diagram').nth(wide!.index);
    await figure.focus();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    expect(page.url(), 'the page did not turn').toBe(site.server.url + wide!.file);
    expect((await figure.evaluate('(f) => f.scrollLeft').catch(() => undefined)) ?? (await page.evaluate(`document.querySelectorAll('figure.diagram')[${wide!.index}].scrollLeft`))).toBeGreaterThan(0);
    // With focus back on the page itself, → turns the page as before.
    await page.locator('article h1').click();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL((url) => url.href !== site.server.url + wide!.file);
    await context.close();
  }, SLOW);

  it('closes the search results when focus leaves them', async () => {
    const { page, context } = await site.open(chapterPages(site.site)[0]!);
    await page.keyboard.press('/');
    await page.keyboard.type('queue');
    const results = page.locator('#site-search-results');
    await results.locator('a').first().waitFor({ state: 'visible' });
    await page.keyboard.press('ArrowDown');
    expect(await page.evaluate('document.activeElement.closest("#site-search-results") !== null')).toBe(true);
    await page.locator('.brand').focus();
    expect(await results.isVisible(), 'closed once focus left').toBe(false);
    await page.locator('#site-search').focus();
    expect(await results.isVisible(), 'open again on coming back').toBe(true);
    await page.keyboard.press('Tab');
    while ((await page.evaluate('document.activeElement.closest(".search") !== null')) as boolean) await page.keyboard.press('Tab');
    expect(await results.isVisible(), 'closed once Tab left the results').toBe(false);
    await context.close();
  }, SLOW);

  it('draws no focus ring around a heading the reader follows a link to', async () => {
    const file = chapterPages(site.site)[1]!;
    const { page, context } = await site.open(file);
    const link = page.locator('.outline a').nth(1);
    const id = decodeURIComponent(((await link.getAttribute('href')) ?? '').slice(1));
    await link.focus();
    await page.keyboard.press('Enter');
    await page.waitForURL(`${site.server.url}${file}#${encodeURIComponent(id)}`);
    const state = (await page.evaluate(`(() => {
      const heading = document.getElementById(${JSON.stringify(id)});
      const focused = document.activeElement;
      return { tabindex: heading.getAttribute('tabindex'), headingFocused: focused === heading || heading.contains(focused) && focused.tagName !== 'A', outline: getComputedStyle(heading).outlineStyle };
    })()`)) as { tabindex: string | null; headingFocused: boolean; outline: string };
    expect(state).toEqual({ tabindex: null, headingFocused: false, outline: 'none' });
    // A heading's own link, reached with Tab, shows focus as an underline rather than a box.
    await page.locator(`#${id.replace(/[^\w-]/g, '\\$&')} .header-anchor`).focus();
    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Tab');
    const anchor = (await page.evaluate(`(() => { const s = getComputedStyle(document.activeElement); return { cls: document.activeElement.className, outline: s.outlineStyle, underline: s.textDecorationLine }; })()`)) as { cls: string; outline: string; underline: string };
    expect(anchor).toEqual({ cls: 'header-anchor', outline: 'none', underline: 'underline' });
    await context.close();
  }, SLOW);

  it('prints one h1, a table of contents, each chapter from a new page, hints open and no solutions', async () => {
    const { page, context } = await site.open('print.html');
    await page.emulateMedia({ media: 'print' });
    const print = (await page.evaluate(`(() => {
      const visible = (e) => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
      return {
        h1: [...document.querySelectorAll('h1')].filter(visible).length,
        toc: [...document.querySelectorAll('.print-toc a')].map((a) => a.getAttribute('href')),
        chapters: [...document.querySelectorAll('.print-chapter')].map((c) => [c.id || c.getAttribute('aria-labelledby'), getComputedStyle(c).breakBefore]),
        closed: [...document.querySelectorAll('article details')].filter((d) => !d.open).length,
        hints: [...document.querySelectorAll('details.hints li')].filter(visible).length,
        spoilers: document.querySelectorAll('.spoiler').length,
        notes: document.querySelectorAll('.print-note').length,
        chrome: [...document.querySelectorAll('.topbar, .sidebar, .footer, .pager')].filter(visible).length,
      };
    })()`)) as { h1: number; toc: string[]; chapters: Array<[string, string]>; closed: number; hints: number; spoilers: number; notes: number; chrome: number };
    await context.close();
    const slugs = site.site.chapters.map((c) => c.slug);
    expect(print.h1).toBe(1);
    expect(print.toc).toEqual(slugs.map((slug) => `#${slug}`));
    expect(print.chapters).toEqual(slugs.map((slug) => [slug, 'page']));
    expect(print.closed).toBe(0);
    expect(print.hints).toBeGreaterThan(0);
    expect(print.spoilers).toBe(0);
    expect(print.notes).toBe(site.site.chapters.reduce((n, c) => n + c.exercises.length, 0));
    expect(print.chrome).toBe(0);
  }, SLOW);

  it('answers a missing address with a not-found page that has search and every chapter, at any depth', async () => {
    const { context } = await site.newContext();
    const page = await context.newPage();
    const response = await page.goto(`${site.server.url}source/chapters/no-such/file.ts.html`);
    expect(response!.status()).toBe(404);
    expect(await page.locator('h1').textContent()).toBe('Page not found');
    for (const chapter of site.site.chapters) expect(await page.locator(`article a[href="/${chapter.url}"]`).count(), chapter.slug).toBe(1);
    await page.keyboard.press('/');
    await page.keyboard.type('queue');
    await page.locator('#site-search-results a').first().waitFor({ state: 'visible' });
    await page.locator(`article a[href="/${site.site.chapters[0]!.url}"]`).click();
    await page.waitForURL(site.server.url + site.site.chapters[0]!.url);
    expect(await page.locator('article h1').isVisible()).toBe(true);
    await context.close();
  }, SLOW);

  it('gives every page a canonical address, an OpenGraph title and description, and the version and commit it was built from', async () => {
    const { version } = JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { version: string };
    const commit = spawnSync('git', ['-C', ROOT, 'rev-parse', '--short=12', 'HEAD'], { encoding: 'utf8' }).stdout.trim();
    const { context } = await site.newContext();
    const page = await context.newPage();
    const problems: string[] = [];
    // Every hand-written page, and three of each kind made from one template (source views, API pages).
    const sources = site.pages().filter((f) => f.startsWith('source/'));
    const api = site.pages().filter((f) => f.startsWith('api-'));
    for (const file of [...site.pages().filter((f) => !sources.includes(f) && !api.includes(f) && f !== '404.html'), ...sources.slice(0, 3), ...api.slice(0, 3)]) {
      await page.goto(site.server.url + file);
      const head = (await page.evaluate(`(() => {
        const content = (selector) => (document.querySelector(selector) || {}).content;
        const canonical = document.querySelector('link[rel="canonical"]');
        return {
          canonical: canonical ? canonical.href : null,
          title: content('meta[property="og:title"]'),
          description: content('meta[property="og:description"]'),
          metaDescription: content('meta[name="description"]'),
          pageTitle: document.title,
          footer: document.querySelector('.footer').textContent,
        };
      })()`)) as { canonical: string | null; title: string; description: string; metaDescription: string; pageTitle: string; footer: string };
      if (head.canonical !== site.server.url + file) problems.push(`${file}: canonical is ${head.canonical}`);
      if (!head.title || !head.pageTitle.startsWith(head.title)) problems.push(`${file}: og:title "${head.title}" is not the page's title "${head.pageTitle}"`);
      if (!head.description || head.description !== head.metaDescription) problems.push(`${file}: og:description "${head.description}"`);
      if (!head.footer.includes(`version ${version}`) || !head.footer.includes(commit)) problems.push(`${file}: the footer does not name version ${version} and commit ${commit}`);
    }
    await page.goto(`${site.server.url}no-such-page.html`);
    expect(await page.locator('meta[name="robots"]').getAttribute('content'), 'the not-found page is not indexed').toBe('noindex');
    await context.close();
    expect(commit).toMatch(/^[0-9a-f]{12}$/);
    expect(problems).toEqual([]);
  }, SLOW);
});
