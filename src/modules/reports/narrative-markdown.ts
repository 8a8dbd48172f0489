/**
 * The small Markdown that narrative sections are written in: `#`–`###` headings, paragraphs
 * (lines joined, a blank line between), `-` or `*` bullet lists, **bold**, *italic* or _italic_,
 * and [links](https://…). Parsed by markdown-it (CommonMark) into document blocks, so that the
 * PDF and HTML outputs show exactly what the Markdown output says.
 *
 * Anything else CommonMark knows (numbered lists, quotations, code, tables, images, HTML, links
 * that are not http(s), …) is a problem named with its line: the load refuses the definition
 * (narrative-fields.check.ts). A definition stored before that rule still renders: such parts
 * become plain text, and a link that is not http(s) keeps only its text.
 */
import MarkdownIt from 'markdown-it';
import type { Token } from 'markdown-it';
import type { Block, Inline } from './report-document.js';

/** Something outside the narrative subset, on a line of the text (1-based). */
export interface NarrativeProblem {
  line: number;
  reason: string;
}

// HTML is parsed (not passed through) so that it can be refused; links are validated here, not
// dropped silently by markdown-it's own check, and kept as written.
const md = new MarkdownIt('default', { html: true, linkify: false, typographer: false });
md.validateLink = () => true;
md.normalizeLink = (url) => url;

const SUBSET = 'narratives allow #–### headings, paragraphs, - lists, **bold**, *italic* and [links](https://…)';

/** Web links only: a report is published, and javascript:, data: or a relative path has no place in it. */
const isWebLink = (href: string) => /^https?:\/\/[^/\s]/i.test(href);

/** Block tokens outside the subset, by markdown-it type, as a writer would name them. */
const REFUSED_BLOCKS: Record<string, string> = {
  ordered_list_open: 'numbered lists are not allowed (to start a line with a number and a full stop, write 2012\\.)',
  blockquote_open: 'quotations (>) are not allowed',
  code_block: 'indented code is not allowed (a line indented by four spaces or more after a blank line)',
  fence: 'code blocks (```) are not allowed',
  hr: 'horizontal rules (---, ***) are not allowed',
  html_block: 'HTML is not allowed',
  table_open: 'tables are not allowed',
};

/** Inline tokens outside the subset. */
const REFUSED_INLINES: Record<string, string> = {
  code_inline: 'code (`…`) is not allowed',
  image: 'images are not allowed',
  html_inline: 'HTML is not allowed',
  s_open: 'strikethrough (~~) is not allowed',
};

/** The index of the token that closes the one at `i` (itself when it opens nothing). */
function closing(tokens: Token[], i: number): number {
  const open = tokens[i]!;
  if (open.nesting !== 1) return i;
  let j = i + 1;
  while (j < tokens.length && !(tokens[j]!.level === open.level && tokens[j]!.nesting === -1)) j++;
  return j;
}

/** Reads one Markdown text into blocks and the problems found. */
class NarrativeReader {
  readonly blocks: Block[] = [];
  readonly problems: NarrativeProblem[] = [];
  private readonly lines: string[];

  constructor(
    private readonly markdown: string,
    private readonly headingOffset: number,
  ) {
    this.lines = markdown.replace(/\r\n?/g, '\n').split('\n');
  }

  /** Notes a problem once per line (an HTML element's opening and closing tags are one problem). */
  private refuse(line: number, what: string): void {
    const reason = `${what} (${SUBSET})`;
    if (!this.problems.some((p) => p.line === line && p.reason === reason)) this.problems.push({ line, reason });
  }

  /** The 1-based first line of a block token. */
  private lineOf(t: Token): number {
    return (t.map?.[0] ?? 0) + 1;
  }

  /** The source lines of a refused block, as one paragraph of plain text. */
  private asPlainText(t: Token): void {
    const [from, to] = t.map ?? [0, 0];
    const text = this.lines
      .slice(from, to)
      .map((l) => l.trim())
      .filter(Boolean)
      .join(' ');
    if (text) this.blocks.push({ kind: 'paragraph', inlines: [{ text }] });
  }

  read(): this {
    const tokens = md.parse(this.markdown, {});
    for (let i = 0; i < tokens.length; i = closing(tokens, i) + 1) {
      const t = tokens[i]!;
      if (t.type === 'heading_open') this.heading(t, tokens[i + 1]!);
      else if (t.type === 'paragraph_open') this.blocks.push({ kind: 'paragraph', inlines: this.inlines(tokens[i + 1]!) });
      else if (t.type === 'bullet_list_open') this.list(tokens.slice(i + 1, closing(tokens, i)), t.level + 1);
      else {
        this.refuse(this.lineOf(t), REFUSED_BLOCKS[t.type] ?? `${t.type.replace(/_open$/, '')} is not allowed`);
        this.asPlainText(t);
      }
    }
    return this;
  }

  /** A `#`–`###` heading; its text keeps no emphasis or link (a heading block is plain text). */
  private heading(open: Token, inline: Token): void {
    const level = Number(open.tag.slice(1));
    if (!open.markup.startsWith('#')) this.refuse(this.lineOf(open), 'underlined headings are not allowed (write # Heading)');
    else if (level > 3) this.refuse(this.lineOf(open), `${open.markup} headings are not allowed`);
    const text = this.inlines(inline)
      .map((r) => r.text)
      .join('');
    if (!text) return this.refuse(this.lineOf(open), 'a heading needs text');
    this.blocks.push({ kind: 'heading', level: Math.min(3, Math.min(level, 3) + this.headingOffset) as 1 | 2 | 3, text });
  }

  /** A bullet list: each item one paragraph (`tokens` are the list's, `level` its items'). */
  private list(tokens: Token[], level: number): void {
    const items: Inline[][] = [];
    for (let i = 0; i < tokens.length; i++) {
      const item = tokens[i]!;
      if (item.level !== level || item.type !== 'list_item_open') continue;
      const end = closing(tokens, i);
      const inside = tokens.slice(i + 1, end);
      const paragraphs = inside.filter((x) => x.type === 'inline');
      if (inside.length === 3 && inside[0]!.type === 'paragraph_open') items.push(this.inlines(inside[1]!));
      else if (!inside.length) this.refuse(this.lineOf(item), 'a list item needs text');
      else {
        const nested = inside.find((x) => x.level === level + 1 && x.type !== 'paragraph_open' && x.type !== 'paragraph_close' && x.type !== 'inline');
        const second = inside.filter((x) => x.type === 'paragraph_open')[1];
        this.refuse(
          this.lineOf(nested ?? second ?? item),
          'a list item holds one paragraph: nested lists, quotations, code and several paragraphs are not allowed',
        );
        items.push(paragraphs.flatMap((p, k) => (k ? [{ text: ' ' }, ...this.inlines(p)] : this.inlines(p))));
      }
    }
    if (items.length) this.blocks.push({ kind: 'list', items: items.map(mergeRuns) });
  }

  /** The runs of plain, bold, italic and linked text of an inline token. */
  private inlines(inline: Token): Inline[] {
    const out: Inline[] = [];
    let line = this.lineOf(inline);
    let bold = 0;
    let italic = 0;
    let href: string | undefined;
    const push = (text: string) => {
      if (!text) return;
      const run: Inline = { text };
      if (bold) run.bold = true;
      if (italic) run.italic = true;
      if (href !== undefined) run.href = href;
      out.push(run);
    };
    for (const c of inline.children ?? []) {
      const refused = REFUSED_INLINES[c.type];
      if (refused) this.refuse(line, refused);
      switch (c.type) {
        case 'text':
          push(c.content);
          break;
        case 'softbreak':
        case 'hardbreak':
          line++;
          push(' ');
          break;
        case 'strong_open':
          bold++;
          break;
        case 'strong_close':
          bold--;
          break;
        case 'em_open':
          italic++;
          break;
        case 'em_close':
          italic--;
          break;
        case 'link_open':
          href = this.link(c, line);
          break;
        case 'link_close':
          href = undefined;
          break;
        case 'code_inline':
        case 'html_inline':
          push(c.content);
          line += c.content.split('\n').length - 1;
          break;
        case 'image':
          push(c.content);
          break;
        default:
          break;
      }
    }
    return mergeRuns(out);
  }

  /** The href of a link, when it is a web link written as [text](https://…); refused otherwise. */
  private link(open: Token, line: number): string | undefined {
    const target = String(open.attrGet('href') ?? '');
    if (open.markup === 'autolink') this.refuse(line, `<${target}> links are not allowed (write [text](${target}))`);
    else if (open.attrGet('title') !== null) this.refuse(line, 'link titles are not allowed');
    if (!isWebLink(target)) {
      this.refuse(line, `only http:// and https:// links are allowed, not "${target}"`);
      return undefined;
    }
    return target;
  }
}

/** Joins neighbouring runs that look the same. */
function mergeRuns(runs: Inline[]): Inline[] {
  const out: Inline[] = [];
  for (const r of runs) {
    const last = out[out.length - 1];
    if (last && last.bold === r.bold && last.italic === r.italic && last.href === r.href) last.text += r.text;
    else out.push({ ...r });
  }
  return out;
}

/** Splits one line of Markdown into runs of plain, bold, italic and linked text. */
export function parseInlines(text: string): Inline[] {
  const blocks = parseNarrative(text, 0);
  return blocks.flatMap((b) => (b.kind === 'paragraph' ? b.inlines : []));
}

/**
 * Parses narrative Markdown into blocks. Headings are shifted by `headingOffset` so that a
 * `#` inside a section sits below the report's own title.
 */
export function parseNarrative(markdown: string, headingOffset = 1): Block[] {
  return new NarrativeReader(markdown, headingOffset).read().blocks;
}

/** What in `markdown` is outside the narrative subset, each with its line; empty when all is well. */
export function checkNarrative(markdown: string): NarrativeProblem[] {
  return new NarrativeReader(markdown, 1).read().problems;
}

/** Fills `{{name}}` placeholders; unknown names are left as written so a typo shows. */
export function fillPlaceholders(text: string, values: Readonly<Record<string, string>>): string {
  return text.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, name: string) => values[name] ?? whole);
}
