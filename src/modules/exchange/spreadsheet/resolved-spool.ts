/**
 * The rows a first import pass has resolved (ids, not codes), kept in a temporary file, one
 * JSON array a line. The write pass reads them back instead of parsing and resolving the
 * spreadsheet again, which is most of the cost of a pass, while memory stays bounded.
 */
import { createReadStream, createWriteStream, type WriteStream } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { once } from 'node:events';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { NewDataValue, Provenance, ValueStatus } from '../../../db/schema.js';

type Packed = [
  line: number,
  indicator: number,
  place: number,
  period: string,
  start: string,
  end: string,
  disagg: string,
  source: string,
  value: number,
  organisation: number | null,
  status: ValueStatus,
  provenance: Provenance,
  note: string | null,
];

/** Bytes of text gathered before one write: one write (and one wait) per row cost more than the rows. */
const WRITE_CHUNK = 1 << 20;

export class ResolvedSpool {
  private out: WriteStream | null = null;
  private pending = '';

  private constructor(private readonly dir: string) {}

  /** A new, empty spool in a temporary folder of its own. */
  static async create(): Promise<ResolvedSpool> {
    return new ResolvedSpool(await mkdtemp(join(tmpdir(), 'vigia-resolved-')));
  }

  private get path(): string {
    return join(this.dir, 'rows.ndjson');
  }

  /** Appends one resolved row, waiting only when the file lags behind. */
  async add(line: number, v: NewDataValue): Promise<void> {
    this.out ??= createWriteStream(this.path, { highWaterMark: WRITE_CHUNK });
    const packed: Packed = [
      line,
      v.indicator_id,
      v.place_id,
      v.period,
      v.start_date,
      v.end_date,
      v.disagg ?? '',
      v.source ?? '',
      v.value,
      v.organisation_id ?? null,
      v.status ?? 'draft',
      v.provenance ?? 'sourced',
      v.note ?? null,
    ];
    this.pending += `${JSON.stringify(packed)}\n`;
    if (this.pending.length >= WRITE_CHUNK) await this.flush();
  }

  private async flush(): Promise<void> {
    if (!this.out || this.pending === '') return;
    const text = this.pending;
    this.pending = '';
    if (!this.out.write(text)) await once(this.out, 'drain');
  }

  /** Ends writing; call before reading. */
  async close(): Promise<void> {
    if (!this.out) return;
    await this.flush();
    this.out.end();
    await once(this.out, 'finish');
  }

  /** The rows in the order they were added, stamped `now`. */
  async *rows(now: string): AsyncGenerator<{ line: number; value: NewDataValue }> {
    if (!this.out) return;
    let rest = '';
    for await (const chunk of createReadStream(this.path, { encoding: 'utf8', highWaterMark: 1 << 20 })) {
      const lines = (rest + (chunk as string)).split('\n');
      rest = lines.pop() ?? '';
      for (const text of lines) {
        const [line, indicator_id, place_id, period, start_date, end_date, disagg, source, value, organisation_id, status, provenance, note] = JSON.parse(
          text,
        ) as Packed;
        yield {
          line,
          value: {
            indicator_id,
            place_id,
            period,
            start_date,
            end_date,
            disagg,
            source,
            value,
            organisation_id,
            status,
            version: 1,
            provenance,
            note,
            updated_at: now,
          },
        };
      }
    }
  }

  /** Deletes the temporary file. */
  async remove(): Promise<void> {
    this.out?.destroy();
    await rm(this.dir, { recursive: true, force: true });
  }
}
