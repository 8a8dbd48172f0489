/**
 * Minimal XML writing: escaping and one element per call, so writers build documents as
 * strings in the order a schema demands without a DOM.
 */

import { escapeXml } from '../../../core/xml-escape.js';

export { escapeXml };

/** Attributes, in the order given, skipping undefined/null/'' values. */
export function xmlAttrs(attrs: Record<string, string | number | boolean | null | undefined>): string {
  let out = '';
  for (const [k, v] of Object.entries(attrs)) {
    if (v === undefined || v === null || v === '') continue;
    out += ` ${k}="${escapeXml(String(v))}"`;
  }
  return out;
}

/**
 * One element. `content` is already-serialised child XML (an array is joined), or text when
 * `text` is true; with no content the element is self-closing.
 */
export function xmlElement(
  name: string,
  attrs: Record<string, string | number | boolean | null | undefined> = {},
  content?: string | readonly string[],
  opts: { text?: boolean } = {},
): string {
  const inner = Array.isArray(content) ? content.join('') : (content as string | undefined);
  if (inner === undefined || inner === '') return `<${name}${xmlAttrs(attrs)}/>`;
  return `<${name}${xmlAttrs(attrs)}>${opts.text ? escapeXml(inner) : inner}</${name}>`;
}
