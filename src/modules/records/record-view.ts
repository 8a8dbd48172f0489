/**
 * A record as the API, the CLI and reports show it. Its own file because both the records
 * service (which builds it) and the records CSV writer (which writes it) need it.
 */
import type { Provenance, ValueStatus } from '../../db/schema.js';
import type { RecordData } from '../../core/record-types/validate.js';

/** A record as readers see it: codes rather than ids, and only the fields they are cleared for. */
export interface RecordView {
  id: number;
  type: string;
  ref: string | null;
  place: string;
  date: string;
  organisation: string | null;
  status: ValueStatus;
  provenance: Provenance;
  version: number;
  note: string | null;
  data: RecordData;
  /** Fields left out for this reader's clearance (`case_reference`, `stages.outcome`). */
  hidden: string[];
  created_at: string;
  updated_at: string;
}
