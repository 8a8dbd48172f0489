/**
 * The one progress line of `vigia backup` and `vigia restore`, on stderr: rewritten in place on
 * a terminal, printed at each quarter otherwise (so that a log shows it is moving).
 */

/** Returns a reporter of `done` out of `total` units for the line `label`. */
export function progressLine(label: string, unit: string): (p: { done: number; total: number }) => void {
  const tty = process.stderr.isTTY === true;
  let lastQuarter = -1;
  return ({ done, total }) => {
    const pct = total > 0 ? Math.floor((done / total) * 100) : 100;
    const text = `${label}: ${pct}% (${done}/${total} ${unit})`;
    if (tty) {
      process.stderr.write(`\r${text}${done >= total ? '\n' : ''}`);
      return;
    }
    const quarter = Math.floor(pct / 25);
    if (quarter > lastQuarter) {
      lastQuarter = quarter;
      process.stderr.write(`${text}\n`);
    }
  };
}
