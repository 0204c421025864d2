import { renderMermaidSVG } from 'beautiful-mermaid';
import { escapeHtml } from './html.ts';

/**
 * Mermaid text to inline SVG at build time, so no page needs a client-side diagram library.
 *
 * beautiful-mermaid emits, in every SVG, a `<style>` that imports web fonts from the network and
 * declares the diagram's colour variables. The site serves nothing from the network and allows
 * no inline styles, so that block is removed from each SVG and its variable declarations are
 * served once, scoped to `.diagram svg`, from the site's stylesheet ({@link diagramCss}).
 * Marker ids are prefixed per diagram so that two diagrams on one page never share an id.
 */

/** A diagram failed to render; the message names the file and line of its fence. */
export class DiagramError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DiagramError';
  }
}

const COLORS = { bg: 'var(--diagram-bg)', fg: 'var(--diagram-fg)', muted: 'var(--diagram-muted)', transparent: true };

let diagramCount = 0;
let variables = '';

/**
 * Renders one diagram. `where` (`chapters/06-…/README.md:42`) is used in the error message.
 * `label` becomes the SVG's accessible name.
 */
export function renderDiagram(source: string, where: string, label: string): string {
  let svg: string;
  try {
    svg = renderMermaidSVG(source, COLORS);
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new DiagramError(`${where}: the Mermaid diagram failed to render: ${reason}`, { cause: error });
  }
  const style = /<style>([\s\S]*?)<\/style>/.exec(svg)?.[1] ?? '';
  if (!variables) variables = /svg\s*\{([\s\S]*?)\}/.exec(style)?.[1]?.trim() ?? '';
  const prefix = `d${++diagramCount}-`;
  const cleaned = svg
    .replace(/<style>[\s\S]*?<\/style>\s*/g, '')
    .replace(/^<svg([^>]*?) style="[^"]*"/, '<svg$1')
    .replace(/ id="([^"]+)"/g, ` id="${prefix}$1"`)
    .replace(/url\(#([^)]+)\)/g, `url(#${prefix}$1)`)
    .replace(/ href="#([^"]+)"/g, ` href="#${prefix}$1"`)
    .replace(/^<svg /, `<svg role="img" aria-label="${escapeHtml(label)}" `)
    // Layout coordinates carry float noise (3.8499999999999996); a tenth of a pixel is plenty.
    .replace(/(\d+\.\d{2,})/g, (n) => String(Math.round(Number(n) * 10) / 10))
    // data-* attributes describe the graph for scripts; a static page has none to feed.
    .replace(/ data-[a-z-]+="[^"]*"/g, '')
    .replace(/\n\s*/g, '\n');
  // Wide diagrams scroll rather than shrink to an unreadable size; the box takes focus so that
  // keyboard users can scroll it too.
  return `<figure class="diagram" tabindex="0">${cleaned}</figure>`;
}

/** The stylesheet rules every inline diagram relies on (empty until a diagram was rendered). */
export function diagramCss(): string {
  if (!variables) return '';
  return [
    `.diagram svg{--bg:var(--diagram-bg);--fg:var(--diagram-fg);--muted:var(--diagram-muted);${variables.replace(/\/\*[\s\S]*?\*\//g, '').replace(/\s+/g, ' ')}}`,
    '.diagram text{font-family:system-ui,-apple-system,"Segoe UI",sans-serif}',
    '.diagram .mono{font-family:ui-monospace,"SF Mono",Menlo,Consolas,monospace}',
  ].join('\n');
}
