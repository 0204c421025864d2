import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import MarkdownIt from 'markdown-it';
import { writeFileAtomic } from '../../core/files.ts';
import { ROOT } from '../../core/root.ts';
import { DiagramFont } from './diagram-font.ts';
import { describeDiagram } from './diagram-text.ts';
import { escapeHtml } from './html.ts';
import { scopeIds } from './ids.ts';
import { loadMermaidEngine, type MermaidEngine, type ParsedGraph, type PatchedCopy, patchedCopy, type TextMetrics } from './mermaid-engine.ts';

/**
 * Mermaid text to inline SVG at build time, so no page needs a client-side diagram library.
 *
 * - Text is measured with the font the diagrams are drawn in ({@link DiagramFont}), so every
 *   label fits its box.
 * - Each diagram is drawn at a scale where its smallest label is {@link MIN_LABEL_PX} px, a
 *   little larger while it still fits the column. A diagram too wide for the column is redrawn:
 *   a flowchart in the other orientation (top to bottom instead of left to right, or the
 *   reverse), then any diagram with its long labels broken into lines and its sequence
 *   participants closer together; the first version that fits wins, else the narrowest.
 * - beautiful-mermaid emits, in every SVG, a `<style>` that imports web fonts from the network and
 *   declares the diagram's colour variables. The site serves nothing from the network and allows
 *   no inline styles, so that block is removed and its variables are served once, from the
 *   site's stylesheet ({@link DiagramRenderer.css}).
 * - Ids inside a diagram are scoped to it, so two diagrams on one page never share one.
 * - The SVG's accessible name says what the diagram shows, and its description lists every
 *   step, message or transition in words.
 */

/** A diagram failed to render; the message names the file and line of its fence. */
export class DiagramError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DiagramError';
  }
}

const OPTIONS = { bg: 'var(--diagram-bg)', fg: 'var(--diagram-fg)', muted: 'var(--diagram-muted)', transparent: true, padding: 20 };

/** No label is drawn smaller than this, in CSS pixels at 100 % zoom. */
export const MIN_LABEL_PX = 13;
/** The widest a diagram may be drawn on a desktop screen: the content column, inside the frame. */
export const COLUMN_PX = 720;
/** Diagrams narrower than the column are enlarged by at most this much beyond the minimum scale. */
const MAX_ENLARGEMENT = 1.15;
/** Room left beside each measured label, in ems, for rounding in the browser's text layout. */
const LABEL_SLACK_EM = 0.15;
/**
 * How the compact redraws break labels, space sequence participants and space flowchart boxes
 * side by side (the library's default is 24 px), tighter each time.
 */
const COMPACT: Array<Compact> = [
  { wrapAt: 170, actorGap: 110 },
  { wrapAt: 110, actorGap: 90 },
  { wrapAt: 110, actorGap: 80, nodeSpacing: 12 },
];

type Compact = Omit<TextMetrics, 'width'> & { nodeSpacing?: number };

/** One rendered diagram, for the build's own checks. */
export interface RenderedDiagram {
  where: string;
  /** Drawn width and height in CSS pixels. */
  width: number;
  height: number;
  /** How it was redrawn to fit the column, if it was. */
  redrawn?: 'turned' | 'compact' | 'turned and compact';
}

/** A diagram as drawn, kept in the cache: the library's SVG, its size, and its text for readers. */
interface CachedDiagram {
  svg: string;
  width: number;
  height: number;
  redrawn?: RenderedDiagram['redrawn'];
  kind: string;
  name: string;
  description: string;
}

interface DiagramCacheFile {
  version: string;
  entries: Record<string, CachedDiagram>;
}

/**
 * Renders every diagram of one build. It holds what the build accumulates: a counter that scopes
 * each diagram's ids, the colour variables its stylesheet rules need, and the diagrams drawn.
 *
 * Drawing is the slow part (the layout engine takes half a second to load, and a wide diagram is
 * drawn up to six times), so drawn diagrams are cached by content in `.workbook/site-cache/`
 * (git-ignored), like highlighted code: {@link DiagramRenderer.prepare} loads the engine only
 * when some diagram of the build is not in the cache yet.
 */
export class DiagramRenderer {
  readonly #copy: PatchedCopy;
  readonly #font: DiagramFont;
  readonly #width: TextMetrics['width'];
  readonly #cacheFile: string;
  readonly #version: string;
  readonly #cache: Map<string, CachedDiagram>;
  /** Cache entries used by this build: the only ones saved, so the cache never grows stale. */
  readonly #used = new Map<string, CachedDiagram>();
  #engine: MermaidEngine | undefined;
  #count = 0;
  #variables = '';
  readonly rendered: RenderedDiagram[] = [];

  private constructor(copy: PatchedCopy, font: DiagramFont, cacheFile: string) {
    this.#copy = copy;
    this.#font = font;
    this.#width = (text, fontSize) => font.width(text, fontSize) + fontSize * LABEL_SLACK_EM;
    this.#cacheFile = cacheFile;
    // Anything that changes how a diagram is drawn changes the version, and so empties the cache.
    this.#version = createHash('sha256')
      .update(JSON.stringify([copy.hash, font.fingerprint(), OPTIONS, MIN_LABEL_PX, COLUMN_PX, MAX_ENLARGEMENT, LABEL_SLACK_EM, COMPACT, CACHE_FORMAT]))
      .digest('hex')
      .slice(0, 16);
    this.#cache = new Map(Object.entries(readCache(cacheFile, this.#version)));
  }

  /**
   * Reads the diagram font's metrics and the cache of drawn diagrams. `cacheDir` holds the
   * renderer's patched copy and, unless `cacheFile` names another, the cache; it must sit inside
   * this repository, so that the copy's own imports resolve to its node_modules.
   */
  static async create(cacheDir = path.join(ROOT, '.workbook', 'site-cache'), cacheFile = path.join(cacheDir, 'diagrams.json')): Promise<DiagramRenderer> {
    return new DiagramRenderer(patchedCopy(cacheDir), DiagramFont.load(), cacheFile);
  }

  /** The font the diagrams are drawn in (its files are copied into the site). */
  get font(): DiagramFont {
    return this.#font;
  }

  /** Loads the layout engine, if it is not loaded yet. */
  async ready(): Promise<void> {
    this.#engine ??= await loadMermaidEngine(this.#copy);
  }

  /**
   * Gets ready to render the diagrams of these Markdown texts: loads the layout engine when one
   * of them is not in the cache. Call it before rendering Markdown that may hold diagrams.
   */
  async prepare(markdown: Iterable<string>): Promise<void> {
    const fences = new MarkdownIt();
    for (const text of markdown) {
      for (const token of fences.parse(text, {})) {
        if (token.type === 'fence' && token.info.trim().split(/\s+/)[0] === 'mermaid' && !this.#cache.has(keyOf(token.content))) {
          await this.ready();
          return;
        }
      }
    }
  }

  /**
   * Renders one diagram. `where` (`chapters/06-…/README.md:42`) is used in error messages;
   * `title`, when given, names the diagram instead of a name made from its content.
   */
  render(source: string, where: string, title?: string): string {
    const key = keyOf(source);
    let drawn = this.#cache.get(key);
    if (!drawn) {
      drawn = this.#drawToFit(source, where);
      this.#cache.set(key, drawn);
    }
    this.#used.set(key, drawn);
    const { svg, width, height, redrawn } = drawn;
    this.rendered.push({ where, width, height, ...(redrawn ? { redrawn } : {}) });
    const style = /<style>([\s\S]*?)<\/style>/.exec(svg)?.[1] ?? '';
    if (!this.#variables) this.#variables = /svg\s*\{([\s\S]*?)\}/.exec(style)?.[1]?.trim() ?? '';
    const name = title ? `${drawn.kind}: ${title}` : drawn.name;
    const cleaned = svg
      .replace(/<style>[\s\S]*?<\/style>\s*/g, '')
      .replace(/^<svg([^>]*?) style="[^"]*"/, '<svg$1')
      .replace(/^<svg([^>]*?) width="[^"]*" height="[^"]*"/, `<svg$1 width="${width}" height="${height}"`)
      // data-* attributes describe the graph for scripts; a static page has none to feed.
      .replace(/ data-[a-z-]+="[^"]*"/g, '')
      // Layout coordinates carry float noise (3.8499999999999996); a tenth of a pixel is plenty.
      // Only attribute values are rounded: a label's own numbers stay as written.
      .replace(/="([^"]*)"/g, (_whole, value: string) => `="${value.replace(/\d+\.\d{2,}/g, (n) => String(Math.round(Number(n) * 10) / 10))}"`)
      .replace(/\n\s*/g, '\n')
      .replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(name)}" `)
      .replace(/^(<svg[^>]*>)/, `$1\n<desc>${escapeHtml(drawn.description)}</desc>`);
    // A diagram wider than a phone's screen scrolls (labels never shrink below MIN_LABEL_PX);
    // the frame takes focus so that keyboard users can scroll it too.
    return `<figure class="diagram" tabindex="0">${scopeIds(cleaned, `d${++this.#count}-`)}</figure>`;
  }

  /** Writes the diagrams this build drew or reused to the cache, for the next build. */
  saveCache(): void {
    const content: DiagramCacheFile = { version: this.#version, entries: Object.fromEntries(this.#used) };
    writeFileAtomic(this.#cacheFile, JSON.stringify(content));
  }

  /** Draws a diagram as it is, then redrawn (see the module comment) until a version fits the column. */
  #drawToFit(source: string, where: string): CachedDiagram {
    const engine = this.#engine;
    if (!engine) throw new DiagramError(`${where}: the diagram renderer was not prepared for this diagram (call prepare() with its Markdown first)`);
    const turned = turnedFlowchart(source);
    const versions: Array<() => Drawn> = [
      () => this.#draw(engine, source, where, {}),
      ...(turned ? [() => ({ ...this.#draw(engine, turned, where, {}), redrawn: 'turned' as const })] : []),
      ...COMPACT.flatMap((layout) => [
        () => ({ ...this.#draw(engine, source, where, layout), redrawn: 'compact' as const }),
        ...(turned ? [() => ({ ...this.#draw(engine, turned, where, layout), redrawn: 'turned and compact' as const })] : []),
      ]),
    ];
    let drawn: Drawn | undefined;
    for (const version of versions) {
      const candidate = version();
      if (!drawn || candidate.width < drawn.width) drawn = candidate;
      if (drawn.width <= COLUMN_PX) break;
    }
    const first = source.trim().split('\n')[0]?.trim() ?? '';
    let graph: ParsedGraph | undefined;
    if (/^(flowchart|graph|stateDiagram)/.test(first)) {
      try {
        graph = engine.parse(source);
      } catch {
        // Drawn, yet not parsed for its description: it is then described line by line.
      }
    }
    const { kind, name, description } = describeDiagram(source, undefined, graph);
    return { ...drawn!, kind, name, description };
  }

  #draw(engine: MermaidEngine, source: string, where: string, { nodeSpacing, ...layout }: Compact): Drawn {
    let svg: string;
    try {
      svg = engine.render(source, nodeSpacing ? { ...OPTIONS, nodeSpacing } : OPTIONS, { width: this.#width, ...layout });
    } catch (error) {
      const reason = error instanceof Error ? error.message : String(error);
      throw new DiagramError(`${where}: the Mermaid diagram failed to render: ${reason}`, { cause: error });
    }
    const box = /^<svg[^>]*\sviewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
    if (!box) throw new DiagramError(`${where}: the Mermaid diagram rendered without a viewBox`);
    const natural = { width: Number(box[1]), height: Number(box[2]) };
    const sizes = [...svg.matchAll(/\sfont-size="([\d.]+)"/g)].map((m) => Number(m[1]));
    const smallest = Math.min(...sizes, MIN_LABEL_PX);
    const minimum = MIN_LABEL_PX / smallest;
    const fit = COLUMN_PX / natural.width;
    const scale = Math.max(minimum, Math.min(fit, minimum * MAX_ENLARGEMENT));
    const round = (n: number): number => Math.round(n * 10) / 10;
    return { svg, width: round(natural.width * scale), height: round(natural.height * scale) };
  }

  /** The stylesheet rules every inline diagram relies on: colours, and the font with its faces. */
  css(): string {
    const rules = [this.#font.css()];
    if (this.#variables) {
      rules.unshift(`.diagram svg{--bg:var(--diagram-bg);--fg:var(--diagram-fg);--muted:var(--diagram-muted);${this.#variables.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ')}}`);
    }
    return rules.join('\n');
  }
}

/** Changes when the shape of a cache entry does. */
const CACHE_FORMAT = 1;

function keyOf(source: string): string {
  return createHash('sha256').update(source).digest('base64url');
}

function readCache(file: string, version: string): Record<string, CachedDiagram> {
  if (!existsSync(file)) return {};
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as DiagramCacheFile;
    return content.version === version ? content.entries : {};
  } catch {
    // A damaged cache is only a slower build.
    return {};
  }
}

interface Drawn {
  svg: string;
  width: number;
  height: number;
  redrawn?: RenderedDiagram['redrawn'];
}

/**
 * The same flowchart in the other orientation (left to right becomes top to bottom, and the
 * reverse), or undefined when `source` is not a flowchart.
 */
function turnedFlowchart(source: string): string | undefined {
  const lines = source.split('\n');
  const first = lines.findIndex((line) => line.trim() && !line.trim().startsWith('%%'));
  const header = /^(\s*(?:flowchart|graph)\s+)(LR|RL|TD|TB|BT)\b/.exec(lines[first] ?? '');
  if (!header) return undefined;
  lines[first] = lines[first]!.replace(header[0], `${header[1]}${/LR|RL/.test(header[2]!) ? 'TD' : 'LR'}`);
  return lines.join('\n');
}

