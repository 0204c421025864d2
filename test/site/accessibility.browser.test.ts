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
 * The pages audited in the light theme: every page written by hand into the site (the chapters, the home, exercise
 * and practice pages, the not-found page, the print page), and of the pages generated one per
 * exercise or per file from one template (the API reference, the source views), the two largest
 * of each kind, which hold the most kinds of content. Their template and styles are the same for
 * all, and build.test.ts checks what varies between them (links, ids, token colours).
 */
export function auditedPages(pages: string[], sizeOf: (page: string) => number, scheme: 'light' | 'dark' = 'light'): string[] {
  const generated = (page: string): 'api' | 'source' | undefined => (page.startsWith('source/') ? 'source' : /^api-/.test(page) ? 'api' : undefined);
  const largest = (kind: 'api' | 'source'): string[] => largestPages(pages.filter((p) => generated(p) === kind), sizeOf);
  const handWritten = pages.filter((p) => generated(p) === undefined);
  // The dark theme changes the colours of the same components, not the components: of the
  // chapter pages (one template, many of them), it audits the two largest, which hold every kind,
  // and not the print page, whose colour contrast is not audited (see audit()).
  const chapters = handWritten.filter((p) => /^\d\d-[^/]+\.html$/.test(p));
  const darkChapters = new Set(largestPages(chapters, sizeOf));
  const audited = scheme === 'light' ? handWritten : handWritten.filter((p) => p !== 'print.html' && (!chapters.includes(p) || darkChapters.has(p)));
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
  if (pages.length < (scheme === 'light' ? 10 : 6)) problems.push(`only ${pages.length} page(s) were audited: the build is missing pages`);
  return problems;
}

describe.skipIf(!available).concurrent(SUITE, () => {
  beforeAll(async () => {
    harness = await openSite({ api: true });
  }, SLOW);

  afterAll(async () => {
    await harness?.close();
  });

  it('finds no serious or critical violation on any page in the light theme (generated pages sampled)', async () => {
    expect(await audit('light')).toEqual([]);
  }, SLOW);

  it('finds no serious or critical colour-contrast violation in the dark theme (chapter and generated pages sampled)', async () => {
    expect(await audit('dark')).toEqual([]);
  }, SLOW);
});

describe('the pages axe-core audits', () => {
  it('are every hand-written page, and the two largest API and source pages; in the dark theme, the two largest chapter pages and no print page', () => {
    const chapters = { '02-b.html': 4, '03-c.html': 8, '04-d.html': 6 };
    expect(auditedPages(['index.html', '01-a.html', ...Object.keys(chapters), 'print.html'], (p) => chapters[p as keyof typeof chapters] ?? 1, 'dark')).toEqual(['index.html', '03-c.html', '04-d.html']);
    const pages = ['index.html', '01-a.html', '404.html', 'api-01-a-x.html', 'api-01-a-y.html', 'api-02-b-z.html', 'source/chapters/a.ts.html', 'source/solutions/a.ts.html', 'source/solutions/b.ts.html'];
    const sizes: Record<string, number> = { 'api-01-a-x.html': 5, 'api-01-a-y.html': 9, 'api-02-b-z.html': 7, 'source/chapters/a.ts.html': 1, 'source/solutions/a.ts.html': 3, 'source/solutions/b.ts.html': 2 };
    expect(auditedPages(pages, (p) => sizes[p] ?? 0)).toEqual(['index.html', '01-a.html', '404.html', 'api-01-a-y.html', 'api-02-b-z.html', 'source/solutions/a.ts.html', 'source/solutions/b.ts.html']);
  });
});
