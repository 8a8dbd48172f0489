/** Escaping for the Markdown output (HTML and XML escaping is core/xml-escape.ts, shared with the exchange formats). */

/** Escapes the characters Markdown would read as markup in generated text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
