import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { ROOT } from '../../core/root.ts';
import { chromiumPath } from '../../site/lib/checks.ts';
import { type RunningServer, startServer } from '../../site/lib/server.ts';
import { type BuildResult, buildSite } from '../../site/lib/site.ts';
import { filesIn } from '../../site/lib/verify.ts';

/**
 * What the site's browser suites share: one build of the whole workbook's site (under the
 * self-check, one for all of them), served as `npm start` serves it, and one headless Chromium
 * (Debian's `chromium` package, driven by playwright-core) per suite file. Each context refuses
 * every request outside the local server.
 */

export const executablePath = chromiumPath();
export const available = existsSync(executablePath);
export const LAUNCH_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
/** Building the site and driving a browser on a busy two-core machine can take minutes. */
export const SLOW = 600_000;

/** The suite's name, saying when and why it is skipped. */
export function suiteName(name: string): string {
  return available
    ? name
    : `${name} — skipped: no browser at ${executablePath}; install Debian's chromium (apt-get install -y chromium) or set CHROMIUM_PATH to run these`;
}

export interface SiteUnderTest {
  out: string;
  site: BuildResult;
  server: RunningServer;
  browser: Browser;
  /** Every HTML page of the build, relative to the site root. */
  pages(): string[];
  /** A fresh context (1280 × 900 unless told) that records requests leaving the site. */
  newContext(options?: Parameters<Browser['newContext']>[0]): Promise<{ context: BrowserContext; offsite: string[] }>;
  /** A page in a fresh context, already at `file`, fonts loaded. */
  open(file: string, options?: Parameters<Browser['newContext']>[0]): Promise<{ page: Page; context: BrowserContext }>;
  close(): Promise<void>;
}

/**
 * The site to test: the self-check's one build of the whole workbook's site when it made one
 * (`WORKBOOK_SITE_BUILD` names its BuildResult, API reference included), which the suites only
 * read; otherwise a build of this suite's own into a temporary folder, removed at the end.
 */
async function siteToTest(api: boolean): Promise<{ out: string; site: BuildResult; own: boolean }> {
  const shared = process.env.WORKBOOK_SITE_BUILD;
  if (shared && existsSync(shared)) {
    const site = JSON.parse(readFileSync(shared, 'utf8')) as BuildResult;
    return { out: site.outDir, site, own: false };
  }
  const out = mkdtempSync(path.join(os.tmpdir(), 'workbook-browser-'));
  return { out, site: await buildSite({ outDir: out, api }), own: true };
}

/**
 * Serves the site (see {@link siteToTest}; `api: false` leaves the API reference out of a build of
 * the suite's own, for the suites that never open it) on a free port and starts Chromium.
 */
export async function openSite(options: { api: boolean }): Promise<SiteUnderTest> {
  const { out, site, own } = await siteToTest(options.api);
  const server = await startServer(out, 0);
  const browser = await chromium.launch({ executablePath, args: LAUNCH_ARGS });
  const newContext: SiteUnderTest['newContext'] = async (contextOptions = {}) => {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, ...contextOptions });
    const offsite: string[] = [];
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      offsite.push(url);
      return route.abort();
    });
    return { context, offsite };
  };
  return {
    out,
    site,
    server,
    browser,
    pages: () => filesIn(out).filter((f) => f.endsWith('.html')),
    newContext,
    async open(file, contextOptions) {
      const { context } = await newContext(contextOptions);
      const page = await context.newPage();
      await page.goto(server.url + file);
      await page.evaluate('document.fonts.ready.then(() => true)');
      return { page, context };
    },
    async close() {
      await browser.close();
      await server.close();
      if (own) rmSync(out, { recursive: true, force: true });
    },
  };
}

/**
 * Visits each of `files` once, in one fresh context (`options` as for newContext), fonts loaded,
 * and keeps what `probe` finds there. For the tests of a file that each check one thing over the
 * same pages: they share one visit per page (memoise the promise) instead of each loading every page.
 */
export async function survey<T>(site: SiteUnderTest, files: string[], probe: (page: Page, file: string) => Promise<T>, options?: Parameters<Browser['newContext']>[0]): Promise<Map<string, T>> {
  const { context } = await site.newContext(options);
  const page = await context.newPage();
  const found = new Map<string, T>();
  try {
    for (const file of files) {
      await page.goto(site.server.url + file);
      await page.evaluate('document.fonts.ready.then(() => true)');
      found.set(file, await probe(page, file));
    }
  } finally {
    await context.close();
  }
  return found;
}

/** Where screenshots for a person to look at go (git-ignored); assertions never read them. */
export const SCREENSHOTS = path.join(ROOT, '.workbook', 'site-screenshots');

/** Saves a full-page screenshot as `.workbook/site-screenshots/<name>.png`. */
export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: path.join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/**
 * The `count` largest of `pages` (largest first, ties by name): the ones that hold the most kinds
 * of content, to stand for pages made from one template.
 */
export function largestPages(pages: string[], sizeOf: (page: string) => number, count = 2): string[] {
  return [...pages].sort((a, b) => sizeOf(b) - sizeOf(a) || a.localeCompare(b)).slice(0, count);
}

/** The chapter pages of a build. */
export function chapterPages(site: BuildResult): string[] {
  return site.chapters.map((c) => c.url);
}
