import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import type { IssueDetail } from '../core/errors.js';
import { csvRows, parseDecimal, readCsvTable } from './csv-table.reader.js';

const columns = { required: ['code', 'name'], optional: ['note'] };

describe('readCsvTable', () => {
  it('finds columns by header name, accepts a BOM and gives each row the line it starts on', () => {
    const issues: IssueDetail[] = [];
    const text = '\ufeffname,code\r\nAlpha,A\r\n\r\nBeta,"B"\r\n"Gamma\r\nsecond line",C\r\nDelta,D\r\n';
    const rows = readCsvTable('x.csv', text, columns, issues);
    expect(issues).toEqual([]);
    expect(rows.map((r) => [r.line, r.cells.code, r.cells.note])).toEqual([
      [2, 'A', ''],
      [4, 'B', ''],
      [5, 'C', ''],
      [7, 'D', ''],
    ]);
  });

  it('reports unknown, duplicate and missing columns on row 1', () => {
    const issues: IssueDetail[] = [];
    const rows = readCsvTable('x.csv', 'code,Colour,code\nA,red,A\n', columns, issues);
    expect(rows).toEqual([]);
    expect(issues.map((i) => [i.row, i.column, i.reason.split(';')[0]])).toEqual([
      [1, 'Colour', 'unknown column'],
      [1, 'code', 'this column appears twice'],
      [1, 'name', 'required column is missing from the header'],
    ]);
  });

  it('reports cells beyond the header and under unnamed columns, and broken quoting', () => {
    const issues: IssueDetail[] = [];
    readCsvTable('x.csv', 'code,name,\nA,Alpha,\nB,Beta,oops\nC,Gamma,,extra\n', columns, issues);
    expect(issues.map((i) => [i.row, i.column])).toEqual([
      [3, '#3'],
      [4, undefined],
    ]);
    const quoted: IssueDetail[] = [];
    expect(readCsvTable('x.csv', 'code,name\nA,"unclosed\n', columns, quoted)).toEqual([]);
    expect(quoted[0]?.reason).toMatch(/not a valid CSV file/);
  });

  it('streams the same rows, with line ends split across chunks', async () => {
    const issues: IssueDetail[] = [];
    const chunks = ['\ufeffcode,name\r', '\nA,"x\r', '\ny"\r\n\r\nB,b\r', '\nC,c'].map((c) => Buffer.from(c));
    const rows: Array<[number, string | undefined, string | undefined]> = [];
    for await (const r of csvRows(Readable.from(chunks), 'x.csv', columns, issues)) rows.push([r.line, r.cells.code, r.cells.name]);
    expect(issues).toEqual([]);
    expect(rows).toEqual([
      [2, 'A', 'x\ny'],
      [5, 'B', 'b'],
      [6, 'C', 'c'],
    ]);
  });

  it('streams rows with their lines and the bytes read so far; a bad quote names its line', async () => {
    const read = async (chunks: string[]) => {
      const issues: IssueDetail[] = [];
      const rows: Array<[number, number, string | undefined]> = [];
      for await (const r of csvRows(Readable.from(chunks.map((c) => Buffer.from(c))), 'x.csv', columns, issues)) rows.push([r.line, r.bytes, r.cells.code]);
      return { rows, issues };
    };
    expect(await read(['code,name\nA,a\nB,', 'b\n\nC,c\n'])).toEqual({
      rows: [
        [2, 14, 'A'],
        [3, 18, 'B'],
        [5, 23, 'C'],
      ],
      issues: [],
    });
    const bad = await read(['code,name\nA,a\nB,', 'b\n', 'C,"c"x\nD,d\n']);
    expect(bad.issues).toHaveLength(1);
    expect(bad.issues[0]).toMatchObject({ file: 'x.csv', row: 4 });
    expect(bad.issues[0]?.reason).toMatch(/not a valid CSV file/);
    expect(bad.rows.map((r) => r[2])).not.toContain('D');
  });

  it('an empty file says which columns it needs', () => {
    const issues: IssueDetail[] = [];
    readCsvTable('x.csv', '', columns, issues);
    expect(issues[0]?.reason).toMatch(/code, name/);
  });
});

describe('parseDecimal', () => {
  it('takes plain decimals and nothing else', () => {
    expect(['12', '-0.5', '1e3', '.25', '3.'].map(parseDecimal)).toEqual([12, -0.5, 1000, 0.25, 3]);
    expect(['1,234', '0x10', '12abc', 'Infinity', '', '1.2.3'].map(parseDecimal)).toEqual([null, null, null, null, null, null]);
  });
});
