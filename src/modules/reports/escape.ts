/** Escaping for the text outputs: HTML/XML text and attributes, and Markdown. */

/** Escapes text for an HTML or XML text node or a double-quoted attribute. */
export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

/** Escapes the characters Markdown would read as markup in generated text. */
export function escapeMarkdown(text: string): string {
  return text.replace(/([\\`*_[\]<>|])/g, '\\$1');
}
