import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { writeFileAtomic } from '../../core/files.ts';
import { ROOT } from '../../core/root.ts';

/**
 * beautiful-mermaid, taught to measure text with the site's diagram font.
 *
 * beautiful-mermaid sizes every box from an estimate of its label's width (character classes
 * times a ratio tuned for Inter) and has no option to supply real metrics. The estimate is close
 * for most labels and a few pixels short for others, which is enough to push a label past the
 * edge of its box. So the site loads a copy of the library whose two width functions first ask a
 * measurer that the site supplies ({@link TextMetrics}): the same glyph advances the browser
 * draws with. A few more changes ({@link PATCHES}) size sequence diagrams for their labels and
 * let the site ask for a more compact layout. The copy is made from the installed, pinned
 * release, written once under `.workbook/site-cache/` (named by the hash of its source) and
 * imported from there, so bare imports resolve to the same node_modules. If a release ever
 * changes the code a patch applies to, the build stops and says so instead of silently drawing
 * with estimates.
 */

/** How to lay out one diagram: text widths as the browser will draw them, and how compactly. */
export interface TextMetrics {
  /**
   * The width in pixels of one line of text. `mono` is true for text the library would draw in
   * its monospace face (class members).
   */
  width(text: string, fontSize: number, fontWeight: number, mono: boolean): number;
  /** When set, labels wider than this many pixels are broken into lines between words. */
  wrapAt?: number;
  /** When set, the least distance between sequence participants' centres (the library's is 140). */
  actorGap?: number;
}

export interface RenderOptions {
  bg: string;
  fg: string;
  muted?: string;
  transparent?: boolean;
  /** The margin around a flowchart, state or class diagram, in px (the library's default is 40). */
  padding?: number;
  /** The space between boxes side by side in a flowchart, in px (the library's default is 24). */
  nodeSpacing?: number;
}

/** The patched library: one synchronous render with the metrics to lay it out with. */
export interface MermaidEngine {
  render(source: string, options: RenderOptions, metrics: TextMetrics): string;
  /** beautiful-mermaid's parser of flowcharts and state diagrams (it throws on other kinds). */
  parse(source: string): ParsedGraph;
}

/** A parsed flowchart or state diagram: its nodes, edges and groups. */
export interface ParsedGraph {
  direction: string;
  nodes: Map<string, { id: string; label: string; shape: string }>;
  edges: Array<{ source: string; target: string; label?: string }>;
  subgraphs: Array<{ id: string; label: string; nodeIds: string[] }>;
}

interface PatchedModule {
  renderMermaidSVG(source: string, options: RenderOptions): string;
  parseMermaid(source: string): ParsedGraph;
  __workbookUseTextMetrics(metrics: TextMetrics | undefined): void;
}

const LIBRARY = path.join(ROOT, 'node_modules', 'beautiful-mermaid');

/**
 * Each change to the released bundle: the text as released (which must occur exactly once) and
 * what it becomes.
 */
const PATCHES: Array<{ why: string; from: string; to: string }> = [
  {
    why: 'measure proportional text with the site font',
    from: 'function measureTextWidth(text, fontSize, fontWeight) {\n',
    to: 'function measureTextWidth(text, fontSize, fontWeight) {\n  if (__workbookMetrics) return __workbookMetrics.width(text, fontSize, fontWeight, false);\n',
  },
  {
    why: 'measure class members with the site font too',
    from: 'function estimateMonoTextWidth(text, fontSize) {\n',
    to: 'function estimateMonoTextWidth(text, fontSize) {\n  if (__workbookMetrics) return __workbookMetrics.width(text, fontSize, 400, true);\n',
  },
  {
    why: 'draw edge labels, notes and group headers at 13 px, as large as node labels',
    from: '  edgeLabel: 11,\n  /** Subgraph header text */\n  groupHeader: 12\n};',
    to: '  edgeLabel: 13,\n  /** Subgraph header text */\n  groupHeader: 13\n};',
  },
  {
    why: 'draw class members and annotations at 13 px',
    from: 'var CLS_FONT = {\n  memberSize: 11,\n  memberWeight: 400,\n  annotationSize: 10,',
    to: 'var CLS_FONT = {\n  memberSize: 13,\n  memberWeight: 400,\n  annotationSize: 13,',
  },
  {
    why: 'size class boxes for members drawn at 13 px',
    from: '  minWidth: 120,\n  memberFontSize: 11,\n',
    to: '  minWidth: 120,\n  memberFontSize: 13,\n',
  },
  {
    // Key badges stay 9 px (their badge is 14 px tall), so an entity diagram is drawn scaled up.
    why: 'draw entity attributes at 13 px',
    from: 'var ER_FONT = {\n  attrSize: 11,\n',
    to: 'var ER_FONT = {\n  attrSize: 13,\n',
  },
  {
    why: 'size entity boxes for attributes drawn at 13 px',
    from: '  minWidth: 140,\n  attrFontSize: 11,\n',
    to: '  minWidth: 140,\n  attrFontSize: 13,\n',
  },
  {
    why: 'break long labels of a flowchart or state diagram into lines when asked to',
    from: '      const graph = parseMermaid(text);\n      const positioned = layoutGraphSync(graph, options);\n',
    to: '      const graph = __workbookWrapGraph(parseMermaid(text));\n      const positioned = layoutGraphSync(graph, options);\n',
  },
  {
    why: 'break long message and note labels of a sequence diagram into lines when asked to',
    from: 'function layoutSequenceDiagram(diagram, _options = {}) {\n',
    to: 'function layoutSequenceDiagram(diagram, _options = {}) {\n  __workbookWrapSequence(diagram);\n',
  },
  {
    why: 'leave a margin of 20 px around a sequence diagram, as around the others',
    from: '  /** Padding around the entire diagram */\n  padding: 30,\n',
    to: '  /** Padding around the entire diagram */\n  padding: 20,\n',
  },
  {
    why: 'bring sequence participants closer when asked to',
    from: 'const minGap = Math.max(SEQ.actorGap, ',
    to: 'const minGap = Math.max(__workbookMetrics?.actorGap ?? SEQ.actorGap, ',
  },
  {
    why: 'give a message with a label of several lines the height it needs',
    from: '    if (extra > 0) messageY += extra;\n    const x1 = actorCenterX[fromIdx];\n',
    to: '    if (extra > 0) messageY += extra;\n    messageY += __workbookExtraLines(msg.label);\n    const x1 = actorCenterX[fromIdx];\n',
  },
  {
    why: 'draw a message label of several lines above its arrow',
    from: '        midX,\n        msg.y - 10,\n',
    to: '        midX,\n        msg.y - 10 - __workbookExtraLines(msg.label) / 2,\n',
  },
  {
    why: 'keep a block header clear of a first message label of several lines',
    from: '    const blockTop = (startMsg?.y ?? messageY) - SEQ.blockPadTop;\n',
    to: '    const blockTop = (startMsg?.y ?? messageY) - SEQ.blockPadTop - __workbookExtraLines(startMsg?.label);\n',
  },
  {
    why: 'keep a branch label clear of a message label of several lines',
    from: '      return { y: msgY - offset, label: d.label };\n',
    to: '      return { y: msgY - offset - __workbookExtraLines(msg?.label), label: d.label };\n',
  },
  {
    why: 'size a note for its text when it has several lines',
    from: '          estimateTextWidth(note.text, FONT_SIZES.edgeLabel, FONT_WEIGHTS.edgeLabel) + SEQ.notePadX * 2\n',
    to: '          measureMultilineText(note.text, FONT_SIZES.edgeLabel, FONT_WEIGHTS.edgeLabel).width + SEQ.notePadX * 2\n',
  },
  {
    why: 'give a note of several lines the height it needs',
    from: '        const noteH = FONT_SIZES.edgeLabel + SEQ.notePadY * 2;\n',
    to: '        const noteH = measureMultilineText(note.text, FONT_SIZES.edgeLabel, FONT_WEIGHTS.edgeLabel).height + SEQ.notePadY * 2;\n',
  },
  {
    why: 'space sequence participants so that every message label fits between its lifelines',
    from: '      currentX += minGap;\n',
    to: '      currentX += minGap;\n      currentX = Math.max(currentX, __workbookLabelRoom(diagram, actorCenterX, i));\n',
  },
  {
    why: 'make a sequence block wide enough for its header tab and its branch labels',
    from: '    const blockRight = actorCenterX[maxIdx] + actorWidths[maxIdx] / 2 + SEQ.blockPadX;\n',
    to: '    const blockRight = Math.max(actorCenterX[maxIdx] + actorWidths[maxIdx] / 2 + SEQ.blockPadX, blockLeft + __workbookBlockWidth(block));\n',
  },
];

/** Functions the patches call, appended to the bundle (they use its own names). */
const HELPERS = `
let __workbookMetrics;
/** The leftmost centre participant i may have so that each message ending at it fits its label. */
function __workbookLabelRoom(diagram, centers, i) {
  const index = (id) => diagram.actors.findIndex((a) => a.id === id);
  let room = 0;
  for (const m of diagram.messages) {
    const a = index(m.from);
    const b = index(m.to);
    if (a === b || Math.max(a, b) !== i || !m.label) continue;
    const width = measureMultilineText(m.label, FONT_SIZES.edgeLabel, FONT_WEIGHTS.edgeLabel).width;
    room = Math.max(room, centers[Math.min(a, b)] + width + 24);
  }
  return room;
}
/** The width a block needs for its header tab and for the label of each branch. */
function __workbookBlockWidth(block) {
  const header = \`\${block.type}\${block.label ? \` [\${block.label}]\` : ""}\`.split("\\n")[0];
  let width = estimateTextWidth(header, FONT_SIZES.edgeLabel, FONT_WEIGHTS.groupHeader) + 16;
  for (const d of block.dividers) {
    if (d.label) width = Math.max(width, estimateTextWidth(\`[\${d.label}]\`, FONT_SIZES.edgeLabel, FONT_WEIGHTS.edgeLabel) + 16);
  }
  return width;
}
/** \`label\` broken into lines between words wherever a line is wider than \`wrapAt\`. */
function __workbookWrap(label, fontSize, fontWeight) {
  const limit = __workbookMetrics?.wrapAt;
  if (!limit || !label) return label;
  return label.split("\\n").map((line) => {
    if (measureTextWidth(line, fontSize, fontWeight) <= limit) return line;
    const lines = [];
    let current = "";
    for (const word of line.split(" ")) {
      const longer = current ? current + " " + word : word;
      if (current && measureTextWidth(longer, fontSize, fontWeight) > limit) {
        lines.push(current);
        current = word;
      } else {
        current = longer;
      }
    }
    if (current) lines.push(current);
    return lines.join("\\n");
  }).join("\\n");
}
function __workbookWrapGraph(graph) {
  for (const node of graph.nodes.values()) node.label = __workbookWrap(node.label, FONT_SIZES.nodeLabel, FONT_WEIGHTS.nodeLabel);
  for (const edge of graph.edges) edge.label = __workbookWrap(edge.label, FONT_SIZES.edgeLabel, FONT_WEIGHTS.edgeLabel);
  return graph;
}
function __workbookWrapSequence(diagram) {
  for (const m of diagram.messages) m.label = __workbookWrap(m.label, FONT_SIZES.edgeLabel, FONT_WEIGHTS.edgeLabel);
  for (const n of diagram.notes) n.text = __workbookWrap(n.text, FONT_SIZES.edgeLabel, FONT_WEIGHTS.edgeLabel);
}
/** The extra height of a label of several lines over a label of one. */
function __workbookExtraLines(label) {
  return label ? (label.split("\\n").length - 1) * FONT_SIZES.edgeLabel * LINE_HEIGHT_RATIO : 0;
}
export function __workbookUseTextMetrics(metrics) {
  __workbookMetrics = metrics;
}
`;

/** The patched source of the installed beautiful-mermaid. */
export function patchedSource(original: string): string {
  let source = original;
  for (const { why, from, to } of PATCHES) {
    const count = source.split(from).length - 1;
    if (count !== 1) {
      throw new Error(
        `beautiful-mermaid changed where the site patches it to ${why} (expected \`${from.trim().split('\n')[0]}\` once, found it ${count} times): site/lib/mermaid-engine.ts needs updating for this release`,
      );
    }
    source = source.replace(from, to);
  }
  // The copy has no source map beside it.
  return `${source.replace(/\n\/\/# sourceMappingURL=.*$/m, '')}\n${HELPERS}`;
}

/** The patched copy of the installed library, written under `cacheDir`, and a hash of its source. */
export interface PatchedCopy {
  file: string;
  hash: string;
}

/**
 * Writes the patched copy under `cacheDir` (git-ignored) unless a copy of the same source is
 * already there. Cheap: it reads and patches the bundle but does not load it.
 */
export function patchedCopy(cacheDir: string): PatchedCopy {
  const manifest = JSON.parse(readFileSync(path.join(LIBRARY, 'package.json'), 'utf8')) as { version: string };
  const source = patchedSource(readFileSync(path.join(LIBRARY, 'dist', 'index.js'), 'utf8'));
  const hash = createHash('sha256').update(source).digest('hex').slice(0, 16);
  const file = path.join(cacheDir, `beautiful-mermaid-${manifest.version}-${hash}.mjs`);
  if (!existsSync(file)) writeFileAtomic(file, source);
  return { file, hash };
}

/** Loads a patched copy (about half a second: the bundle carries the ELK layout engine). */
export async function loadMermaidEngine(copy: PatchedCopy): Promise<MermaidEngine> {
  const library = (await import(pathToFileURL(copy.file).href)) as PatchedModule;
  return {
    render(text, options, metrics) {
      // Rendering is synchronous, so the metrics are in place for exactly this one diagram.
      library.__workbookUseTextMetrics(metrics);
      try {
        return library.renderMermaidSVG(text, options);
      } finally {
        library.__workbookUseTextMetrics(undefined);
      }
    },
    parse: (text) => library.parseMermaid(text),
  };
}
