/**
 * The problems of one file, bounded: a file of a million bad rows must not produce a million
 * messages in memory. The first `limit` are kept; all are counted.
 */
import type { IssueDetail } from '../../core/errors.js';

/** Problems kept per import; the total is still counted. */
export const MAX_REPORTED_ISSUES = 1_000;

export class IssueLog {
  readonly list: IssueDetail[] = [];
  total = 0;

  constructor(private readonly limit = MAX_REPORTED_ISSUES) {}

  /** Counts `issue`, keeping it while fewer than the limit are kept. */
  add(issue: IssueDetail): void {
    this.total++;
    if (this.list.length < this.limit) this.list.push(issue);
  }

  /** Moves the problems a reader pushed onto `pending` into the log, emptying it. */
  drain(pending: IssueDetail[]): void {
    for (const i of pending) this.add(i);
    pending.length = 0;
  }
}
