/**
 * Narrative Markdown through markdown-it: every construct of the documented subset gives the
 * blocks the reports have always had, and anything outside it is named with its line, for the
 * load to refuse — links that are not http(s) among them.
 */
import { describe, expect, it } from 'vitest';
import { checkNarrative, parseNarrative } from './narrative-markdown.js';

describe('the documented subset gives the same blocks', () => {
  const cases: Array<[string, string, unknown[]]> = [
    [
      'headings # to ###, one level below the report title',
      '# One\n## Two\n### Three',
      [
        { kind: 'heading', level: 2, text: 'One' },
        { kind: 'heading', level: 3, text: 'Two' },
        { kind: 'heading', level: 3, text: 'Three' },
      ],
    ],
    [
      'paragraphs: lines joined, a blank line between',
      'First line\nsecond line.\n\n  Next paragraph.  ',
      [
        { kind: 'paragraph', inlines: [{ text: 'First line second line.' }] },
        { kind: 'paragraph', inlines: [{ text: 'Next paragraph.' }] },
      ],
    ],
    [
      '- and * lists, an indented line continuing its item',
      'Intro:\n- one\n- two\n  continued\n\n* three',
      [
        { kind: 'paragraph', inlines: [{ text: 'Intro:' }] },
        { kind: 'list', items: [[{ text: 'one' }], [{ text: 'two continued' }]] },
        { kind: 'list', items: [[{ text: 'three' }]] },
      ],
    ],
    [
      'bold, italic with * or _, and web links',
      '**Coca** fell *sharply* in _2012_; see [UNODC](https://www.unodc.org) and [INL](http://www.state.gov/inl).',
      [
        {
          kind: 'paragraph',
          inlines: [
            { text: 'Coca', bold: true },
            { text: ' fell ' },
            { text: 'sharply', italic: true },
            { text: ' in ' },
            { text: '2012', italic: true },
            { text: '; see ' },
            { text: 'UNODC', href: 'https://www.unodc.org' },
            { text: ' and ' },
            { text: 'INL', href: 'http://www.state.gov/inl' },
            { text: '.' },
          ],
        },
      ],
    ],
    [
      'placeholders and a lone * are plain text',
      'Figures for {{period}} marked * include derived values.',
      [{ kind: 'paragraph', inlines: [{ text: 'Figures for {{period}} marked * include derived values.' }] }],
    ],
    [
      'emphasis inside list items',
      '- cut **coca**;\n- train *judges*',
      [
        {
          kind: 'list',
          items: [
            [{ text: 'cut ' }, { text: 'coca', bold: true }, { text: ';' }],
            [{ text: 'train ' }, { text: 'judges', italic: true }],
          ],
        },
      ],
    ],
  ];
  it.each(cases)('%s', (_name, markdown, blocks) => {
    expect(parseNarrative(markdown)).toEqual(blocks);
    expect(checkNarrative(markdown)).toEqual([]);
  });
  it('puts a heading at the level asked for', () => {
    expect(parseNarrative('# Top', 0)).toEqual([{ kind: 'heading', level: 1, text: 'Top' }]);
  });
});

describe('anything else is named with its line', () => {
  const refused: Array<[string, string, number, RegExp]> = [
    ['a numbered list', 'Text.\n\n1. one\n2. two', 3, /numbered lists/],
    ['a quotation', '> said', 1, /quotations/],
    ['a code block', '```\nx\n```', 1, /code blocks/],
    ['indented code', 'Text.\n\n    indented', 3, /indented code/],
    ['a table', 'Intro.\n\n| a | b |\n|---|---|\n| 1 | 2 |', 3, /tables/],
    ['a horizontal rule', 'a\n\n---\n\nb', 3, /horizontal rules/],
    ['a fourth-level heading', '#### Deep', 1, /#### headings/],
    ['an underlined heading', 'Title\n=====', 1, /underlined headings/],
    ['HTML', 'One\n\n<div>x</div>', 3, /HTML/],
    ['inline HTML on the second line of a paragraph', 'One\ntwo <b>three</b>', 2, /HTML/],
    ['inline code', 'Run `vigia load`.', 1, /code/],
    ['an image', '![map](https://example.org/map.png)', 1, /images/],
    ['strikethrough', '~~gone~~', 1, /strikethrough/],
    ['a nested list', '- one\n  - inner', 2, /list item holds one paragraph/],
    ['an autolink', 'See <https://example.org>.', 1, /write \[text\]\(https:\/\/example\.org\)/],
  ];
  it.each(refused)('%s', (_name, markdown, line, reason) => {
    expect(checkNarrative(markdown)).toEqual([{ line, reason: expect.stringMatching(reason) }]);
  });

  it.each([
    ['javascript:', '[click](javascript:alert(1))'],
    ['JavaScript: in capitals', '[click](JavaScript:alert(1))'],
    ['data:', '[x](data:text/html;base64,PHNjcmlwdD4=)'],
    ['mailto:', '[write](mailto:someone@example.org)'],
    ['a relative path', '[x](/api/values)'],
    ['a protocol-relative address', '[x](//evil.example)'],
    ['a fragment', '[x](#top)'],
    ['a reference link to javascript:', '[x][bad]\n\n[bad]: javascript:alert(1)'],
  ])('refuses a link to %s, and keeps only its text', (_name, markdown) => {
    expect(checkNarrative(`Text.\n\n${markdown}`)).toEqual([{ line: 3, reason: expect.stringMatching(/only http:\/\/ and https:\/\/ links/) }]);
    const [, block] = parseNarrative(`Text.\n\n${markdown}`);
    expect(block?.kind === 'paragraph' && block.inlines.some((r) => r.href !== undefined)).toBe(false);
  });
});
