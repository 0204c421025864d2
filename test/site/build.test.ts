import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync, mkdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CODE_BG, CodeHighlighter, contrast } from '../../site/lib/highlight.ts';
import { createMarkdown } from '../../site/lib/markdown.ts';
import { COLUMN_PX, DiagramError, DiagramRenderer } from '../../site/lib/mermaid.ts';
import { patchedSource } from '../../site/lib/mermaid-engine.ts';
import { type BuildResult, buildSite } from '../../site/lib/site.ts';
import { danglingReferences, scopeIds } from '../../site/lib/ids.ts';
import { chaptersMissingFromSearch, chaptersWithoutPage, checkLinks, idsOf, PAGE_BUDGET, pageWeights } from '../../site/lib/verify.ts';

const FIXTURE = path.join(path.dirname(fileURLToPath(import.meta.url)), 'fixture');
const BUILD_TIMEOUT = 180_000;

let out: string;
let result: BuildResult;
const read = (page: string): string => readFileSync(path.join(out, page), 'utf8');

beforeAll(async () => {
  out = mkdtempSync(path.join(os.tmpdir(), 'workbook-site-'));
  result = await buildSite({ root: FIXTURE, outDir: out, api: false });
}, BUILD_TIMEOUT);

afterAll(() => rmSync(out, { recursive: true, force: true }));

describe('the build of a small workbook', () => {
  it('gives every chapter with a README a page, in order', () => {
    expect(result.chapters.map((c) => c.slug)).toEqual(['01-alpha', '02-beta']);
    expect(chaptersWithoutPage(out, ['01-alpha', '02-beta'])).toEqual([]);
    expect(result.pages).toEqual(expect.arrayContaining(['index.html', 'exercises.html', 'print.html', '01-alpha.html', '02-beta.html']));
  });

  it('takes chapter titles from chapter.ts, or from the README heading when there is none', () => {
    expect(read('01-alpha.html')).toContain('<title>Alpha messages — Message Passing for LLM Systems</title>');
    expect(read('02-beta.html')).toContain('<title>Beta: backpressure — Message Passing for LLM Systems</title>');
  });

  it('resolves every internal link and anchor', () => {
    expect(checkLinks(out)).toEqual([]);
  });

  it('indexes every chapter for search, one record per section', () => {
    expect(chaptersMissingFromSearch(out, ['01-alpha', '02-beta'])).toEqual([]);
    const index = JSON.parse(read('search-index.json')) as { index: { documentIds: Record<string, string> } };
    const ids = Object.values(index.index.documentIds);
    expect(ids).toEqual(expect.arrayContaining(['01-alpha.html', '01-alpha.html#learning-goals', '02-beta.html#slow-consumers']));
  });

  it('keeps every page within the weight budget', () => {
    const heaviest = pageWeights(out).filter((w) => w.page !== 'print.html')[0]!;
    expect(heaviest.gzipBytes, `${heaviest.page} is the heaviest page`).toBeLessThanOrEqual(PAGE_BUDGET);
  });

  it('counts the diagram font in the weight of a page with a diagram, and only there', () => {
    const font = statSync(path.join(out, 'assets', 'fonts', 'inter-latin-500-normal.woff2')).size;
    const weights = new Map(pageWeights(out).map((w) => [w.page, w]));
    const page = (name: string): number => statSync(path.join(out, name)).size;
    // 01-alpha has a sequence diagram, 02-beta none; they share the same stylesheet and scripts.
    const alpha = weights.get('01-alpha.html')!.bytes - page('01-alpha.html');
    const beta = weights.get('02-beta.html')!.bytes - page('02-beta.html');
    expect(alpha - beta).toBe(font);
  });

  it('sets the language, a title, a skip link and the shared assets on every page', () => {
    for (const page of result.pages) {
      const html = read(page);
      expect(html, page).toMatch(/^<!doctype html>\n<html lang="en">/);
      expect(html, page).toMatch(/<title>[^<]+<\/title>/);
      expect(html, page).toContain('<a class="skip-link" href="#main-content">');
    }
  });

  it('loads nothing from the network', () => {
    for (const page of result.pages) {
      const html = read(page);
      const external = [...html.matchAll(/<(?:script|link|img|iframe)\b[^>]*\s(?:src|href)="(https?:)?\/\/[^"]*"/g)].map((m) => m[0]);
      expect(external, `${page} loads external resources`).toEqual([]);
      expect(html, page).not.toContain('fonts.googleapis.com');
    }
    expect(read('assets/site.css')).not.toMatch(/@import|url\((["']?)https?:/);
  });
});

describe('chapter pages', () => {
  it('link prev and next pages with rel=prev and rel=next', () => {
    const alpha = read('01-alpha.html');
    expect(alpha).toContain('<link rel="prev" href="index.html">');
    expect(alpha).toContain('<link rel="next" href="02-beta.html">');
    expect(alpha).toMatch(/<a rel="next" href="02-beta.html">/);
  });

  it('list the chapters in the sidebar and mark the current one', () => {
    const beta = read('02-beta.html');
    expect(beta.indexOf('href="01-alpha.html"')).toBeLessThan(beta.indexOf('href="02-beta.html" aria-current="page"'));
  });

  it('have an outline of their sections', () => {
    expect(read('01-alpha.html')).toMatch(/<aside class="outline">[\s\S]*href="#learning-goals"[\s\S]*href="#sending-one-message"/);
  });

  it('give headings the ids GitHub gives them, numbering repeats', () => {
    const ids = idsOf(read('02-beta.html'));
    expect(ids).toEqual(expect.arrayContaining(['slow-consumers', 'concept', 'concept-1']));
  });

  it('rewrite links between chapters and to repository files', () => {
    const alpha = read('01-alpha.html');
    expect(alpha).toContain('href="02-beta.html#slow-consumers"');
    expect(alpha).toContain('href="source/solutions/01-alpha/counter.ts.html"');
    expect(read('source/solutions/01-alpha/counter.ts.html')).toContain('Counts one more message');
  });

  it('highlight listings at build time with their source as caption and marked lines', () => {
    const alpha = read('01-alpha.html');
    expect(alpha).toContain(
      '<figcaption><a href="source/solutions/01-alpha/counter.ts.html#L17"><code>solutions/01-alpha/counter.ts#Counter.add</code> <span class="listing-lines">lines 17–20</span></a></figcaption>',
    );
    expect(read('source/solutions/01-alpha/counter.ts.html')).toMatch(/<span class="line" id="L17">\s*<span class=t\d+>add<\/span>/);
    expect(alpha).toMatch(/<span class="line highlighted">\s*<span class=t\d+>this<\/span>/);
    expect(alpha).toContain('<button type="button" class="copy" hidden>Copy</button>');
    expect(alpha).not.toMatch(/<span style=/);
  });

  it('give every highlighted token at least 4.5:1 contrast on the code background in both themes', () => {
    const css = read('assets/site.css');
    const hex = (h: string): [number, number, number] => {
      const n = parseInt(h.slice(1, 7), 16);
      return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
    };
    const colours = [...css.matchAll(/--shiki-(light|dark):(#[0-9a-f]{6})/gi)];
    expect(colours.length, 'the fixture has highlighted code').toBeGreaterThan(4);
    for (const [, theme, colour] of colours) {
      const ratio = contrast(hex(colour!), hex(CODE_BG[theme as 'light' | 'dark']));
      expect(ratio, `${colour} in the ${theme} theme`).toBeGreaterThanOrEqual(4.5);
    }
  });

  it('render Mermaid diagrams to inline SVG without inline styles or shared ids', () => {
    const alpha = read('01-alpha.html');
    const svg = /<figure class="diagram" tabindex="0"><svg[\s\S]*?<\/svg><\/figure>/.exec(alpha)?.[0] ?? '';
    expect(svg).toContain('role="img" aria-label="Sequence diagram: Producer and Counter exchange 2 messages, starting with “add()”"');
    expect(svg).toContain('<desc>Producer sends to Counter: add(). Counter replies to Producer: 1.</desc>');
    expect(svg).toContain('Producer');
    expect(svg).not.toMatch(/<style|\sstyle="/);
    expect(svg).toMatch(/ id="d\d+-/);
    expect(read('assets/site.css')).toContain('.diagram svg{');
  });

  it('align table columns with classes, not inline styles', () => {
    const beta = read('02-beta.html');
    expect(beta).toContain('<th class="align-right">limit</th>');
    expect(beta).toContain('<td class="align-right">10</td>');
  });

  it('carry no inline style attribute anywhere, which the Content-Security-Policy would block', () => {
    for (const page of result.pages) expect(read(page), page).not.toMatch(/<[a-z][^>]*\sstyle="/);
  });

  it('render callouts from ::: containers', () => {
    expect(read('01-alpha.html')).toContain('<aside class="callout warning"><p class="callout-title">Mind the order</p>');
  });
});

describe('exercise cards', () => {
  it('replace the generated exercises block', () => {
    const alpha = read('01-alpha.html');
    expect(alpha).not.toContain('generated text that the site replaces');
    expect(alpha).toContain('<h3 id="exercise-counter">');
  });

  it('show difficulty, points, the file to edit and the command that grades it', () => {
    const card = /<section class="exercise-card"[\s\S]*?<\/section>/.exec(read('01-alpha.html'))?.[0] ?? '';
    expect(card).toContain('warm-up');
    expect(card).toContain('3 points');
    expect(card).toContain('<code>chapters/01-alpha/counter.ts</code>');
    expect(card).toMatch(/npm run grade -- 01-alpha\/counter/);
    expect(card).toContain('<td>counts up</td><td class="points">2</td>');
  });

  it('keep the hints behind a disclosure and the solution behind a spoiler with a warning', () => {
    const card = /<section class="exercise-card"[\s\S]*?<\/section>/.exec(read('01-alpha.html'))?.[0] ?? '';
    expect(card).toMatch(/<details class="hints"><summary>Hints \(2\)[\s\S]*Keep the total in a <code>#private<\/code> field/);
    const spoiler = /<details class="spoiler"[^>]*>[\s\S]*?<\/details>/.exec(card)?.[0] ?? '';
    expect(spoiler).toContain('<strong>Spoiler.</strong>');
    expect(spoiler).toContain('data-solution="source/solutions/01-alpha/counter.ts.html"');
    expect(spoiler).toContain('<a href="source/solutions/01-alpha/counter.ts.html">Read the reference solution: <code>solutions/01-alpha/counter.ts</code></a>');
    // The code itself is fetched from the source view when the spoiler opens; it is not in the page.
    expect(spoiler).not.toMatch(/#count/);
    expect(read('source/solutions/01-alpha/counter.ts.html')).toMatch(/#count/);
  });

  it('are listed on the exercise index with links to their cards', () => {
    expect(read('exercises.html')).toContain('href="01-alpha.html#exercise-counter"');
  });
});

describe('the print page', () => {
  it('holds every chapter with ids made unique per chapter, references included', () => {
    const print = read('print.html');
    expect(print).toContain('id="01-alpha--learning-goals"');
    expect(print).toContain('id="02-beta--slow-consumers"');
    expect(print).toContain('href="#02-beta--slow-consumers"');
    const ids = idsOf(print);
    expect(new Set(ids).size).toBe(ids.length);
    expect(print).toMatch(/marker-end="url\(#01-alpha--d\d+-[^)]+\)"/);
    expect(danglingReferences(print)).toEqual([]);
  });

  it('has one h1, a table of contents, chapter titles as h2 and hints printed open', () => {
    const print = read('print.html');
    expect(print.match(/<h1\b/g)).toHaveLength(1);
    expect(print).toMatch(/<nav class="print-toc"[\s\S]*href="#01-alpha"[\s\S]*href="#02-beta"/);
    expect(print).toContain('<h2 id="01-alpha">Alpha messages</h2>');
    expect(print).toContain('<details open class="hints">');
    expect(print).not.toContain('class="spoiler"');
    expect(print).toMatch(/The reference solution is left out of the print edition: it is <a href="source\/solutions\/01-alpha\/counter.ts.html">/);
  });
});

describe('ids and their references', () => {
  it('are renamed together, and only for ids the fragment defines', () => {
    const html = '<svg><defs><marker id="arrow"/></defs><line marker-end="url(#arrow)"/></svg><a href="#arrow">a</a><a href="#main">m</a><p aria-labelledby="arrow main"></p>';
    expect(scopeIds(html, 'x-')).toBe(
      '<svg><defs><marker id="x-arrow"/></defs><line marker-end="url(#x-arrow)"/></svg><a href="#x-arrow">a</a><a href="#main">m</a><p aria-labelledby="x-arrow main"></p>',
    );
  });

  it('are reported when they dangle', () => {
    expect(danglingReferences('<p id="a"></p><line marker-end="url(#b)"/><a href="#c">c</a><a href="#">top</a><span aria-describedby="a d"></span>')).toEqual([
      { kind: 'href', id: 'c' },
      { kind: 'url()', id: 'b' },
      { kind: 'aria-describedby', id: 'd' },
    ]);
  });

  it('never dangle on any page of the build', () => {
    for (const page of result.pages) expect(danglingReferences(read(page)), page).toEqual([]);
  });
});

describe('diagrams', () => {
  it('are laid out with the widths of the font they are drawn in', async () => {
    const diagrams = await DiagramRenderer.create();
    await diagrams.ready();
    const [thin, broad] = ['i'.repeat(20), 'W'.repeat(20)];
    const box = (label: string): number => {
      const svg = diagrams.render(`flowchart TD\n  A[${label}] --> B[x]`, 'test:1');
      const node = [...svg.matchAll(/<g class="node"[\s\S]*?<\/g>/g)].map((m) => m[0]).find((g) => g.includes(`>${label}<`))!;
      return Number(/<rect [^>]*\swidth="([\d.]+)"/.exec(node)![1]);
    };
    // The boxes differ by exactly what the two labels differ by in Inter at 13 px (about 90 px),
    // not by what a count of characters by class would estimate.
    const measured = diagrams.font.width(broad, 13) - diagrams.font.width(thin, 13);
    expect(measured).toBeGreaterThan(85);
    expect(Math.abs(box(broad) - box(thin) - measured)).toBeLessThan(1);
  }, 30_000);

  it('redraw a flowchart too wide for the column the other way round', async () => {
    const diagrams = await DiagramRenderer.create();
    await diagrams.ready();
    const steps = Array.from({ length: 8 }, (_, i) => `  S${i}[step number ${i}] --> S${i + 1}`).join('\n');
    diagrams.render(`flowchart LR\n${steps}`, 'test:3');
    const drawn = diagrams.rendered.at(-1)!;
    expect(drawn.redrawn).toBe('turned');
    expect(drawn.width).toBeLessThanOrEqual(COLUMN_PX);
  }, 30_000);

  it('are drawn once: a later build takes them from the cache without loading the layout engine', async () => {
    const cacheFile = path.join(out, 'diagrams-test-cache.json');
    const markdown = '# T\n\n```mermaid\nsequenceDiagram\n  A->>B: hello\n```\n';
    const source = 'sequenceDiagram\n  A->>B: hello\n';
    const first = await DiagramRenderer.create(undefined, cacheFile);
    await first.prepare([markdown]);
    const drawn = first.render(source, 'test:4');
    first.saveCache();
    const later = await DiagramRenderer.create(undefined, cacheFile);
    await later.prepare([markdown]);
    // Not loaded: a diagram missing from the cache could not be drawn.
    expect(() => later.render('sequenceDiagram\n  A->>B: other\n', 'test:5')).toThrow(/was not prepared/);
    expect(later.render(source, 'test:4')).toBe(drawn);
  }, 30_000);

  it('stop the build when beautiful-mermaid no longer has the code the site patches', () => {
    expect(() => patchedSource('export function renderMermaidSVG() {}')).toThrow(/beautiful-mermaid changed where the site patches it to measure proportional text/);
  });
});

describe('build errors', () => {
  it('name the file and line of a Mermaid diagram that fails to render', async () => {
    const diagrams = await DiagramRenderer.create();
    await diagrams.ready();
    const md = createMarkdown(await CodeHighlighter.create(), { root: FIXTURE, chapterPage: () => undefined }, diagrams);
    const render = (): string => md.render('# Title\n\nText.\n\n```mermaid\nnotADiagram\n  A --> B\n```\n', { file: 'chapters/09-x/README.md', sources: new Set() });
    expect(render).toThrow(DiagramError);
    expect(render).toThrow(/chapters\/09-x\/README\.md:5: the Mermaid diagram failed to render/);
  }, 30_000);
});

describe('the link checker', () => {
  it('reports a missing page and a missing anchor', () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'workbook-links-'));
    try {
      mkdirSync(path.join(dir, 'sub'));
      writeFileSync(path.join(dir, 'a.html'), '<h2 id="here">Here</h2><a href="b.html#nowhere">b</a><a href="missing.html">m</a><a href="#here">ok</a><a href="https://example.com/">ext</a>');
      writeFileSync(path.join(dir, 'b.html'), '<h2 id="there">There</h2><a href="sub/c.html#x">c</a>');
      writeFileSync(path.join(dir, 'sub', 'c.html'), '<p id="x">x</p><p id="x">again</p><a href="../a.html#here">a</a>');
      expect(checkLinks(dir)).toEqual([
        'sub/c.html: duplicate id(s) "x"',
        'a.html: link "b.html#nowhere": b.html has no element with id "nowhere"',
        'a.html: link "missing.html" points to missing.html, which does not exist',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the API reference', () => {
  it('renders the stub contract of each exercise into the same page frame, linked from its card', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'workbook-api-site-'));
    try {
      const built = await buildSite({ root: FIXTURE, outDir: dir, api: true });
      expect(built.pages).toContain('api-01-alpha-counter.html');
      const api = readFileSync(path.join(dir, 'api-01-alpha-counter.html'), 'utf8');
      expect(api).toMatch(/<h2 id="counter"[ >]/);
      expect(api).toContain('Counts one more message and returns the new total.');
      expect(api).toContain('<nav class="sidebar"');
      expect(readFileSync(path.join(dir, '01-alpha.html'), 'utf8')).toContain('href="api-01-alpha-counter.html"');
      expect(checkLinks(dir)).toEqual([]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, BUILD_TIMEOUT);
});
