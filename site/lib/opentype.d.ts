/** The small part of opentype.js (which ships no types) the site uses to read font metrics. */
declare module 'opentype.js' {
  export interface Glyph {
    /** 0 is the `.notdef` glyph: the font has no glyph for the character. */
    index: number;
    /** In font units; see {@link Font.unitsPerEm}. */
    advanceWidth: number;
  }
  export interface Font {
    unitsPerEm: number;
    charToGlyph(char: string): Glyph;
  }
  export function parse(buffer: ArrayBuffer): Font;
  const opentype: { parse: typeof parse };
  export default opentype;
}
