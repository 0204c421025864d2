import { createHash } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { type BundledLanguage, createHighlighter, type Highlighter } from 'shiki';
import { writeFileAtomic } from '../../core/files.ts';
import { escapeHtml } from './html.ts';

/**
 * Build-time syntax highlighting with shiki, in a light and a dark theme at once.
 *
 * Shiki's own HTML gives each token its colours as an inline style. Inline styles would force a
 * weaker Content-Security-Policy and repeat the same few declarations thousands of times, so the
 * HTML is written here instead: each distinct pair of colours becomes a short class (`t0`, `t1`,
 * …) whose rule goes into the site's CSS, and tokens in the default colour get no span at all.
 * Token colours are nudged, where needed, to at least 4.6:1 contrast against the code
 * background, so highlighted code passes WCAG AA in both themes.
 */

const shikiVersion = (createRequire(import.meta.url)('shiki/package.json') as { version: string }).version;

export const CODE_BG = { light: '#ffffff', dark: '#0d1117' } as const;
const THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;
const LANGS = ['ts', 'js', 'json', 'jsonc', 'sh', 'bash', 'shell', 'http', 'python', 'yaml', 'diff', 'md', 'html', 'css'] as const;
const ALIASES: Record<string, string> = { typescript: 'ts', javascript: 'js', console: 'sh', text: 'text', txt: 'text', plaintext: 'text' };
const MIN_CONTRAST = 4.6;

export interface HighlightOptions {
  /** 1-based line numbers to mark as highlighted. */
  highlight?: ReadonlySet<number>;
  /**
   * Number the lines: each line gets the id `L<n>` (so `#L12` links to it) and a line number
   * drawn by the stylesheet (never copied with the code).
   */
  numbered?: boolean;
}

/** Where a listing sits in its file: 1-based first and last line, and the indentation removed. */
export interface Excerpt {
  from: number;
  to: number;
  dedent: number;
}

/** A highlighter whose generated classes accumulate until {@link CodeHighlighter.css} is called. */
export class CodeHighlighter {
  readonly #shiki: Highlighter;
  readonly #classes = new Map<string, string>();
  /** A reference solution appears on its chapter page and on its source page: highlight it once. */
  readonly #cache = new Map<string, string>();
  /** Light token colour → dark token colour, learnt as code is highlighted. */
  readonly #darkOf = new Map<string, string>();
  /** Light colours seen with more than one dark colour: such code is always tokenized twice. */
  readonly #ambiguous = new Set<string>();

  readonly #cacheFile: string | undefined;
  readonly #tokenCache: Map<string, CachedLine[]>;
  /** Cache entries used by this build: the only ones saved, so the cache never grows stale. */
  readonly #used = new Map<string, CachedLine[]>();

  private constructor(shiki: Highlighter, cacheFile: string | undefined) {
    this.#shiki = shiki;
    this.#cacheFile = cacheFile;
    this.#tokenCache = new Map(Object.entries(readCache(cacheFile)));
  }

  /**
   * Loads shiki with the site's themes and languages. With `cacheFile`, tokens of code seen by an
   * earlier build are read from it (see {@link CodeHighlighter.saveCache}).
   */
  static async create(options: { cacheFile?: string } = {}): Promise<CodeHighlighter> {
    return new CodeHighlighter(await createHighlighter({ themes: Object.values(THEMES), langs: [...LANGS] }), options.cacheFile);
  }

  /** Returns `<pre class="shiki">…</pre>` for `code`; an unknown language is shown as plain text. */
  highlight(code: string, lang: string, options: HighlightOptions = {}): string {
    const key = `${lang}\0${[...(options.highlight ?? [])].join(',')}\0${options.numbered ? 'n' : ''}\0${code}`;
    let html = this.#cache.get(key);
    if (html === undefined) {
      html = this.#pre(this.#lines(code, lang), options);
      this.#cache.set(key, html);
    }
    return html;
  }

  /**
   * Highlights lines `from`–`to` of `file` as part of the whole file, so that each token keeps the
   * colour it has in context (a method cut out of its class would otherwise read as a call), and
   * removes `dedent` leading characters from each line.
   */
  highlightExcerpt(file: string, lang: string, excerpt: Excerpt, options: HighlightOptions = {}): string {
    const key = `${lang}\0${[...(options.highlight ?? [])].join(',')}\0${excerpt.from}-${excerpt.to}-${excerpt.dedent}\0${file}`;
    let html = this.#cache.get(key);
    if (html === undefined) {
      const lines = this.#lines(file, lang, excerpt.dedent).slice(excerpt.from - 1, excerpt.to);
      html = this.#pre(lines, options);
      this.#cache.set(key, html);
    }
    return html;
  }

  #pre(lines: string[], options: HighlightOptions): string {
    const marked = options.highlight ?? new Set<number>();
    const body = lines.map((html, i) => {
      const classes = ['line', ...(marked.has(i + 1) ? ['highlighted'] : [])].join(' ');
      if (options.numbered) return `<span class="${classes}" id="L${i + 1}">${html}</span>`;
      return marked.has(i + 1) ? `<span class="${classes}">${html}</span>` : html;
    });
    return `<pre class="shiki${options.numbered ? ' numbered' : ''}" tabindex="0"><code>${body.join('\n')}</code></pre>`;
  }

  /** The HTML of each line of `code`, with `dedent` leading characters removed from each. */
  #lines(code: string, lang: string, dedent = 0): string[] {
    const wanted = ALIASES[lang] ?? lang;
    const known = (this.#shiki.getLoadedLanguages() as string[]).includes(wanted);
    if (!known || wanted === 'text') return code.split('\n').map((line) => escapeHtml(line.slice(dedent)));
    const plain = this.#defaultColors();
    return this.#segments(wanted, code).map((segments) => {
      let html = '';
      let open = '';
      let skip = dedent;
      for (const [whole, light, dark, italic] of segments) {
        const text = skip > 0 ? whole.slice(skip) : whole;
        skip = Math.max(0, skip - whole.length);
        if (!text) continue;
        const isPlain = light === plain.light && dark === plain.dark && !italic;
        const name = isPlain ? '' : this.#classFor(light, dark, italic === 1);
        if (name !== open) {
          if (open) html += '</span>';
          if (name) html += `<span class=${name}>`;
          open = name;
        }
        html += escapeHtml(text);
      }
      if (open) html += '</span>';
      return html;
    });
  }

  /** The coloured segments of each line, from the token cache when this code was seen before. */
  #segments(lang: string, code: string): CachedLine[] {
    const key = createHash('sha256').update(`${lang}\0${code}`).digest('base64url');
    let lines = this.#tokenCache.get(key);
    if (!lines) {
      lines = this.#tokenize(lang, code).map((line) => line.map((s): CachedSegment => [s.text, s.light, s.dark, s.italic ? 1 : 0]));
      this.#tokenCache.set(key, lines);
    }
    this.#used.set(key, lines);
    return lines;
  }

  /**
   * Tokenizing is the slow part of a build, and both themes tokenize the same grammar: a token's
   * dark colour follows from its light one (github-light-default and github-dark-default map
   * colour to colour). The map is learnt from code tokenized in both themes; code with a light
   * colour not yet seen, or seen with two dark colours, is tokenized in both themes again.
   */
  #tokenize(lang: string, code: string): Segment[][] {
    const light = this.#shiki.codeToTokensBase(code, { lang: lang as BundledLanguage, theme: THEMES.light });
    const known = light.every((line) => line.every((t) => this.#darkOf.has((t.color ?? '').toLowerCase())));
    if (known) {
      return light.map((line) =>
        line.map((t) => {
          const colour = (t.color ?? '').toLowerCase();
          return { text: t.content, light: colour, dark: this.#darkOf.get(colour)!, italic: ((t.fontStyle ?? 0) & 1) === 1 };
        }),
      );
    }
    const dark = this.#shiki.codeToTokensBase(code, { lang: lang as BundledLanguage, theme: THEMES.dark });
    const lines = light.map((line, i) => overlay(line, dark[i] ?? []));
    for (const segment of lines.flat()) {
      const seen = this.#darkOf.get(segment.light);
      if (seen === undefined && !this.#ambiguous.has(segment.light)) this.#darkOf.set(segment.light, segment.dark);
      else if (seen !== undefined && seen !== segment.dark) {
        this.#darkOf.delete(segment.light);
        this.#ambiguous.add(segment.light);
      }
    }
    return lines;
  }

  /**
   * Writes the tokens of every file highlighted in this build to the cache file given to
   * {@link CodeHighlighter.create}, so the next build skips tokenizing what did not change.
   */
  saveCache(): void {
    if (!this.#cacheFile) return;
    const content: TokenCacheFile = { version: CACHE_VERSION, entries: Object.fromEntries(this.#used) };
    writeFileAtomic(this.#cacheFile, JSON.stringify(content));
  }

  #classFor(light: string, dark: string, italic: boolean): string {
    const key = `${light}|${dark}|${italic ? 'i' : ''}`;
    let name = this.#classes.get(key);
    if (!name) {
      name = `t${this.#classes.size}`;
      this.#classes.set(key, name);
    }
    return name;
  }

  /** The default text colour of each theme: tokens in it need no span. */
  #defaultColors(): { light: string; dark: string } {
    return {
      light: this.#shiki.getTheme(THEMES.light).fg.toLowerCase(),
      dark: this.#shiki.getTheme(THEMES.dark).fg.toLowerCase(),
    };
  }

  /** CSS rules for every token class produced so far. */
  css(): string {
    const rules: string[] = [];
    for (const [key, name] of this.#classes) {
      const [light = '', dark = '', italic] = key.split('|');
      const style = italic ? ';font-style:italic' : '';
      rules.push(`.${name}{--shiki-light:${readable(light, CODE_BG.light)};--shiki-dark:${readable(dark, CODE_BG.dark)}${style}}`);
    }
    return rules.join('\n');
  }
}

interface Segment {
  text: string;
  light: string;
  dark: string;
  italic: boolean;
}

/** A segment as cached: text, light colour, dark colour, 1 when italic. */
type CachedSegment = [string, string, string, 0 | 1];
type CachedLine = CachedSegment[];

interface TokenCacheFile {
  version: string;
  entries: Record<string, CachedLine[]>;
}

/** Changes whenever cached tokens could differ: another shiki, other themes, other languages. */
const CACHE_VERSION = `shiki@${shikiVersion} ${THEMES.light} ${THEMES.dark} ${LANGS.join(',')}`;

function readCache(file: string | undefined): Record<string, CachedLine[]> {
  if (!file || !existsSync(file)) return {};
  try {
    const content = JSON.parse(readFileSync(file, 'utf8')) as TokenCacheFile;
    return content.version === CACHE_VERSION ? content.entries : {};
  } catch {
    // A damaged cache is only a slower build.
    return {};
  }
}

interface ThemedToken {
  content: string;
  color?: string;
  fontStyle?: number;
}

/** Lays one line's tokens from two themes over each other, cutting wherever either changes. */
function overlay(light: ThemedToken[], dark: ThemedToken[]): Segment[] {
  const segments: Segment[] = [];
  let j = 0;
  let darkEnd = dark[0]?.content.length ?? Number.POSITIVE_INFINITY;
  let offset = 0;
  for (const token of light) {
    let rest = token.content;
    while (rest.length > 0) {
      while (offset >= darkEnd && j < dark.length - 1) darkEnd += dark[++j]!.content.length;
      const take = Math.min(rest.length, Math.max(1, darkEnd - offset));
      segments.push({
        text: rest.slice(0, take),
        light: (token.color ?? '').toLowerCase(),
        dark: (dark[j]?.color ?? token.color ?? '').toLowerCase(),
        italic: ((token.fontStyle ?? 0) & 1) === 1,
      });
      rest = rest.slice(take);
      offset += take;
    }
  }
  return segments;
}

/** Parses a comma-separated list of line numbers and ranges (`1,3-5`) into a set. */
export function parseLineRanges(spec: string): Set<number> {
  const lines = new Set<number>();
  for (const part of spec.split(',')) {
    const match = /^\s*(\d+)(?:\s*-\s*(\d+))?\s*$/.exec(part);
    if (!match) continue;
    const from = Number(match[1]);
    const to = Number(match[2] ?? match[1]);
    for (let n = from; n <= to; n++) lines.add(n);
  }
  return lines;
}

type Rgb = [number, number, number];

function parseHex(hex: string): Rgb | undefined {
  const m = /^#([0-9a-f]{6})([0-9a-f]{2})?$/i.exec(hex);
  if (!m) return undefined;
  const n = parseInt(m[1]!, 16);
  return [(n >> 16) & 255, (n >> 8) & 255, n & 255];
}

function luminance([r, g, b]: Rgb): number {
  const channel = (c: number): number => {
    const s = c / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * channel(r) + 0.7152 * channel(g) + 0.0722 * channel(b);
}

/** The WCAG contrast ratio of two colours. */
export function contrast(a: Rgb, b: Rgb): number {
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x) as [number, number];
  return (hi + 0.05) / (lo + 0.05);
}

/** `color`, moved towards black or white just enough to reach {@link MIN_CONTRAST} on `background`. */
function readable(color: string, background: string): string {
  const fg = parseHex(color);
  const bg = parseHex(background);
  if (!fg || !bg) return color;
  const target: Rgb = luminance(bg) > 0.5 ? [0, 0, 0] : [255, 255, 255];
  let current = fg;
  for (let step = 0; step < 20 && contrast(current, bg) < MIN_CONTRAST; step++) {
    current = current.map((c, i) => Math.round(c + (target[i]! - c) * 0.1)) as Rgb;
  }
  return `#${current.map((c) => c.toString(16).padStart(2, '0')).join('')}`;
}
