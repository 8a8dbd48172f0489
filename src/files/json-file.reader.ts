/**
 * Reads one JSON file of a program folder against its zod schema. Problems are located like
 * CSV ones: `row` is the line of the file where the offending value starts and `column` the
 * field's path inside its item (`sources[1]`, `name.es`), so a person can go straight there.
 */
import type { z } from 'zod';
import type { IssueDetail } from '../core/errors.js';

export type JsonPath = ReadonlyArray<PropertyKey>;

/** Finds the line of a value in a JSON text by its path (its nearest ancestor when absent). */
export interface JsonLocator {
  line(path: JsonPath): number;
}

export interface JsonFile<T> {
  data: T;
  locate: JsonLocator;
}

const pathKey = (path: JsonPath): string => path.map(String).join('\u0000');

/**
 * Maps the path of every value in a (valid) JSON text to the line it starts on. JSON.parse
 * keeps no positions, so this walks the text once more.
 */
export function jsonLocator(text: string): JsonLocator {
  const lines = new Map<string, number>();
  let i = 0;
  let line = 1;
  const skipSpace = () => {
    for (; i < text.length; i++) {
      const c = text[i];
      if (c === '\n') line++;
      else if (c !== ' ' && c !== '\t' && c !== '\r' && c !== '\ufeff') break;
    }
  };
  const readString = (): string => {
    const start = ++i;
    while (i < text.length && text[i] !== '"') i += text[i] === '\\' ? 2 : 1;
    i++;
    return JSON.parse(`"${text.slice(start, i - 1)}"`) as string;
  };
  const readValue = (path: PropertyKey[]): void => {
    skipSpace();
    lines.set(pathKey(path), line);
    const c = text[i];
    if (c === '{' || c === '[') {
      const close = c === '{' ? '}' : ']';
      i++;
      skipSpace();
      if (text[i] === close) {
        i++;
        return;
      }
      for (let n = 0; ; n++) {
        skipSpace();
        if (c === '{') {
          const key = readString();
          skipSpace();
          i++; // the colon
          readValue([...path, key]);
        } else readValue([...path, n]);
        skipSpace();
        if (text[i++] !== ',') return;
      }
    }
    if (c === '"') readString();
    else while (i < text.length && !/[\s,\]}]/.test(text[i] ?? '')) i++;
  };
  readValue([]);
  return {
    line(path) {
      for (let n = path.length; n >= 0; n--) {
        const found = lines.get(pathKey(path.slice(0, n)));
        if (found !== undefined) return found;
      }
      return 1;
    },
  };
}

/** `name.en`, `sources[1]`: how a field is shown in a problem's `column`. */
export function formatJsonPath(path: JsonPath): string {
  return path.reduce<string>((s, p) => (typeof p === 'number' ? `${s}[${p}]` : s ? `${s}.${String(p)}` : String(p)), '');
}

function parseJson(file: string, text: string, issues: IssueDetail[]): { raw: unknown; locate: JsonLocator } | null {
  try {
    const raw: unknown = JSON.parse(text.replace(/^\ufeff/, ''));
    return { raw, locate: jsonLocator(text) };
  } catch (e) {
    const message = e instanceof Error ? e.message : String(e);
    const at = /position (\d+)/.exec(message);
    const row = at ? text.slice(0, Number(at[1])).split('\n').length : undefined;
    issues.push({ file, row, reason: `not valid JSON: ${message}` });
    return null;
  }
}

/** Turns zod issues into located problems; `base` is the path of the checked value in the file. */
function reportZodIssues(file: string, locate: JsonLocator, base: JsonPath, error: z.ZodError, issues: IssueDetail[]): void {
  for (const issue of error.issues) {
    if (issue.code === 'unrecognized_keys') {
      const input = issue.input as Record<string, unknown> | undefined;
      for (const key of issue.keys) {
        const path = [...issue.path, key];
        issues.push({ file, row: locate.line([...base, ...path]), column: formatJsonPath(path), value: input?.[key], reason: 'unknown field' });
      }
    } else {
      const missing = issue.code === 'invalid_type' && issue.input === undefined;
      const reason = missing
        ? 'required field is missing'
        : issue.code === 'invalid_value'
          ? `must be one of ${issue.values.map(String).join(', ')}`
          : issue.message;
      issues.push({ file, row: locate.line([...base, ...issue.path]), column: formatJsonPath(issue.path), value: issue.input, reason });
    }
  }
}

/**
 * Parses `text` (the content of `file`), a JSON object, and checks it against `schema`.
 * Returns null, with the problems added to `issues`, when it is not valid JSON or does not fit.
 */
export function readJsonFile<S extends z.ZodType>(file: string, text: string, schema: S, issues: IssueDetail[]): JsonFile<z.output<S>> | null {
  const parsed = parseJson(file, text, issues);
  if (!parsed) return null;
  const result = schema.safeParse(parsed.raw, { reportInput: true });
  if (result.success) return { data: result.data, locate: parsed.locate };
  reportZodIssues(file, parsed.locate, [], result.error, issues);
  return null;
}

export interface JsonArrayItem<T> {
  index: number;
  /** Line the item starts on. */
  line: number;
  data: T;
}

export interface JsonArrayFile<T> {
  items: JsonArrayItem<T>[];
  /** The `code` of each item that did not fit the schema, so that references to it are not reported again. */
  failedCodes: Set<string>;
  locate: JsonLocator;
}

/**
 * Parses a JSON array and checks each item against `itemSchema` on its own, so that one bad
 * item does not hide the others. `column` is the path inside the item; `row` says which item.
 */
export function readJsonArray<S extends z.ZodType>(file: string, text: string, itemSchema: S, issues: IssueDetail[]): JsonArrayFile<z.output<S>> | null {
  const parsed = parseJson(file, text, issues);
  if (!parsed) return null;
  const { raw, locate } = parsed;
  if (!Array.isArray(raw)) {
    issues.push({ file, row: 1, reason: 'must be a JSON array ([ … ]) of items' });
    return null;
  }
  const out: JsonArrayFile<z.output<S>> = { items: [], failedCodes: new Set(), locate };
  raw.forEach((item: unknown, index) => {
    const result = itemSchema.safeParse(item, { reportInput: true });
    if (result.success) out.items.push({ index, line: locate.line([index]), data: result.data });
    else {
      reportZodIssues(file, locate, [index], result.error, issues);
      const code = (item as { code?: unknown } | null)?.code;
      if (typeof code === 'string') out.failedCodes.add(code.trim());
    }
  });
  return out;
}
