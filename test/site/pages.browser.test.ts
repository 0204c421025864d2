import { readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { textOf } from '../../site/lib/html.ts';
import type { RunningServer } from '../../site/lib/server.ts';
import type { BuildResult } from '../../site/lib/site.ts';
import { available, largestPages, openSite, type SiteUnderTest, SLOW, suiteName } from './browser-harness.ts';

/**
 * The whole workbook's site, built with its API reference and served as `npm start` serves it,
 * driven in headless Chromium (Debian's `chromium` package, through playwright-core).
 */

const SUITE = suiteName('the docs site in headless Chromium');

let harness: SiteUnderTest;
let out: string;
let site: BuildResult;
let server: RunningServer;

/** A fresh context that refuses every request outside the local server and records it. */
function newContext(options: Parameters<Browser['newContext']>[0] = {}): Promise<{ context: BrowserContext; offsite: string[] }> {
  return harness.newContext(options);
}

/** Collects console errors, uncaught exceptions and failed requests of a page. */
function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(`console: ${message.text()}`);
  });
  page.on('pageerror', (error) => errors.push(`uncaught: ${error.message}`));
  page.on('requestfailed', (request) => {
    // A request still in flight when the test moves to the next page (the favicon, typically)
    // is aborted by the navigation itself: that is not a fault of the page.
    const reason = request.failure()?.errorText ?? '';
    if (reason !== 'net::ERR_ABORTED') errors.push(`request failed: ${request.url()} (${reason})`);
  });
  page.on('response', (response) => {
    if (response.status() >= 400) errors.push(`HTTP ${response.status()}: ${response.url()}`);
  });
  return errors;
}

const htmlPages = (): string[] => harness.pages();

/**
 * The pages loaded one by one: all of them, except that of the pages made one per file or per
 * exercise from one template with no script of their own (the source views, the API reference)
 * only the two largest of each folder or kind are loaded; build.test.ts checks every one of them
 * for links, ids and colours.
 */
function loadedPages(): string[] {
  const pages = htmlPages();
  const size = (page: string): number => statSync(path.join(out, page)).size;
  const largest = (prefix: string): string[] => largestPages(pages.filter((p) => p.startsWith(prefix)), size);
  const generated = (page: string): boolean => page.startsWith('source/') || page.startsWith('api-');
  return [...pages.filter((p) => !generated(p)), ...largest('api-'), ...largest('source/chapters/'), ...largest('source/solutions/')];
}

describe.skipIf(!available)(SUITE, () => {
  beforeAll(async () => {
    harness = await openSite({ api: true });
    ({ out, site, server } = harness);
  }, SLOW);

  afterAll(async () => {
    await harness?.close();
  });

  it('loads every page (source views and API pages sampled) with no console errors, failed requests or off-site requests', async () => {
    const { context, offsite } = await newContext();
    const page = await context.newPage();
    const errors = watchErrors(page);
    const problems: string[] = [];
    const files = loadedPages();
    expect(files.length, 'pages to load').toBeGreaterThan(20);
    for (const file of files) {
      errors.length = 0;
      await page.goto(server.url + file, { waitUntil: 'load' });
      // The search box appears once the page script has run: proof it loaded under the CSP.
      await page.locator('.search').waitFor({ state: 'visible' });
      problems.push(...errors.map((e) => `${file}: ${e}`));
    }
    await context.close();
    expect(problems, 'every page should load cleanly').toEqual([]);
    expect(offsite, 'pages should request nothing outside the site').toEqual([]);
  }, SLOW);

  it('finds the chapters about backpressure', async () => {
    // A chapter is about backpressure when one of its section headings says so; a passing mention
    // in the prose of another chapter need not make the first results.
    const headings = (slug: string): string => [...readFileSync(path.join(out, `${slug}.html`), 'utf8').matchAll(/<h[23][^>]*>([\s\S]*?)<\/h[23]>/g)].map((m) => textOf(m[1]!)).join('\n');
    const expected = site.chapters.map((c) => c.slug).filter((slug) => /backpressure/i.test(headings(slug)));
    expect(expected.length, 'at least one chapter should have a section on backpressure').toBeGreaterThan(0);

    const { context } = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}index.html`);
    await page.keyboard.press('/');
    await page.keyboard.type('backpressure');
    const links = page.locator('#site-search-results a');
    await links.first().waitFor({ state: 'visible' });
    const hrefs = await links.evaluateAll((anchors) => anchors.map((a) => a.getAttribute('href') ?? ''));
    const pages = hrefs.map((href) => href.split('#')[0]);
    for (const slug of expected) expect(pages, `a result in ${slug}`).toContain(`${slug}.html`);
    expect(pages.slice(0, 3).some((p) => expected.some((slug) => p === `${slug}.html`)), 'a chapter about backpressure among the first results').toBe(true);

    await links.first().click();
    await page.waitForURL((url) => url.href.startsWith(server.url + hrefs[0]!.split('#')[0]!));
    await context.close();
  }, SLOW);

  it('focuses search when the reader presses /', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    await page.goto(`${server.url}${site.chapters[0]!.url}`);
    await page.keyboard.press('/');
    expect(await page.evaluate('document.activeElement && document.activeElement.id')).toBe('site-search');
    await context.close();
  }, SLOW);

  it('keeps the theme the reader chose across reloads', async () => {
    const { context } = await newContext({ colorScheme: 'light' });
    const page = await context.newPage();
    const state = (): Promise<unknown> =>
      page.evaluate('[document.documentElement.dataset.theme ?? null, getComputedStyle(document.body).backgroundColor]');
    await page.goto(`${server.url}${site.chapters[0]!.url}`);
    expect(await state()).toEqual([null, 'rgb(255, 255, 255)']);
    await page.locator('.theme-toggle').click();
    expect(await state()).toEqual(['dark', 'rgb(13, 17, 23)']);
    await page.reload();
    expect(await state(), 'dark after a reload').toEqual(['dark', 'rgb(13, 17, 23)']);
    await page.goto(`${server.url}index.html`);
    expect(await state(), 'dark on another page').toEqual(['dark', 'rgb(13, 17, 23)']);
    await page.locator('.theme-toggle').click();
    await page.reload();
    expect(await state(), 'light again after a reload').toEqual(['light', 'rgb(255, 255, 255)']);
    await context.close();
  }, SLOW);

  it('follows the system colour scheme when the reader has not chosen', async () => {
    const { context } = await newContext({ colorScheme: 'dark' });
    const page = await context.newPage();
    await page.goto(`${server.url}index.html`);
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(13, 17, 23)');
    await context.close();
  }, SLOW);

  it('turns to the next and previous page with → and ←', async () => {
    const { context } = await newContext();
    const page = await context.newPage();
    const start = `${server.url}${site.chapters[0]!.url}`;
    await page.goto(start);
    const next = await page.locator('link[rel="next"]').getAttribute('href');
    expect(next, 'the first chapter has a next page').toBeTruthy();
    await page.keyboard.press('ArrowRight');
    await page.waitForURL(new URL(next!, start).href);
    await page.keyboard.press('ArrowLeft');
    await page.waitForURL(start);
    await context.close();
  }, SLOW);

  it('reads fine with JavaScript off', async () => {
    const { context } = await newContext({ javaScriptEnabled: false });
    const page = await context.newPage();
    for (const chapter of site.chapters) {
      await page.goto(`${server.url}${chapter.url}`);
      await expect(page.locator('h1').first().isVisible()).resolves.toBe(true);
      await expect(page.locator('.sidebar a[aria-current="page"]').isVisible()).resolves.toBe(true);
      // Controls that need a script stay hidden rather than broken.
      await expect(page.locator('.search').isVisible()).resolves.toBe(false);
      await expect(page.locator('.copy').first().isVisible().catch(() => false)).resolves.toBe(false);
    }
    await context.close();
  }, SLOW);
});
