/**
 * The load's check of a report definition's Markdown: every field written in narrative
 * Markdown (a narrative's text and its texts by period, the intro of statements and of the
 * progress report, in both languages) must keep to the documented subset. Each problem names
 * the definition's file and line, the field, and the line of the text it is on.
 */
import type { IssueDetail } from '../../core/errors.js';
import { formatJsonPath, type JsonLocator, type JsonPath } from '../../files/json-file.reader.js';
import { checkNarrative } from './narrative-markdown.js';
import type { ReportDefinition } from './report-definition.schema.js';

type Bilingual = Readonly<Record<'en' | 'es', string>>;

/** Every Markdown field of a definition, with its path in the file. */
function markdownFields(definition: ReportDefinition): Array<[JsonPath, Bilingual]> {
  const out: Array<[JsonPath, Bilingual]> = [];
  definition.sections.forEach((section, i) => {
    const at: JsonPath = ['sections', i];
    if (section.type === 'narrative') {
      out.push([[...at, 'text'], section.text]);
      for (const [period, text] of Object.entries(section.by_period ?? {})) out.push([[...at, 'by_period', period], text]);
    } else if ((section.type === 'statements' || section.type === 'progress') && section.intro) {
      out.push([[...at, 'intro'], section.intro]);
    }
  });
  return out;
}

/** The problems of a definition's Markdown, as load issues of `file`. */
export function checkNarrativeFields(file: string, definition: ReportDefinition, locate: JsonLocator): IssueDetail[] {
  const issues: IssueDetail[] = [];
  for (const [path, text] of markdownFields(definition)) {
    for (const lang of ['en', 'es'] as const) {
      const at = [...path, lang];
      for (const p of checkNarrative(text[lang])) {
        issues.push({
          file,
          row: locate.line(at),
          column: formatJsonPath(at),
          value: text[lang].split(/\r\n?|\n/)[p.line - 1],
          reason: `line ${p.line} of the text: ${p.reason}`,
        });
      }
    }
  }
  return issues;
}
