import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { ROOT } from '../../core/root.ts';
import type { BuildResult } from './site.ts';
import { chaptersMissingFromSearch, chaptersWithoutPage, checkLinks, PAGE_BUDGET, pageWeights } from './verify.ts';

/**
 * The docs-site steps of `npm test`. They share one build of the whole site (API reference
 * included), made as `npm run build` makes it; the self-check makes it in its own run folder.
 */

/** One step's outcome, shaped like the self-check's own steps. */
export interface SiteStep {
  name: string;
  problems: string[];
  summary: string;
}

const SITE_DIR = path.join(ROOT, 'site');

/** Where the browser tests look for Chromium; `CHROMIUM_PATH` overrides it. */
export function chromiumPath(): string {
  return process.env.CHROMIUM_PATH || '/usr/bin/chromium';
}

/**
 * Builds the site (`outDir` defaults to the site's own), resolving to the error instead of
 * rejecting, so that the steps can report a failed build as a failed step.
 */
export function buildSiteOrError(options: { outDir?: string } = {}): Promise<BuildResult | Error> {
  return import('./site.ts')
    .then(({ buildSite }) => buildSite({ root: ROOT, ...options }))
    .catch((error: unknown) => (error instanceof Error ? error : new Error(String(error))));
}

/**
 * The steps, sharing one build of the site: by default made when the first step runs (so that
 * `npm test -- <chapter>`, which runs none of them, never loads shiki and typedoc); `site` gives a
 * build made beforehand (the self-check's, which the browser tests also used).
 */
export function siteSteps(site?: () => Promise<BuildResult | Error>): Array<() => Promise<SiteStep>> {
  let build: Promise<BuildResult | Error> | undefined;
  const builtSite = (): Promise<BuildResult | Error> => {
    build ??= site ? site() : buildSiteOrError();
    return build;
  };
  const withBuild = async (name: string, check: (result: BuildResult) => SiteStep): Promise<SiteStep> => {
    const result = await builtSite();
    if (result instanceof Error) return { name, problems: ['the site did not build (see "docs site builds")'], summary: 'not checked' };
    return check(result);
  };
  return [
    async () => {
      const result = await builtSite();
      if (result instanceof Error) return { name: 'docs site builds', problems: [`${result.name}: ${result.message}`], summary: 'npm run build failed' };
      return {
        name: 'docs site builds',
        problems: [],
        summary: `${result.pages.length} pages in ${(result.milliseconds / 1000).toFixed(1)}s`,
      };
    },
    () =>
      withBuild('docs: every chapter has a page', (result) => {
        const slugs = result.chapters.map((c) => c.slug);
        const metaOnly = result.missingPages;
        const problems = [
          ...chaptersWithoutPage(result.outDir, slugs).map((slug) => `${slug}: no page ${slug}.html in the built site`),
          ...metaOnly.map((slug) => `${slug}: chapters/${slug}/chapter.ts declares the chapter, but chapters/${slug}/README.md is missing, so it has no page`),
        ];
        return { name: 'docs: every chapter has a page', problems, summary: `${slugs.length} chapter page(s)` };
      }),
    () =>
      withBuild('docs: links and anchors resolve', (result) => {
        const problems = checkLinks(result.outDir);
        return { name: 'docs: links and anchors resolve', problems, summary: `${result.pages.length} pages checked` };
      }),
    () =>
      withBuild('docs: search covers every chapter', (result) => {
        const slugs = result.chapters.map((c) => c.slug);
        const problems = chaptersMissingFromSearch(result.outDir, slugs).map((slug) => `${slug}: the search index has no section of ${slug}.html`);
        return { name: 'docs: search covers every chapter', problems, summary: `${result.searchRecords} sections indexed` };
      }),
    () =>
      withBuild('docs: page weight', (result) => {
        const weights = pageWeights(result.outDir).filter((w) => w.page !== 'print.html');
        const heaviest = weights[0];
        const kb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;
        const problems = weights
          .filter((w) => w.gzipBytes > PAGE_BUDGET)
          .map((w) => `${w.page} sends ${kb(w.gzipBytes)} of HTML+CSS+JS (gzip; ${kb(w.bytes)} as files), over the ${kb(PAGE_BUDGET)} budget`);
        return {
          name: 'docs: page weight',
          problems,
          summary: heaviest
            ? `heaviest ${heaviest.page}: ${kb(heaviest.gzipBytes)} sent (${kb(heaviest.bytes)} as files), budget ${kb(PAGE_BUDGET)}`
            : 'no pages',
        };
      }),
    async () => {
      const tsc = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/typescript/bin/tsc'), '-p', path.join(SITE_DIR, 'client', 'tsconfig.json')], {
        cwd: ROOT,
        encoding: 'utf8',
      });
      const errors = `${tsc.stdout}${tsc.stderr}`.split('\n').filter((l) => /error TS\d+/.test(l));
      return {
        name: 'docs: browser scripts typecheck',
        problems: tsc.status === 0 ? [] : errors.length ? errors : [`tsc exited with ${tsc.status}`],
        summary: 'site/client/*.js with the DOM library',
      };
    },
    async () => {
      const present = existsSync(chromiumPath());
      return {
        name: 'docs: browser tests',
        problems: !present && process.env.CI ? [`CI requires the browser tests, and there is no Chromium at ${chromiumPath()}: .ci/run installs Debian's chromium`] : [],
        summary: present
          ? `ran in headless Chromium (${chromiumPath()}) with the workbook's own tests`
          : `skipped: no Chromium at ${chromiumPath()}. To run them: apt-get install -y chromium (or set CHROMIUM_PATH)`,
      };
    },
  ];
}
