import { renderMermaidASCII } from 'beautiful-mermaid';
import MarkdownIt from 'markdown-it';
import container from 'markdown-it-container';
import pc from 'picocolors';

/**
 * Chapter Markdown as terminal text: paragraphs wrapped to the width, lists with hanging
 * indents, code under a rule, tables in columns, and Mermaid diagrams drawn as text (when they
 * fit the width; otherwise a pointer to the chapter page, where they are drawn in full).
 */

type Token = ReturnType<InstanceType<typeof MarkdownIt>['parse']>[number];

const md = new MarkdownIt({ html: true });
for (const kind of ['tip', 'note', 'warning']) md.use(container, kind);

// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;]*m/g;

/** The number of columns a string takes on screen (colour codes take none). */
export function visibleLength(text: string): number {
  return [...text.replace(ANSI, '')].length;
}

/** Wraps text at word boundaries; the first line starts with `first`, later ones with `rest`. */
export function wrap(text: string, width: number, first = '', rest = first): string[] {
  const words = text.split(/ +/).filter(Boolean);
  const lines: string[] = [];
  let line = first;
  let empty = true;
  for (const word of words) {
    const candidate = empty ? line + word : `${line} ${word}`;
    if (!empty && visibleLength(candidate) > width) {
      lines.push(line);
      line = rest + word;
    } else line = candidate;
    empty = false;
  }
  if (!empty || lines.length === 0) lines.push(line);
  return lines;
}

/** Inline Markdown (a question, a key point) as styled terminal text on one line. */
export function renderInline(markdown: string): string {
  return inlineText(md.parseInline(markdown, {})[0]?.children ?? []);
}

function inlineText(tokens: Token[]): string {
  let out = '';
  const links: string[] = [];
  for (const token of tokens) {
    switch (token.type) {
      case 'text':
        out += token.content;
        break;
      case 'code_inline':
        out += pc.isColorSupported ? pc.cyan(token.content) : `\`${token.content}\``;
        break;
      case 'strong_open':
        out += pc.isColorSupported ? '\u001b[1m' : '';
        break;
      case 'strong_close':
        out += pc.isColorSupported ? '\u001b[22m' : '';
        break;
      case 'em_open':
      case 'em_close':
        out += pc.isColorSupported ? (token.type === 'em_open' ? '\u001b[3m' : '\u001b[23m') : '';
        break;
      case 'link_open':
        links.push(String(token.attrGet('href') ?? ''));
        break;
      case 'link_close': {
        const href = links.pop() ?? '';
        if (/^https?:/.test(href)) out += ` (${href})`;
        break;
      }
      case 'softbreak':
        out += ' ';
        break;
      case 'hardbreak':
        out += '\n';
        break;
      case 'image':
        out += token.content;
        break;
      case 'html_inline':
        break;
      default:
        out += token.content;
    }
  }
  return out;
}

/**
 * Renders block Markdown for the terminal. `where` names the page for diagrams too wide to draw.
 */
export function renderBlocks(markdown: string, width: number, where = 'the chapter page'): string[] {
  const tokens = md.parse(markdown, {});
  const lines: string[] = [];
  const prefixes: string[] = [];
  const lists: Array<{ ordered: boolean; n: number }> = [];
  let bullet: string | undefined;
  const indent = (): string => prefixes.join('');
  const blank = (): void => {
    if (lines.length && lines[lines.length - 1] !== '') lines.push('');
  };

  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    switch (token.type) {
      case 'heading_open': {
        blank();
        lines.push(indent() + pc.bold(inlineText(tokens[i + 1]?.children ?? [])));
        i += 2;
        break;
      }
      case 'paragraph_open': {
        const text = inlineText(tokens[i + 1]?.children ?? []);
        const first = bullet ?? indent();
        const rest = bullet ? indent() : indent();
        for (const [k, part] of text.split('\n').entries()) lines.push(...wrap(part, width, k === 0 ? first : rest, rest));
        bullet = undefined;
        if (!token.hidden) blank();
        i += 2;
        break;
      }
      case 'bullet_list_open':
      case 'ordered_list_open':
        lists.push({ ordered: token.type === 'ordered_list_open', n: Number(token.attrGet('start') ?? 1) });
        break;
      case 'bullet_list_close':
      case 'ordered_list_close':
        lists.pop();
        if (lists.length === 0) blank();
        break;
      case 'list_item_open': {
        const list = lists[lists.length - 1]!;
        const mark = list.ordered ? `${list.n++}. ` : '• ';
        bullet = indent() + mark;
        prefixes.push(' '.repeat(mark.length));
        break;
      }
      case 'list_item_close':
        prefixes.pop();
        break;
      case 'blockquote_open':
        prefixes.push(pc.dim('│ '));
        break;
      case 'blockquote_close':
        prefixes.pop();
        blank();
        break;
      case 'fence':
      case 'code_block':
        lines.push(...codeBlock(token, width - visibleLength(indent()), where).map((l) => indent() + l));
        blank();
        break;
      case 'table_open': {
        const end = tokens.findIndex((t, j) => j > i && t.type === 'table_close');
        lines.push(...table(tokens.slice(i, end), width).map((l) => indent() + l));
        blank();
        i = end;
        break;
      }
      case 'hr':
        lines.push(indent() + pc.dim('─'.repeat(Math.min(width, 40))));
        break;
      case 'html_block': {
        const text = token.content.replace(/<[^>]+>/g, '').trim();
        if (text) lines.push(...wrap(text, width, indent()));
        break;
      }
      default:
        if (token.type.startsWith('container_') && token.nesting === 1) {
          const kind = token.type.slice('container_'.length, -'_open'.length);
          blank();
          lines.push(indent() + pc.bold(kind[0]!.toUpperCase() + kind.slice(1)));
          prefixes.push(pc.dim('│ '));
        } else if (token.type.startsWith('container_') && token.nesting === -1) {
          prefixes.pop();
          blank();
        }
    }
  }
  while (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

function codeBlock(token: Token, width: number, where: string): string[] {
  const lang = token.info.trim().split(/\s+/)[0] ?? '';
  if (lang === 'mermaid') {
    try {
      const drawing = renderMermaidASCII(token.content, { colorMode: 'none' }).replace(/\s+$/gm, '').replace(/^\n+|\n+$/g, '');
      const widest = Math.max(...drawing.split('\n').map((l) => [...l].length));
      if (widest <= width) return drawing.split('\n');
      return [pc.dim(`[A diagram ${widest} columns wide; it is drawn on ${where}.]`)];
    } catch {
      return [pc.dim(`[A diagram; it is drawn on ${where}.]`)];
    }
  }
  const source = /\binclude=(\S+)/.exec(token.info)?.[1];
  const code = token.content.replace(/\n$/, '').split('\n');
  return [...(source ? [pc.dim(`── ${source}`)] : []), ...code.map((line) => pc.dim('│ ') + line)];
}

function table(tokens: Token[], width: number): string[] {
  const rows: string[][] = [];
  let row: string[] = [];
  for (const token of tokens) {
    if (token.type === 'tr_open') row = [];
    else if (token.type === 'tr_close') rows.push(row);
    else if (token.type === 'inline') row.push(inlineText(token.children ?? []));
  }
  const columns = Math.max(...rows.map((r) => r.length));
  const widths = Array.from({ length: columns }, (_, c) => Math.max(...rows.map((r) => visibleLength(r[c] ?? ''))));
  const total = widths.reduce((a, b) => a + b, 0) + 3 * (columns - 1);
  if (total > width) {
    // Too wide for columns: each row becomes a block of "header: cell" lines.
    const [head = [], ...body] = rows;
    return body.flatMap((r, k) => [...(k ? [''] : []), ...r.flatMap((cell, c) => wrap(`${pc.bold(head[c] ?? '')}: ${cell}`, width, '', '  '))]);
  }
  const line = (cells: string[]): string => cells.map((cell, c) => cell + ' '.repeat(widths[c]! - visibleLength(cell))).join(' │ ').trimEnd();
  return [pc.bold(line(rows[0] ?? [])), widths.map((w) => '─'.repeat(w)).join('─┼─'), ...rows.slice(1).map(line)];
}
