/**
 * The small Markdown that narrative sections are written in: `#`–`###` headings, paragraphs
 * (lines joined, a blank line between), `-` or `*` bullet lists, **bold**, *italic* or _italic_,
 * and [links](https://…). Parsed into document blocks so that the PDF and HTML outputs show
 * exactly what the Markdown output says. Anything else is kept as plain text.
 */
import type { Block, Inline } from './report-document.js';

const INLINE = /\*\*(.+?)\*\*|\*(.+?)\*|_(.+?)_|\[([^\]]+)\]\(([^)\s]+)\)/g;

/** Splits a line of Markdown into runs of plain, bold, italic and linked text. */
export function parseInlines(text: string): Inline[] {
  const out: Inline[] = [];
  let last = 0;
  for (const m of text.matchAll(INLINE)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ text: text.slice(last, at) });
    if (m[1] !== undefined) out.push({ text: m[1], bold: true });
    else if (m[2] !== undefined) out.push({ text: m[2], italic: true });
    else if (m[3] !== undefined) out.push({ text: m[3], italic: true });
    else if (m[4] !== undefined && m[5] !== undefined) {
      // Only web and mail links: a report is published, and javascript: has no place in it.
      if (/^(https?:|mailto:)/i.test(m[5])) out.push({ text: m[4], href: m[5] });
      else out.push({ text: m[4] });
    }
    last = at + m[0].length;
  }
  if (last < text.length) out.push({ text: text.slice(last) });
  return out;
}

/**
 * Parses narrative Markdown into blocks. Headings are shifted by `headingOffset` so that a
 * `#` inside a section sits below the report's own title.
 */
export function parseNarrative(markdown: string, headingOffset = 1): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ kind: 'paragraph', inlines: parseInlines(paragraph.join(' ')) });
    if (list) blocks.push({ kind: 'list', items: list.map(parseInlines) });
    paragraph = [];
    list = null;
  };
  for (const raw of markdown.replace(/\r\n?/g, '\n').split('\n')) {
    const line = raw.trim();
    const heading = line.match(/^(#{1,3})\s+(.+)$/);
    const item = line.match(/^[-*]\s+(.+)$/);
    if (!line) flush();
    else if (heading) {
      flush();
      const level = Math.min(3, heading[1]!.length + headingOffset) as 1 | 2 | 3;
      blocks.push({ kind: 'heading', level, text: heading[2]!.trim() });
    } else if (item) {
      if (paragraph.length) flush();
      list ??= [];
      list.push(item[1]!);
    } else if (list && raw.startsWith(' ')) {
      // An indented line continues the list item above it.
      list[list.length - 1] += ` ${line}`;
    } else {
      if (list) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}

/** Fills `{{name}}` placeholders; unknown names are left as written so a typo shows. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
