/**
 * The formula language of formula indicators (docs/program-format.md): `+ - * /`, unary minus,
 * parentheses, decimal numbers and indicator codes, each optionally picking a source:
 * `ERAD_HA / COCA_HA[USG] * 100`. A hand-written tokenizer and recursive-descent parser, so a
 * formula from a program file is never run as code.
 *
 * Codes may contain `-` (`[A-Za-z][A-Za-z0-9_.-]*`), so `A-B` is one code: subtraction after a
 * code needs a space, `A - B`. The canonical text that formatFormula writes always has one.
 */
import { validationError } from './errors.js';

/** An indicator a formula reads, with the source it picks (none: the indicator's only source). */
export interface FormulaRef {
  indicator: string;
  source?: string;
  /**
   * One disaggregation picked, `A[sex=f]` (dimension → option): only where the parser is told
   * to accept it (the relations of validation rules, src/core/quality-rules.ts).
   */
  disagg?: Record<string, string>;
}

/** What the parser accepts beyond formula indicators' grammar. */
export interface FormulaOptions {
  /** Accept `[dim=opt]` (and `[dim=opt,dim2=opt2]`) selectors after a code. */
  disagg?: boolean;
}

export type BinaryOp = '+' | '-' | '*' | '/';

/** A parsed formula. Parentheses leave no node: the tree's shape carries the grouping. */
export type FormulaAst =
  | { kind: 'number'; value: number }
  | { kind: 'ref'; ref: FormulaRef }
  | { kind: 'neg'; operand: FormulaAst }
  | { kind: 'binary'; op: BinaryOp; left: FormulaAst; right: FormulaAst };

type Token =
  | { kind: 'number'; value: number; pos: number }
  | { kind: 'code'; text: string; pos: number }
  /** A whole `[SRC]` selector; `text` is the source code. */
  | { kind: 'source'; text: string; pos: number }
  /** A whole `[dim=opt,…]` selector. */
  | { kind: 'disagg'; pairs: Record<string, string>; pos: number }
  | { kind: 'punct'; text: Punct; pos: number }
  | { kind: 'end'; pos: number };

const CODE_START = /[A-Za-z]/;
const CODE_PART = /[A-Za-z0-9_.-]/;
/** Source codes follow the general rule for codes (docs/program-format.md) and may start with a digit. */
const SOURCE_PART = /[A-Za-z0-9_.-]/;
const DIGIT = /[0-9]/;
type Punct = '+' | '-' | '*' | '/' | '(' | ')';
const PUNCT: readonly string[] = ['+', '-', '*', '/', '(', ')'];
const isPunct = (c: string): c is Punct => PUNCT.includes(c);

/** A syntax error at a 0-based offset, reported to people 1-based. */
function syntaxError(text: string, pos: number, reason: string): Error {
  const where = pos >= text.length ? `at position ${pos + 1} (end of formula)` : `at position ${pos + 1}`;
  const full = `${where}: ${reason}`;
  return validationError(`formula "${text}": ${full}`, [{ value: text, reason: full }]);
}

function describeToken(t: Token): string {
  switch (t.kind) {
    case 'number':
      return `the number ${t.value}`;
    case 'code':
      return `"${t.text}"`;
    case 'source':
      return `"[${t.text}]"`;
    case 'disagg':
      return `"[${formatDisagg(t.pairs)}]"`;
    case 'punct':
      return `"${t.text}"`;
    case 'end':
      return 'the end of the formula';
  }
}

function tokenize(text: string): Token[] {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text[i] ?? '';
    if (/\s/.test(c)) {
      i++;
    } else if (DIGIT.test(c)) {
      const start = i;
      while (DIGIT.test(text[i] ?? '')) i++;
      if (text[i] === '.') {
        i++;
        if (!DIGIT.test(text[i] ?? '')) throw syntaxError(text, i, 'expected a digit after the decimal point');
        while (DIGIT.test(text[i] ?? '')) i++;
      }
      const value = Number(text.slice(start, i));
      if (!Number.isFinite(value)) throw syntaxError(text, start, 'the number is too large');
      tokens.push({ kind: 'number', value, pos: start });
    } else if (c === '.') {
      throw syntaxError(text, i, 'expected a digit before the decimal point (write 0.5, not .5)');
    } else if (CODE_START.test(c)) {
      const start = i;
      while (CODE_PART.test(text[i] ?? '')) i++;
      tokens.push({ kind: 'code', text: text.slice(start, i), pos: start });
    } else if (c === '[' && /^\[[^\]]*=/.test(text.slice(i))) {
      const start = i++;
      const pairs: Record<string, string> = {};
      for (;;) {
        const dimStart = i;
        while (SOURCE_PART.test(text[i] ?? '')) i++;
        if (i === dimStart) throw syntaxError(text, i, 'expected a dimension code');
        const dim = text.slice(dimStart, i);
        if (text[i] !== '=') throw syntaxError(text, i, `expected "=" after the dimension "${dim}"`);
        const optStart = ++i;
        while (SOURCE_PART.test(text[i] ?? '')) i++;
        if (i === optStart) throw syntaxError(text, i, `expected an option of "${dim}" after "="`);
        if (dim in pairs) throw syntaxError(text, dimStart, `the dimension "${dim}" is picked twice`);
        pairs[dim] = text.slice(optStart, i);
        if (text[i] === ',') {
          i++;
          continue;
        }
        if (text[i] !== ']') throw syntaxError(text, i, 'expected "," or "]" after the option');
        i++;
        break;
      }
      tokens.push({ kind: 'disagg', pairs, pos: start });
    } else if (c === '[') {
      const start = i++;
      while (SOURCE_PART.test(text[i] ?? '')) i++;
      if (i === start + 1) throw syntaxError(text, i, 'expected a source code after "["');
      if (text[i] !== ']') throw syntaxError(text, i, 'expected "]" after the source code');
      tokens.push({ kind: 'source', text: text.slice(start + 1, i), pos: start });
      i++;
    } else if (isPunct(c)) {
      tokens.push({ kind: 'punct', text: c, pos: i });
      i++;
    } else {
      throw syntaxError(text, i, `unexpected character "${c}"`);
    }
  }
  tokens.push({ kind: 'end', pos: text.length });
  return tokens;
}

/**
 * Grammar, lowest precedence first; binary operators associate to the left:
 *   expr   := term (('+' | '-') term)*
 *   term   := unary (('*' | '/') unary)*
 *   unary  := '-' unary | atom
 *   atom   := number | code source? | '(' expr ')'        (source: a `[SRC]` token)
 */
class Parser {
  private i = 0;

  constructor(
    private readonly text: string,
    private readonly tokens: Token[],
    private readonly options: FormulaOptions = {},
  ) {}

  parse(): FormulaAst {
    if (this.peek().kind === 'end') throw syntaxError(this.text, 0, 'the formula is empty');
    const ast = this.expr();
    const rest = this.peek();
    if (rest.kind !== 'end') {
      throw syntaxError(this.text, rest.pos, `expected an operator (+ - * /) or the end, found ${describeToken(rest)}`);
    }
    return ast;
  }

  private peek(): Token {
    // The tokenizer always ends with an 'end' token, and nothing advances past it.
    return this.tokens[this.i] ?? { kind: 'end', pos: this.text.length };
  }

  private next(): Token {
    const t = this.peek();
    if (t.kind !== 'end') this.i++;
    return t;
  }

  /** Consumes and returns the next token if it is one of `ops`. */
  private takeOp(ops: readonly BinaryOp[]): BinaryOp | null {
    const t = this.peek();
    const op = t.kind === 'punct' ? ops.find((o) => o === t.text) : undefined;
    if (op === undefined) return null;
    this.i++;
    return op;
  }

  private expect(text: ')', what: string): void {
    const t = this.peek();
    if (!(t.kind === 'punct' && t.text === text)) {
      throw syntaxError(this.text, t.pos, `expected "${text}" ${what}, found ${describeToken(t)}`);
    }
    this.next();
  }

  private expr(): FormulaAst {
    let left = this.term();
    for (let op = this.takeOp(['+', '-']); op; op = this.takeOp(['+', '-'])) {
      left = { kind: 'binary', op, left, right: this.term() };
    }
    return left;
  }

  private term(): FormulaAst {
    let left = this.unary();
    for (let op = this.takeOp(['*', '/']); op; op = this.takeOp(['*', '/'])) {
      left = { kind: 'binary', op, left, right: this.unary() };
    }
    return left;
  }

  private unary(): FormulaAst {
    if (this.takeOp(['-'])) {
      return { kind: 'neg', operand: this.unary() };
    }
    return this.atom();
  }

  private atom(): FormulaAst {
    const t = this.next();
    if (t.kind === 'number') return { kind: 'number', value: t.value };
    if (t.kind === 'code') {
      const ref: FormulaRef = { indicator: t.text };
      const source = this.peek();
      if (source.kind === 'source') {
        this.next();
        ref.source = source.text;
      }
      const disagg = this.peek();
      if (disagg.kind === 'disagg') {
        if (!this.options.disagg) throw syntaxError(this.text, disagg.pos, 'a formula indicator cannot pick a disaggregation ([dim=option])');
        this.next();
        ref.disagg = disagg.pairs;
      }
      return { kind: 'ref', ref };
    }
    if (t.kind === 'punct' && t.text === '(') {
      const inner = this.expr();
      this.expect(')', 'to close the "(" at position ' + (t.pos + 1));
      return inner;
    }
    throw syntaxError(this.text, t.pos, `expected a number, an indicator code or "(", found ${describeToken(t)}`);
  }
}

/** Parses a formula. Throws VigiaError('validation') naming the position and what was expected. */
export function parseFormula(text: string, options: FormulaOptions = {}): FormulaAst {
  return new Parser(text, tokenize(text), options).parse();
}

/** `dim=opt,dim2=opt2`, dimensions in code order. */
function formatDisagg(pairs: Record<string, string>): string {
  return Object.keys(pairs)
    .sort()
    .map((d) => `${d}=${pairs[d]}`)
    .join(',');
}

/** The key of a reference, as written in a formula: `COCA_HA`, `COCA_HA[USG]`, `TRAIN[USG][sex=f]`. */
export function formatRef(ref: FormulaRef): string {
  const source = ref.source === undefined ? '' : `[${ref.source}]`;
  const disagg = ref.disagg && Object.keys(ref.disagg).length ? `[${formatDisagg(ref.disagg)}]` : '';
  return `${ref.indicator}${source}${disagg}`;
}

/** Distinct references, in order of first appearance. */
export function formulaRefs(ast: FormulaAst): FormulaRef[] {
  const seen = new Map<string, FormulaRef>();
  const walk = (node: FormulaAst): void => {
    switch (node.kind) {
      case 'number':
        return;
      case 'ref': {
        const key = formatRef(node.ref);
        if (!seen.has(key)) seen.set(key, { ...node.ref });
        return;
      }
      case 'neg':
        return walk(node.operand);
      case 'binary':
        walk(node.left);
        return walk(node.right);
    }
  };
  walk(ast);
  return [...seen.values()];
}

/**
 * Evaluates a formula over looked-up values. null if any operand is null or a division by zero
 * occurs (a ratio with no denominator has no value, not 0 or Infinity); also null when the
 * result overflows to a non-finite number.
 */
export function evaluateFormula(ast: FormulaAst, lookup: (ref: FormulaRef) => number | null): number | null {
  const ev = (node: FormulaAst): number | null => {
    switch (node.kind) {
      case 'number':
        return node.value;
      case 'ref':
        return lookup(node.ref);
      case 'neg': {
        const v = ev(node.operand);
        return v === null ? null : -v;
      }
      case 'binary': {
        const a = ev(node.left);
        const b = ev(node.right);
        if (a === null || b === null) return null;
        switch (node.op) {
          case '+':
            return a + b;
          case '-':
            return a - b;
          case '*':
            return a * b;
          case '/':
            return b === 0 ? null : a / b;
        }
      }
    }
  };
  const result = ev(ast);
  return result === null || !Number.isFinite(result) ? null : result;
}

const PRECEDENCE: Record<BinaryOp, number> = { '+': 1, '-': 1, '*': 2, '/': 2 };

/** A number as plain decimal digits, which the grammar accepts (String() may write `1e-7`). */
function formatLiteral(value: number): string {
  const s = String(value);
  const m = s.match(/^(\d)(?:\.(\d+))?e([+-]\d+)$/);
  if (!m) return s;
  const digits = (m[1] ?? '') + (m[2] ?? '');
  const point = 1 + Number(m[3]);
  if (point <= 0) return `0.${'0'.repeat(-point)}${digits}`;
  return digits.length <= point ? digits + '0'.repeat(point - digits.length) : `${digits.slice(0, point)}.${digits.slice(point)}`;
}

/**
 * Canonical text, for display: one space around binary operators and only the parentheses
 * the tree needs, so `(A+B)*100` reads `(A + B) * 100` and `((A))` reads `A`.
 */
export function formatFormula(ast: FormulaAst): string {
  const fmt = (node: FormulaAst): string => {
    switch (node.kind) {
      case 'number':
        return node.value < 0 ? `-${formatLiteral(-node.value)}` : formatLiteral(node.value);
      case 'ref':
        return formatRef(node.ref);
      case 'neg':
        return node.operand.kind === 'binary' || node.operand.kind === 'neg' ? `-(${fmt(node.operand)})` : `-${fmt(node.operand)}`;
      case 'binary': {
        const p = PRECEDENCE[node.op];
        const left = node.left.kind === 'binary' && PRECEDENCE[node.left.op] < p ? `(${fmt(node.left)})` : fmt(node.left);
        // Operators associate to the left, so a right operand of equal precedence needs its parentheses.
        const right = node.right.kind === 'binary' && PRECEDENCE[node.right.op] <= p ? `(${fmt(node.right)})` : fmt(node.right);
        return `${left} ${node.op} ${right}`;
      }
    }
  };
  return fmt(ast);
}
