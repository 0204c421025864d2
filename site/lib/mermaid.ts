import { DiagramFont } from './diagram-font.ts';
import { describeDiagram } from './diagram-text.ts';
import { escapeHtml } from './html.ts';
import { scopeIds } from './ids.ts';
import { loadMermaidEngine, type MermaidEngine, type ParsedGraph, type TextMetrics } from './mermaid-engine.ts';

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
/** How the compact redraws break labels and space participants, tighter each time. */
const COMPACT = [
  { wrapAt: 170, actorGap: 110 },
  { wrapAt: 110, actorGap: 90 },
];

/** One rendered diagram, for the build's own checks. */
export interface RenderedDiagram {
  where: string;
  /** Drawn width and height in CSS pixels. */
  width: number;
  height: number;
  /** How it was redrawn to fit the column, if it was. */
  redrawn?: 'turned' | 'compact' | 'turned and compact';
}

/**
 * Renders every diagram of one build. It holds what the build accumulates: a counter that scopes
 * each diagram's ids, and the colour variables its stylesheet rules need.
 */
export class DiagramRenderer {
  readonly #engine: MermaidEngine;
  readonly #font: DiagramFont;
  readonly #width: TextMetrics['width'];
  #count = 0;
  #variables = '';
  readonly rendered: RenderedDiagram[] = [];

  private constructor(engine: MermaidEngine, font: DiagramFont) {
    this.#engine = engine;
    this.#font = font;
    this.#width = (text, fontSize) => font.width(text, fontSize) + fontSize * LABEL_SLACK_EM;
  }

  /** Loads the renderer and the diagram font's metrics. `cacheDir` holds the renderer's patched copy. */
  static async create(cacheDir: string): Promise<DiagramRenderer> {
    return new DiagramRenderer(await loadMermaidEngine(cacheDir), DiagramFont.load());
  }

  /** The font the diagrams are drawn in (its files are copied into the site). */
  get font(): DiagramFont {
    return this.#font;
  }

  /**
   * Renders one diagram. `where` (`chapters/06-…/README.md:42`) is used in error messages;
   * `title`, when given, names the diagram instead of a name made from its content.
   */
  render(source: string, where: string, title?: string): string {
    const turned = turnedFlowchart(source);
    const versions: Array<() => Drawn> = [
      () => this.#draw(source, where, {}),
      ...(turned ? [() => ({ ...this.#draw(turned, where, {}), redrawn: 'turned' as const })] : []),
      ...COMPACT.flatMap((layout) => [
        () => ({ ...this.#draw(source, where, layout), redrawn: 'compact' as const }),
        ...(turned ? [() => ({ ...this.#draw(turned, where, layout), redrawn: 'turned and compact' as const })] : []),
      ]),
    ];
    let drawn: Drawn | undefined;
    for (const version of versions) {
      const candidate = version();
      if (!drawn || candidate.width < drawn.width) drawn = candidate;
      if (drawn.width <= COLUMN_PX) break;
    }
    const { svg, width, height, redrawn } = drawn!;
    this.rendered.push({ where, width, height, ...(redrawn ? { redrawn } : {}) });
    const style = /<style>([\s\S]*?)<\/style>/.exec(svg)?.[1] ?? '';
    if (!this.#variables) this.#variables = /svg\s*\{([\s\S]*?)\}/.exec(style)?.[1]?.trim() ?? '';
    const { name, description } = describeDiagram(source, title, this.#graphOf(source));
    const cleaned = svg
      .replace(/<style>[\s\S]*?<\/style>\s*/g, '')
      .replace(/^<svg([^>]*?) style="[^"]*"/, '<svg$1')
      .replace(/^<svg([^>]*?) width="[^"]*" height="[^"]*"/, `<svg$1 width="${width}" height="${height}"`)
      .replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(name)}" `)
      .replace(/^(<svg[^>]*>)/, `$1\n<desc>${escapeHtml(description)}</desc>`)
      // Layout coordinates carry float noise (3.8499999999999996); a tenth of a pixel is plenty.
      .replace(/(\d+\.\d{2,})/g, (n) => String(Math.round(Number(n) * 10) / 10))
      // data-* attributes describe the graph for scripts; a static page has none to feed.
      .replace(/ data-[a-z-]+="[^"]*"/g, '')
      .replace(/\n\s*/g, '\n');
    // A diagram wider than a phone's screen scrolls (labels never shrink below MIN_LABEL_PX);
    // the frame takes focus so that keyboard users can scroll it too.
    return `<figure class="diagram" tabindex="0">${scopeIds(cleaned, `d${++this.#count}-`)}</figure>`;
  }

  #draw(source: string, where: string, layout: Omit<TextMetrics, 'width'>): Drawn {
    let svg: string;
    try {
      svg = this.#engine.render(source, OPTIONS, { width: this.#width, ...layout });
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

  /** The parsed graph of a flowchart or state diagram, for its description; undefined for other kinds. */
  #graphOf(source: string): ParsedGraph | undefined {
    const first = source.trim().split('\n')[0]?.trim() ?? '';
    if (!/^(flowchart|graph|stateDiagram)/.test(first)) return undefined;
    try {
      return this.#engine.parse(source);
    } catch {
      return undefined;
    }
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

