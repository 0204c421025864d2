import MarkdownIt from 'markdown-it';
import type { PracticeCard } from '../../core/practice/cards.ts';

/**
 * The cards as a text file Anki imports (File → Import): one note per line, tab-separated
 * front, back and tags, with the header lines Anki 2.1.54+ reads so that no import option has
 * to be set by hand. The front is the question and the back its key points, both as HTML; the
 * tag is the chapter's slug. Tabs and line breaks never occur inside a field.
 *
 * @see https://docs.ankiweb.net/importing/text-files.html#file-headers
 */

const md = new MarkdownIt({ html: false });

/** Inline Markdown as HTML that is safe inside one tab-separated field. */
function field(html: string): string {
  return html.replace(/[\t\r\n]+/g, ' ').replace(/"/g, '&quot;').trim();
}

export function ankiExport(cards: readonly PracticeCard[]): string {
  const header = ['#separator:tab', '#html:true', '#tags column:3', '#columns:Front\tBack\tTags'];
  const rows = cards.map((card) => {
    const front = field(md.renderInline(card.question));
    const points = card.keyPoints.map((p) => `<li>${md.renderInline(p)}</li>`).join('');
    const back = field(`<ul>${points}</ul><p><small>${md.renderInline(`${card.chapterTitle}, chapters/${card.chapter}/README.md`)}</small></p>`);
    return [front, back, card.chapter].join('\t');
  });
  return `${[...header, ...rows].join('\n')}\n`;
}
