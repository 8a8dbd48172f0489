/** A project's status at the end of a report period, when the record reports a later state. */
import { describe, expect, it } from 'vitest';
import { StatementSpecSchema } from './report-definition.schema.js';
import { statusAtEnd } from './project-status.service.js';
import type { RecordView } from '../records/record-view.js';

const spec = StatementSpecSchema.parse({ kind: 'project_status', record_type: 'infrastructure_project', noun: { en: 'academy', es: 'escuela' } });
if (spec.kind !== 'project_status') throw new Error('unreachable');

const academy = (data: RecordView['data']) => ({ data }) as RecordView;
const milestones = [
  { name: 'Design', actual: '2012-04-16' },
  { name: 'Works', actual: '2012-08-20' },
  { name: 'Opened', actual: '2014-02-01' },
];

describe('statusAtEnd', () => {
  it('takes the reported status and percent when they were reported by the period end', () => {
    expect(statusAtEnd(academy({ phase: 'under_construction', percent_complete: 60, as_of: '2012-11-30', milestones }), spec, '2012-12-31')).toEqual({
      status: 'under_construction',
      percent: 60,
    });
  });
  it('reads a later-reported project from its milestones, with no percent', () => {
    const done = academy({ phase: 'completed', percent_complete: 100, as_of: '2014-02-28', milestones });
    expect(statusAtEnd(done, spec, '2012-12-31')).toEqual({ status: 'under_construction', percent: null });
    expect(statusAtEnd(done, spec, '2011-12-31')).toEqual({ status: 'planned', percent: null });
    expect(statusAtEnd(done, spec, '2014-01-31')).toEqual({ status: 'under_construction', percent: null });
    expect(statusAtEnd(done, spec, '2014-12-31')).toEqual({ status: 'completed', percent: 100 });
  });
});
