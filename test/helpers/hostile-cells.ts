/** Text that a spreadsheet could run as a formula, for the tests of every export (issue 12). */
/** Every way a text cell can start a formula: triggers, behind whitespace, full-width, control characters. */
export const HOSTILE_CELLS: readonly string[] = [
  '=1+1', '+SUM(A1)', '-2+3', '@cmd', '\tx', '\rx', '\nx', '\r\n=1',
  ' =1+1', '  +A1', '\t=HYPERLINK("http://evil")', '\u00a0=1', '\u3000@SUM(A1)', ' \n-1+1',
  '\uFF1D1+1', '\uFF0BA1', '\uFF0D2+3', '\uFF20cmd', ' \uFF1DA1',
  "'=already", "' =1", "''@x",
];
