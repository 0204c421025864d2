import { type BundledLanguage, createHighlighter, type Highlighter, type ShikiTransformer } from 'shiki';
import { escapeHtml } from './html.ts';

/**
 * Build-time syntax highlighting with shiki, in a light and a dark theme at once.
 *
 * Shiki writes each token's colours as an inline style. Inline styles would force a weaker
 * Content-Security-Policy and repeat the same few declarations thousands of times, so each
 * distinct style becomes a short class (`t0`, `t1`, …) whose rule goes into the site's CSS.
 * Token colours are nudged, where needed, to at least 4.6:1 contrast against the code
 * background, so highlighted code passes WCAG AA in both themes.
 */

export const CODE_BG = { light: '#ffffff', dark: '#0d1117' } as const;
const THEMES = { light: 'github-light-default', dark: 'github-dark-default' } as const;
const LANGS = ['ts', 'js', 'json', 'jsonc', 'sh', 'bash', 'shell', 'http', 'python', 'yaml', 'diff', 'md', 'html', 'css'] as const;
const ALIASES: Record<string, string> = { typescript: 'ts', javascript: 'js', console: 'sh', text: 'text', txt: 'text', plaintext: 'text' };
const MIN_CONTRAST = 4.6;

export interface HighlightOptions {
  /** 1-based line numbers to mark as highlighted. */
  highlight?: ReadonlySet<number>;
}

/** A highlighter whose generated classes accumulate until {@link CodeHighlighter.css} is called. */
export class CodeHighlighter {
  readonly #shiki: Highlighter;
  readonly #classes = new Map<string, string>();
  /** A reference solution appears on its chapter page and on its source page: highlight it once. */
  readonly #cache = new Map<string, string>();

  private constructor(shiki: Highlighter) {
    this.#shiki = shiki;
  }

  /** Loads shiki with the site's themes and languages. */
  static async create(): Promise<CodeHighlighter> {
    return new CodeHighlighter(await createHighlighter({ themes: Object.values(THEMES), langs: [...LANGS] }));
  }

  /** Returns `<pre class="shiki">…</pre>` for `code`; an unknown language is shown as plain text. */
  highlight(code: string, lang: string, options: HighlightOptions = {}): string {
    const key = `${lang}\0${[...(options.highlight ?? [])].join(',')}\0${code}`;
    let html = this.#cache.get(key);
    if (html === undefined) {
      html = this.#highlight(code, lang, options);
      this.#cache.set(key, html);
    }
    return html;
  }

  #highlight(code: string, lang: string, options: HighlightOptions): string {
    const wanted = ALIASES[lang] ?? lang;
    const known = (this.#shiki.getLoadedLanguages() as string[]).includes(wanted);
    if (!known || wanted === 'text') return `<pre class="shiki" tabindex="0"><code>${escapeHtml(code)}</code></pre>`;
    const classes = this.#classes;
    const plain = this.#defaultStyle();
    const marked = options.highlight ?? new Set<number>();
    const transformer: ShikiTransformer = {
      pre(node) {
        delete node.properties.style;
        node.properties.class = 'shiki';
      },
      line(node, line) {
        if (marked.has(line)) this.addClassToHast(node, 'highlighted');
      },
      span(node) {
        const style = node.properties.style;
        if (typeof style !== 'string') return;
        delete node.properties.style;
        if (style.toLowerCase() === plain) {
          this.addClassToHast(node, 'plain');
          return;
        }
        let name = classes.get(style);
        if (!name) {
          name = `t${classes.size}`;
          classes.set(style, name);
        }
        this.addClassToHast(node, name);
      },
    };
    const html = this.#shiki.codeToHtml(code, {
      lang: wanted as BundledLanguage,
      themes: THEMES,
      defaultColor: false,
      transformers: [transformer],
    });
    return compact(html, marked.size > 0);
  }

  /** The style shiki gives a token drawn in both themes' default text colour. */
  #defaultStyle(): string {
    return `--shiki-light:${this.#shiki.getTheme(THEMES.light).fg};--shiki-dark:${this.#shiki.getTheme(THEMES.dark).fg}`.toLowerCase();
  }

  /** CSS rules for every token class produced so far. */
  css(): string {
    const rules: string[] = [];
    for (const [style, name] of this.#classes) {
      const declarations = style
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const [property = '', value = ''] = d.split(':').map((s) => s.trim());
          if (property === '--shiki-light') return `${property}:${readable(value, CODE_BG.light)}`;
          if (property === '--shiki-dark') return `${property}:${readable(value, CODE_BG.dark)}`;
          return `${property}:${value}`;
        });
      rules.push(`.${name}{${declarations.join(';')}}`);
    }
    return rules.join('\n');
  }
}

/**
 * Shrinks highlighted HTML without changing what it shows: tokens in the default colour need no
 * span (the `pre` already has that colour), and neighbouring tokens of one colour share a span.
 * Together with dropping per-line wrappers, this keeps a page full of listings light.
 */
function compact(html: string, keepLines: boolean): string {
  let out = html.replace(/<span class="plain">([^<]*)<\/span>/g, '$1');
  let before: string;
  do {
    before = out;
    out = out.replace(/(<span class="(t\d+)">[^<]*)<\/span><span class="\2">/g, '$1');
  } while (out !== before);
  // Line wrappers only matter when a line is highlighted.
  if (!keepLines) out = out.replace(/<span class="line">((?:[^<]|<span class="t\d+">[^<]*<\/span>)*)<\/span>/g, '$1');
  return out.replace(/<span class="(t\d+)">/g, '<span class=$1>');
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
