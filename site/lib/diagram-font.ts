import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import * as opentype from 'opentype.js';
import { ROOT } from '../../core/root.ts';

/**
 * The one font every diagram is drawn in: Inter (weight 500), self-hosted from @fontsource/inter.
 *
 * Diagram boxes are laid out at build time, so they fit their labels only if the build measures
 * text with the metrics the browser draws it with. The build reads the advance widths of the
 * very font files the site serves (the WOFF of each subset; the WOFF2 beside it holds the same
 * glyphs), and the stylesheet turns off kerning, ligatures and contextual alternates for diagram
 * text, so the drawn width of a label is exactly the sum of its glyphs' advances.
 *
 * One weight keeps the download to one file per subset on a page with diagrams; every diagram
 * label, whatever weight the renderer asks for, is drawn in it (see {@link DiagramFont.css}).
 */

/** The family name the site's stylesheet gives the self-hosted font. */
export const DIAGRAM_FONT_FAMILY = 'Workbook Diagram';
const WEIGHT = 500;

/** The @fontsource subsets served, in the order the browser tries them (by unicode-range). */
const SUBSETS = [
  {
    name: 'latin',
    range:
      'U+0000-00FF,U+0131,U+0152-0153,U+02BB-02BC,U+02C6,U+02DA,U+02DC,U+0304,U+0308,U+0329,U+2000-206F,U+20AC,U+2122,U+2191,U+2193,U+2212,U+2215,U+FEFF,U+FFFD',
  },
  {
    name: 'latin-ext',
    range:
      'U+0100-02BA,U+02BD-02C5,U+02C7-02CC,U+02CE-02D7,U+02DD-02FF,U+0304,U+0308,U+0329,U+1D00-1DBF,U+1E00-1E9F,U+1EF2-1EFF,U+2020,U+20A0-20AB,U+20AD-20C0,U+2113,U+2C60-2C7F,U+A720-A7FF',
  },
] as const;

const FONTSOURCE = path.join(ROOT, 'node_modules', '@fontsource', 'inter');

interface Face {
  unitsPerEm: number;
  /** Advance width in font units of a code point, or undefined when the face has no glyph for it. */
  advance(codePoint: number): number | undefined;
}

/** A font file the site copies into `assets/fonts/`. */
export interface FontAsset {
  /** The file name under `assets/fonts/`. */
  name: string;
  source: string;
}

export class DiagramFont {
  readonly #faces: Face[];

  private constructor(faces: Face[]) {
    this.#faces = faces;
  }

  /** Reads the metrics of the served font files. */
  static load(): DiagramFont {
    return new DiagramFont(SUBSETS.map((subset) => readFace(path.join(FONTSOURCE, 'files', `inter-${subset.name}-${WEIGHT}-normal.woff`))));
  }

  /**
   * The width in pixels of one line of `text` drawn at `fontSize` px. A character none of the
   * served subsets has is drawn by a fallback font whose width is unknown; it is counted as one
   * em, wider than any Latin glyph, so its box errs on the roomy side.
   */
  width(text: string, fontSize: number): number {
    let units = 0;
    for (const char of text) {
      const code = char.codePointAt(0)!;
      let advance: number | undefined;
      for (const face of this.#faces) {
        const found = face.advance(code);
        if (found !== undefined) {
          advance = (found / face.unitsPerEm) * 1000;
          break;
        }
      }
      units += advance ?? 1000;
    }
    return (units / 1000) * fontSize;
  }

  /** A hash of the font files the metrics come from: it changes when the font does. */
  fingerprint(): string {
    const hash = createHash('sha256');
    for (const subset of SUBSETS) hash.update(readFileSync(path.join(FONTSOURCE, 'files', `inter-${subset.name}-${WEIGHT}-normal.woff`)));
    return hash.digest('hex').slice(0, 16);
  }

  /** The font files to copy into `assets/fonts/`, with the font's licence. */
  assets(): FontAsset[] {
    return [
      ...SUBSETS.map((subset) => ({
        name: `inter-${subset.name}-${WEIGHT}-normal.woff2`,
        source: path.join(FONTSOURCE, 'files', `inter-${subset.name}-${WEIGHT}-normal.woff2`),
      })),
      { name: 'inter-LICENSE.txt', source: path.join(FONTSOURCE, 'LICENSE') },
    ];
  }

  /**
   * The @font-face rules (relative to `assets/site.css`) and the rules that draw every diagram
   * label in this one face with plain advances, as the build measured it.
   */
  css(): string {
    const faces = SUBSETS.map(
      (subset) =>
        `@font-face{font-family:"${DIAGRAM_FONT_FAMILY}";font-style:normal;font-weight:${WEIGHT};font-display:swap;src:url(fonts/inter-${subset.name}-${WEIGHT}-normal.woff2) format("woff2");unicode-range:${subset.range}}`,
    );
    return [
      ...faces,
      `.diagram svg text,.diagram svg tspan{font-family:"${DIAGRAM_FONT_FAMILY}",sans-serif;font-weight:${WEIGHT};font-kerning:none;font-variant-ligatures:none;font-feature-settings:"kern" 0,"liga" 0,"calt" 0;letter-spacing:0;word-spacing:0}`,
    ].join('\n');
  }
}

/** opentype.js is a UMD bundle: Node's loader exposes `parse` on the default export, a bundler as a named export. */
const parseFont: typeof opentype.parse = opentype.parse ?? opentype.default.parse;

function readFace(file: string): Face {
  const bytes = readFileSync(file);
  const font = parseFont(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength));
  const cache = new Map<number, number | undefined>();
  return {
    unitsPerEm: font.unitsPerEm,
    advance(code: number): number | undefined {
      if (!cache.has(code)) {
        const glyph = font.charToGlyph(String.fromCodePoint(code));
        cache.set(code, glyph && glyph.index !== 0 ? glyph.advanceWidth : undefined);
      }
      return cache.get(code);
    },
  };
}
