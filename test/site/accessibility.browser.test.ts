import { statSync } from 'node:fs';
import path from 'node:path';
import axe from 'axe-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { available, largestPages, openSite, type SiteUnderTest, SLOW, suiteName } from './browser-harness.ts';

/**
 * axe-core over the whole workbook's site, in headless Chromium: every rule in the light theme;
 * in the dark theme, which changes colours only, the colour-contrast rule. Only serious and
 * critical violations fail the test; each names the theme, the page, the rule and the first
 * elements it found.
 */

const SUITE = suiteName('accessibility (axe-core) in headless Chromium');

let harness: SiteUnderTest;

/**
 * The pages audited. Of the pages written by hand into the site, every one but the chapter pages
 * (the home, exercise, practice and not-found pages); of the chapter pages, made from one
 * template, the two largest, which hold every kind of component; in the light theme the print
 * page too, which holds every chapter's content, so that its audit (every rule but colour
 * contrast, see audit()) checks the structure of all of it. Of the pages generated one per
 * exercise or per file (the API reference, the source views), the two largest of each kind. What
 * varies between pages of one template (links, ids, token colours) build.test.ts checks on every
 * page. The dark theme changes the colours of the same components, so there only colour contrast
 * is audited, and not on the print page, whose contrast is not audited.
 */
export function auditedPages(pages: string[], sizeOf: (page: string) => number, scheme: 'light' | 'dark' = 'light'): string[] {
  const generated = (page: string): 'api' | 'source' | undefined => (page.startsWith('source/') ? 'source' : /^api-/.test(page) ? 'api' : undefined);
  const largest = (kind: 'api' | 'source'): string[] => largestPages(pages.filter((p) => generated(p) === kind), sizeOf);
  const handWritten = pages.filter((p) => generated(p) === undefined);
  const chapters = handWritten.filter((p) => /^\d\d-[^/]+\.html$/.test(p));
  const sampled = new Set(largestPages(chapters, sizeOf));
  const audited = handWritten.filter((p) => (chapters.includes(p) ? sampled.has(p) : p !== 'print.html' || scheme === 'light'));
  return [...audited, ...largest('api'), ...largest('source')];
}

interface Violation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: unknown[] }>;
}

async function audit(scheme: 'light' | 'dark'): Promise<string[]> {
  // Injecting axe needs an inline script, which the site's CSP forbids; this context alone bypasses it.
  const { context } = await harness.newContext({ colorScheme: scheme, bypassCSP: true });
  const page = await context.newPage();
  const problems: string[] = [];
  const pages = auditedPages(harness.pages(), (p) => statSync(path.join(harness.out, p)).size, scheme);
  for (const file of pages) {
    await page.goto(harness.server.url + file);
    // Open every disclosure so that hints and reference solutions are checked too.
    await page.evaluate('document.querySelectorAll("details").forEach((d) => { d.open = true; })');
    await page.addScriptTag({ content: axe.source });
    // The print page repeats the chapter pages, whose colours are checked in full on their own;
    // checking the contrast of its many thousand code tokens again would take half a minute. The
    // dark theme restyles the same elements: their structure is audited in the light theme.
    const options =
      scheme === 'dark'
        ? '{ resultTypes: ["violations"], runOnly: ["color-contrast"] }'
        : file === 'print.html'
          ? '{ resultTypes: ["violations"], rules: { "color-contrast": { enabled: false } } }'
          : '{ resultTypes: ["violations"] }';
    const violations = (await page.evaluate(`axe.run(document, ${options}).then((r) => r.violations)`)) as Violation[];
    for (const v of violations) {
      if (v.impact === 'serious' || v.impact === 'critical') {
        problems.push(`${scheme} ${file}: ${v.id} (${v.impact}) ${v.help} — ${v.nodes.slice(0, 3).map((n) => JSON.stringify(n.target)).join(', ')}`);
      }
    }
  }
  await context.close();
  if (pages.length < (scheme === 'light' ? 10 : 9)) problems.push(`only ${pages.length} page(s) were audited: the build is missing pages`);
  return problems;
}

describe.skipIf(!available).concurrent(SUITE, () => {
  beforeAll(async () => {
    harness = await openSite({ api: true });
  }, SLOW);

  afterAll(async () => {
    await harness?.close();
  });

  it('finds no serious or critical violation in the light theme (pages of one template sampled; every chapter through the print page)', async () => {
    expect(await audit('light')).toEqual([]);
  }, SLOW);

  it('finds no serious or critical colour-contrast violation in the dark theme (chapter and generated pages sampled)', async () => {
    expect(await audit('dark')).toEqual([]);
  }, SLOW);
});

describe('the pages axe-core audits', () => {
  it('are the hand-written pages, of the chapters and each generated kind the two largest, and in the light theme the print page', () => {
    const pages = ['index.html', '01-a.html', '02-b.html', '03-c.html', '04-d.html', '404.html', 'print.html', 'api-01-a-x.html', 'api-01-a-y.html', 'api-02-b-z.html', 'source/chapters/a.ts.html', 'source/solutions/a.ts.html', 'source/solutions/b.ts.html'];
    const sizes: Record<string, number> = { '02-b.html': 4, '03-c.html': 8, '04-d.html': 6, 'api-01-a-x.html': 5, 'api-01-a-y.html': 9, 'api-02-b-z.html': 7, 'source/chapters/a.ts.html': 1, 'source/solutions/a.ts.html': 3, 'source/solutions/b.ts.html': 2 };
    const sizeOf = (p: string): number => sizes[p] ?? 0;
    const generated = ['api-01-a-y.html', 'api-02-b-z.html', 'source/solutions/a.ts.html', 'source/solutions/b.ts.html'];
    expect(auditedPages(pages, sizeOf)).toEqual(['index.html', '03-c.html', '04-d.html', '404.html', 'print.html', ...generated]);
    expect(auditedPages(pages, sizeOf, 'dark')).toEqual(['index.html', '03-c.html', '04-d.html', '404.html', ...generated]);
  });
});
