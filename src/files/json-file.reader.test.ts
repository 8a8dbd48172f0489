import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import type { IssueDetail } from '../core/errors.js';
import { formatJsonPath, jsonLocator, readJsonArray, readJsonFile } from './json-file.reader.js';

const text = `[
  { "code": "A", "list": ["x", "y"] },
  {
    "code": "B\\"q",
    "list": [
      "z",
      "w"
    ]
  }
]`;

describe('jsonLocator', () => {
  it('finds the line of any value by its path, or of its nearest ancestor', () => {
    const l = jsonLocator(text);
    expect(l.line([0, 'list', 1])).toBe(2);
    expect(l.line([1])).toBe(3);
    expect(l.line([1, 'code'])).toBe(4);
    expect(l.line([1, 'list', 1])).toBe(7);
    expect(l.line([1, 'missing'])).toBe(3);
  });

  it('formats paths as people write them', () => {
    expect(formatJsonPath(['options', 2, 'name', 'es'])).toBe('options[2].name.es');
  });
});

describe('readJsonArray and readJsonFile', () => {
  const item = z.strictObject({ code: z.string(), list: z.array(z.enum(['x', 'y', 'z'])) });

  it('checks each item on its own and locates each problem', () => {
    const issues: IssueDetail[] = [];
    const file = readJsonArray('f.json', text, item, issues);
    expect(file?.items.map((i) => [i.index, i.line, i.data.code])).toEqual([[0, 2, 'A']]);
    expect(file?.failedCodes).toEqual(new Set(['B"q']));
    expect(issues).toEqual([{ file: 'f.json', row: 7, column: 'list[1]', value: 'w', reason: 'must be one of x, y, z' }]);
  });

  it('reports a syntax error with its line, and a missing field as required', () => {
    const issues: IssueDetail[] = [];
    expect(readJsonFile('p.json', '{\n  "code": "A",\n}', z.object({ code: z.string() }), issues)).toBeNull();
    expect(issues[0]).toMatchObject({ file: 'p.json', row: 3, reason: expect.stringMatching(/^not valid JSON/) });
    const missing: IssueDetail[] = [];
    readJsonFile('p.json', '{\n  "x": 1\n}', z.object({ code: z.string() }), missing);
    expect(missing).toEqual([{ file: 'p.json', row: 1, column: 'code', value: undefined, reason: 'required field is missing' }]);
  });
});
