import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VigiaError } from './errors.js';
import { type FormulaAst, type FormulaRef, evaluateFormula, formatFormula, formatRef, formulaRefs, parseFormula } from './formula.js';

/** Evaluates a formula with no references. */
const calc = (text: string): number | null => evaluateFormula(parseFormula(text), () => null);

/** A lookup over `code` / `code[SRC]` keys; unknown keys are null. */
const lookupFrom =
  (values: Record<string, number | null>) =>
  (ref: FormulaRef): number | null =>
    values[formatRef(ref)] ?? null;

function syntaxErrorOf(text: string): VigiaError {
  try {
    parseFormula(text);
  } catch (e) {
    if (e instanceof VigiaError) return e;
    throw e;
  }
  throw new Error(`"${text}" parsed`);
}

const num = (value: number): FormulaAst => ({ kind: 'number', value });
const ref = (indicator: string, source?: string): FormulaAst => ({
  kind: 'ref',
  ref: source === undefined ? { indicator } : { indicator, source },
});

describe('parseFormula and evaluateFormula', () => {
  it.each([
    ['1 - 2 - 3', -4],
    ['2 * 3 + 4', 10],
    ['2 + 3 * 4', 14],
    ['8 / 4 / 2', 1],
    ['2 * (3 + 4)', 14],
    ['(1 - 2) - 3', -4],
    ['1 - (2 - 3)', 2],
    ['8 / (4 / 2)', 4],
    ['-2 * 3', -6],
    ['-(2 + 3)', -5],
    ['--2', 2],
    ['2 - -3', 5],
    ['2*-3', -6],
    ['1.5 * 2', 3],
    ['0.25+0.5', 0.75],
    ['  ( ( 7 ) )  ', 7],
  ])('%s = %d', (text, expected) => {
    expect(calc(text)).toBe(expected);
  });

  it('groups left-associatively and by precedence', () => {
    const minus = (left: FormulaAst, right: FormulaAst): FormulaAst => ({ kind: 'binary', op: '-', left, right });
    expect(parseFormula('1 - 2 - 3')).toEqual(minus(minus(num(1), num(2)), num(3)));
    expect(parseFormula('1 - 2 * 3')).toEqual(minus(num(1), { kind: 'binary', op: '*', left: num(2), right: num(3) }));
    expect(parseFormula('-A * B')).toEqual({ kind: 'binary', op: '*', left: { kind: 'neg', operand: ref('A') }, right: ref('B') });
  });

  it('reads indicator codes and source selectors', () => {
    const ast = parseFormula('ERAD_HA / COCA_HA[USG] * 100');
    expect(formulaRefs(ast)).toEqual([{ indicator: 'ERAD_HA' }, { indicator: 'COCA_HA', source: 'USG' }]);
    const value = evaluateFormula(ast, lookupFrom({ ERAD_HA: 14_235, 'COCA_HA[USG]': 50_500, 'COCA_HA[UNODC]': 60_400 }));
    expect(value).toBeCloseTo((14_235 / 50_500) * 100, 10);
  });

  it('takes "-" and "." inside a code as part of it, so subtraction after a code needs a space', () => {
    expect(parseFormula('A-B')).toEqual(ref('A-B'));
    expect(parseFormula('ERAD.HA-2 * 2')).toEqual({ kind: 'binary', op: '*', left: ref('ERAD.HA-2'), right: num(2) });
    expect(formulaRefs(parseFormula('A - B'))).toEqual([{ indicator: 'A' }, { indicator: 'B' }]);
  });

  it('accepts source codes that start with a digit and a space before the selector', () => {
    expect(parseFormula('A[2B]')).toEqual(ref('A', '2B'));
    expect(parseFormula('A [USG]')).toEqual(ref('A', 'USG'));
  });

  it('lists distinct references in order of first appearance, a source making a different reference', () => {
    expect(formulaRefs(parseFormula('B + A[USG] * (A + B) - A[USG] / C[UNODC] + A'))).toEqual([
      { indicator: 'B' },
      { indicator: 'A', source: 'USG' },
      { indicator: 'A' },
      { indicator: 'C', source: 'UNODC' },
    ]);
    expect(formulaRefs(parseFormula('2 * 3'))).toEqual([]);
  });

  it('gives null on a division by zero', () => {
    expect(calc('1 / 0')).toBeNull();
    expect(calc('0 / 0')).toBeNull();
    expect(calc('1 / (2 - 2) + 5')).toBeNull();
    expect(evaluateFormula(parseFormula('A / B * 100'), lookupFrom({ A: 5, B: 0 }))).toBeNull();
  });

  it('gives null when any operand is null, even one multiplied by zero', () => {
    const ast = parseFormula('A + B * 0');
    expect(evaluateFormula(ast, lookupFrom({ A: 1, B: 2 }))).toBe(1);
    expect(evaluateFormula(ast, lookupFrom({ A: 1 }))).toBeNull();
    expect(evaluateFormula(parseFormula('-A'), lookupFrom({}))).toBeNull();
  });

  it('gives null when the result overflows', () => {
    expect(evaluateFormula(parseFormula('A * A'), lookupFrom({ A: 1e200 }))).toBeNull();
  });

  it('passes each reference to the lookup with its source', () => {
    const seen: string[] = [];
    evaluateFormula(parseFormula('A + A[X] + B'), (r) => {
      seen.push(formatRef(r));
      return 1;
    });
    expect(seen).toEqual(['A', 'A[X]', 'B']);
  });
});

describe('syntax errors', () => {
  it.each([
    ['A +', 4, 'expected a number, an indicator code or "("'],
    ['(A', 3, 'expected ")"'],
    ['A B', 3, 'expected an operator'],
    ['A[', 3, 'expected a source code'],
    ['A[USG', 6, 'expected "]"'],
    ['A[]', 3, 'expected a source code'],
    ['3..4', 3, 'expected a digit after the decimal point'],
    ['3.', 3, 'expected a digit after the decimal point'],
    ['.5', 1, 'expected a digit before the decimal point'],
    ['', 1, 'empty'],
    ['   ', 1, 'empty'],
    ['A + * B', 5, 'expected a number'],
    ['A)', 2, 'expected an operator'],
    [')', 1, 'expected a number'],
    ['[USG] + 1', 1, 'expected a number'],
    ['(A)[USG]', 4, 'expected an operator'],
    ['2 ^ 3', 3, 'unexpected character "^"'],
    ['A()', 2, 'expected an operator'],
    ['2A', 2, 'expected an operator'],
    ['_A', 1, 'unexpected character "_"'],
    ['1' + '0'.repeat(400), 1, 'too large'],
  ])('%j fails at position %d: %s', (text, position, expected) => {
    const e = syntaxErrorOf(text);
    expect(e.kind).toBe('validation');
    expect(e.message).toContain(`at position ${position}`);
    expect(e.message).toContain(expected);
    expect(e.details).toEqual([{ value: text, reason: expect.stringContaining(`at position ${position}`) }]);
  });

  it('says when the problem is at the end of the formula', () => {
    expect(syntaxErrorOf('A +').message).toContain('end of formula');
  });
});

describe('formatFormula', () => {
  it.each([
    ['(A+B)*100', '(A + B) * 100'],
    ['((A))', 'A'],
    ['(A - B) - C', 'A - B - C'],
    ['A - (B - C)', 'A - (B - C)'],
    ['A - (B + C)', 'A - (B + C)'],
    ['A / (B * C)', 'A / (B * C)'],
    ['(A * B) / C', 'A * B / C'],
    ['A + (B * C)', 'A + B * C'],
    ['-(A+B)', '-(A + B)'],
    ['- - A', '-(-A)'],
    ['2*-3', '2 * -3'],
    ['ERAD_HA/COCA_HA[USG]*100', 'ERAD_HA / COCA_HA[USG] * 100'],
    ['0.50', '0.5'],
    ['0.0000001', '0.0000001'],
    ['1000000000000000000000', '1000000000000000000000'],
  ])('%s reads %s', (text, canonical) => {
    expect(formatFormula(parseFormula(text))).toBe(canonical);
  });

  it('writes hand-built negative literals and tiny numbers in plain decimal digits', () => {
    expect(formatFormula({ kind: 'binary', op: '+', left: num(-1.5), right: num(1.5e-8) })).toBe('-1.5 + 0.000000015');
    expect(formatFormula(num(1.5e22))).toBe('15000000000000000000000');
  });
});

/** A formula as an AST together with one way of writing it, with extra parentheses and spacing. */
interface Written {
  ast: FormulaAst;
  text: string;
}

const spaceArb = fc.constantFrom('', ' ', '  ', '\t');
const codeArb = fc.stringMatching(/^[A-Za-z][A-Za-z0-9_.-]{0,7}$/);
const sourceArb = fc.stringMatching(/^[A-Za-z0-9_.-]{1,6}$/);

const numberLeafArb: fc.Arbitrary<Written> = fc.stringMatching(/^[0-9]{1,7}(\.[0-9]{1,4})?$/).map((text) => ({ ast: num(Number(text)), text }));
const refLeafArb: fc.Arbitrary<Written> = fc
  .tuple(codeArb, fc.option(sourceArb, { nil: undefined }), spaceArb)
  .map(([code, source, sp]) => ({ ast: ref(code, source), text: source === undefined ? code : `${code}${sp}[${source}]` }));

/** Wraps a written formula in 0–2 redundant pairs of parentheses. */
const wrapped = (arb: fc.Arbitrary<Written>): fc.Arbitrary<Written> =>
  fc.tuple(arb, fc.integer({ min: 0, max: 2 }), spaceArb, spaceArb).map(([w, n, a, b]) => ({
    ast: w.ast,
    text: `${'('.repeat(n)}${a}${w.text}${b}${')'.repeat(n)}`,
  }));

const writtenArb: fc.Arbitrary<Written> = fc.letrec<{ node: Written; neg: Written; binary: Written; leaf: Written }>((tie) => ({
  node: wrapped(fc.oneof({ maxDepth: 5, depthIdentifier: 'formula' }, tie('leaf'), tie('neg'), tie('binary'))),
  leaf: fc.oneof(numberLeafArb, refLeafArb),
  neg: fc.tuple(tie('node'), spaceArb).map(([w, sp]) => ({ ast: { kind: 'neg', operand: w.ast }, text: `-${sp}(${w.text})` })),
  binary: fc.tuple(tie('node'), fc.constantFrom('+', '-', '*', '/' as const), tie('node'), spaceArb, spaceArb).map(([l, op, r, a, b]) => ({
    ast: { kind: 'binary', op, left: l.ast, right: r.ast },
    // Operands always in parentheses, so the intended tree is the only reading.
    text: `(${l.text})${a}${op}${b}(${r.text})`,
  })),
})).node;

/** ASTs whose number literals are any non-negative double, to exercise number formatting. */
const astArb: fc.Arbitrary<FormulaAst> = fc.letrec<{ node: FormulaAst }>((tie) => ({
  node: fc.oneof(
    { maxDepth: 5, depthIdentifier: 'ast' },
    fc.double({ min: 0, noNaN: true, noDefaultInfinity: true }).map((v) => num(Math.abs(v))),
    refLeafArb.map((w) => w.ast),
    tie('node').map((operand): FormulaAst => ({ kind: 'neg', operand })),
    fc
      .tuple(tie('node'), fc.constantFrom('+', '-', '*', '/' as const), tie('node'))
      .map(([left, op, right]): FormulaAst => ({ kind: 'binary', op, left, right })),
  ),
})).node;

describe('round trips', () => {
  it('parses any fully parenthesised writing to the intended tree, and its canonical text re-parses to the same tree', () => {
    fc.assert(
      fc.property(writtenArb, ({ ast, text }) => {
        const parsed = parseFormula(text);
        expect(parsed).toEqual(ast);
        expect(parseFormula(formatFormula(parsed))).toEqual(parsed);
      }),
      { numRuns: 300 },
    );
  });

  it('canonical text of any tree re-parses to that tree, and formatting is idempotent', () => {
    fc.assert(
      fc.property(astArb, (ast) => {
        const text = formatFormula(ast);
        expect(parseFormula(text)).toEqual(ast);
        expect(formatFormula(parseFormula(text))).toBe(text);
      }),
      { numRuns: 300 },
    );
  });

  it('evaluates the canonical text to the same value as the original', () => {
    fc.assert(
      fc.property(writtenArb, fc.double({ min: -1e6, max: 1e6, noNaN: true }), ({ text }, x) => {
        const lookup = (): number => x;
        const a = evaluateFormula(parseFormula(text), lookup);
        const b = evaluateFormula(parseFormula(formatFormula(parseFormula(text))), lookup);
        expect(b).toBe(a);
      }),
    );
  });
});
