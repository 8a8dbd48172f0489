/**
 * XML parsing that cannot be turned against us: no DTD processing at all (so no entity
 * expansion bombs and no external entities or file reads), and limits on bytes, elements and
 * depth. Files come from outside, so every refusal is a validation error naming the line.
 */
import { SaxesParser } from 'saxes';
import { isVigiaError, validationError, type IssueDetail } from '../../../core/errors.js';

/** One element: local name (no prefix), attributes by local name, children, text, line. */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** Concatenated text directly inside the element, trimmed. */
  text: string;
  /** 1-based line of the start tag. */
  line: number;
}

export interface XmlLimits {
  /** Largest document accepted, in bytes (UTF-8). */
  maxBytes: number;
  /** Most elements accepted in one document. */
  maxElements: number;
  /** Deepest nesting accepted. */
  maxDepth: number;
}

/** Generous for data exchange files, far below what would hurt the server. */
export const DEFAULT_XML_LIMITS: XmlLimits = { maxBytes: 64 * 1024 * 1024, maxElements: 2_000_000, maxDepth: 64 };

const localName = (qname: string): string => qname.slice(qname.indexOf(':') + 1);

/**
 * Parses `xml` into a tree. Throws a validation error (with `file` and the line) for a
 * document that is not well-formed, truncated, too large, or carries a DOCTYPE that declares
 * entities; a plain DOCTYPE without declarations is ignored, as it cannot expand anything.
 */
export function parseXmlSafely(xml: string, file = 'file.xml', limits: Partial<XmlLimits> = {}): XmlElement {
  const lim = { ...DEFAULT_XML_LIMITS, ...limits };
  const fail = (reason: string, row?: number, value?: unknown): never => {
    const d: IssueDetail = { file, reason };
    if (row !== undefined) d.row = row;
    if (value !== undefined) d.value = value;
    throw validationError(`${file}: ${reason}`, [d]);
  };
  // Length in UTF-16 units bounds the UTF-8 size from below; the exact check needs the bytes.
  if (xml.length > lim.maxBytes || Buffer.byteLength(xml, 'utf8') > lim.maxBytes) {
    fail(`larger than the ${Math.round(lim.maxBytes / 1024 / 1024)} MB allowed for XML`);
  }
  const text = xml.charCodeAt(0) === 0xfeff ? xml.slice(1) : xml;
  const parser = new SaxesParser({ xmlns: false, position: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  let count = 0;
  let error: Error | undefined;
  let errorLine = 0;

  parser.on('doctype', (doctype) => {
    // saxes never expands declared entities, but a declaration is the mark of an attack or a
    // mistake either way, so the file is refused outright rather than half-read.
    if (/<!ENTITY/i.test(doctype)) fail('the document declares entities in a DOCTYPE (entity expansion and external entities are refused)', parser.line);
    if (/\bSYSTEM\b|\bPUBLIC\b/.test(doctype)) fail('the document refers to an external DTD, which is refused', parser.line);
  });
  parser.on('opentag', (tag) => {
    if (++count > lim.maxElements) fail(`more than ${lim.maxElements} elements`, parser.line);
    if (stack.length >= lim.maxDepth) fail(`nested deeper than ${lim.maxDepth} levels`, parser.line);
    const attrs: Record<string, string> = {};
    for (const [k, v] of Object.entries(tag.attributes)) {
      if (k === 'xmlns' || k.startsWith('xmlns:')) continue;
      // xml:lang keeps its prefix; other prefixed attributes (xsi:…) are not data.
      if (k.startsWith('xml:')) attrs[k] = String(v);
      else if (!k.includes(':')) attrs[k] = String(v);
    }
    const el: XmlElement = { name: localName(tag.name), attrs, children: [], text: '', line: parser.line };
    const parent = stack[stack.length - 1];
    if (parent) parent.children.push(el);
    else root = el;
    stack.push(el);
  });
  parser.on('text', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('cdata', (t) => {
    const top = stack[stack.length - 1];
    if (top) top.text += t;
  });
  parser.on('closetag', () => {
    const el = stack.pop();
    if (el) el.text = el.text.trim();
  });
  parser.on('error', (e) => {
    if (!error) errorLine = parser.line;
    error ??= e;
  });
  try {
    parser.write(text).close();
  } catch (e) {
    if (isVigiaError(e)) throw e;
    error ??= e instanceof Error ? e : new Error(String(e));
  }
  if (error) {
    // saxes prefixes messages with "file:line:column: "; keep the reason only.
    const at = /^[^:]*:(\d+):\d+: /.exec(error.message);
    const reason = error.message.replace(/^[^:]*:\d+:\d+: /, '');
    const line = at ? Number(at[1]) : errorLine;
    const unknownEntity = /undefined entity/i.test(reason);
    fail(unknownEntity ? `${reason} (only the five predefined XML entities and character references are allowed)` : `not well-formed XML: ${reason}`, line);
  }
  if (!root) return fail('empty document: no root element');
  if (stack.length) fail(`truncated: <${stack[stack.length - 1]?.name}> is never closed`, parser.line);
  return root;
}

/** The children of `el` with local name `name`. */
export function childrenNamed(el: XmlElement, name: string): XmlElement[] {
  return el.children.filter((c) => c.name === name);
}
