import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { VigiaError } from './errors.js';
import {
  type BucketType,
  type Period,
  bucketOf,
  daysInMonth,
  fiscalSuffix,
  fiscalYearName,
  makePeriod,
  parsePeriod,
  periodLabel,
  periodOfDate,
  periodRange,
  shiftPeriod,
  subdivide,
  tryParsePeriod,
} from './periods.js';

/** The day after an ISO date, computed with Date arithmetic, independently of periods.ts. */
function dayAfter(iso: string): string {
  return new Date(Date.parse(`${iso}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** Years 2–9997 so every period, fiscal years included, has neighbours within four-digit ids. */
const dateArb = fc
  .record({ y: fc.integer({ min: 2, max: 9997 }), m: fc.integer({ min: 1, max: 12 }), d: fc.integer({ min: 1, max: 31 }) })
  .map(({ y, m, d }) => {
    const day = Math.min(d, daysInMonth(y, m));
    return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  });

const fiscalMonthArb = fc.integer({ min: 1, max: 12 });
const bucketTypeArb = fc.constantFrom<BucketType>('month', 'quarter', 'year', 'fiscal_year');
const typeArb = fc.constantFrom<BucketType | 'day'>('day', 'month', 'quarter', 'year', 'fiscal_year');

/** Any period: the one of a random type (and fiscal start month) around a random date. */
const periodArb = fc.tuple(dateArb, typeArb, fiscalMonthArb).map(([date, type, fsm]) => periodOfDate(date, type, fsm));

describe('parsePeriod', () => {
  it.each([
    ['2012', 'year', '2012-01-01', '2012-12-31'],
    ['2012Q1', 'quarter', '2012-01-01', '2012-03-31'],
    ['2012Q2', 'quarter', '2012-04-01', '2012-06-30'],
    ['2012Q3', 'quarter', '2012-07-01', '2012-09-30'],
    ['2012Q4', 'quarter', '2012-10-01', '2012-12-31'],
    ['201207', 'month', '2012-07-01', '2012-07-31'],
    ['201202', 'month', '2012-02-01', '2012-02-29'],
    ['201302', 'month', '2013-02-01', '2013-02-28'],
    ['200002', 'month', '2000-02-01', '2000-02-29'],
    ['190002', 'month', '1900-02-01', '1900-02-28'],
    ['20120315', 'day', '2012-03-15', '2012-03-15'],
    ['20120229', 'day', '2012-02-29', '2012-02-29'],
    ['2012Oct', 'fiscal_year', '2012-10-01', '2013-09-30'],
    ['2012April', 'fiscal_year', '2012-04-01', '2013-03-31'],
    ['2012July', 'fiscal_year', '2012-07-01', '2013-06-30'],
    ['2011Mar', 'fiscal_year', '2011-03-01', '2012-02-29'],
    ['2012Jan', 'fiscal_year', '2012-01-01', '2012-12-31'],
  ])('%s is a %s from %s to %s', (id, type, start, end) => {
    const p = parsePeriod(id);
    expect(p).toMatchObject({ id, type, start, end });
  });

  it('reads fiscal-year suffixes in any case and writes them as DHIS2 does', () => {
    expect(parsePeriod('2012oct')).toMatchObject({ id: '2012Oct', fiscalStartMonth: 10 });
    expect(parsePeriod('2012Apr').id).toBe('2012April');
    expect(parsePeriod('2012Jul').id).toBe('2012July');
  });

  it('takes two-digit-century years literally', () => {
    // Date.UTC would read year 12 as 1912, and year 0 as 1900, which is not a leap year.
    expect(parsePeriod('000002').end).toBe('0000-02-29');
    expect(parsePeriod('00120229').start).toBe('0012-02-29');
    expect(shiftPeriod(parsePeriod('00121231'), 1).id).toBe('00130101');
  });

  it.each(['2012Q5', '2012Q0', '201213', '201200', '20120230', '20130229', '20121301', '2012Foo', '12', '', '2012-03', 'Q3', '2012Q', '20123'])(
    'rejects %j',
    (id) => {
      expect(tryParsePeriod(id)).toBeNull();
      expect(() => parsePeriod(id)).toThrow(VigiaError);
      try {
        parsePeriod(id);
      } catch (e) {
        expect((e as VigiaError).kind).toBe('validation');
        expect((e as VigiaError).details[0]?.value).toBe(id);
      }
    },
  );

  it('round-trips the id of any period', () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        expect(parsePeriod(p.id)).toEqual(p);
      }),
    );
  });
});

describe('subdivide', () => {
  function expectContiguousCover(parent: Period, parts: Period[]): void {
    expect(parts[0]?.start).toBe(parent.start);
    expect(parts.at(-1)?.end).toBe(parent.end);
    for (let i = 1; i < parts.length; i++) expect(parts[i]?.start).toBe(dayAfter(parts[i - 1]?.end ?? ''));
  }

  it('splits a fiscal year into 12 contiguous months from its start to its end', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9998 }), fiscalMonthArb, (year, fsm) => {
        const fy = periodOfDate(`${String(year).padStart(4, '0')}-${String(fsm).padStart(2, '0')}-01`, 'fiscal_year', fsm);
        const months = subdivide(fy, 'month');
        expect(months).toHaveLength(12);
        expect(months.every((m) => m.type === 'month')).toBe(true);
        expectContiguousCover(fy, months);
      }),
    );
  });

  it('splits a year into 4 contiguous quarters and 12 months', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 9999 }), (year) => {
        const y = parsePeriod(String(year).padStart(4, '0'));
        const quarters = subdivide(y, 'quarter');
        expect(quarters.map((q) => q.id.slice(4))).toEqual(['Q1', 'Q2', 'Q3', 'Q4']);
        expectContiguousCover(y, quarters);
        expect(subdivide(y, 'month')).toHaveLength(12);
      }),
    );
  });

  it('splits any period into days that cover it exactly', () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        if (p.type === 'year' || p.type === 'fiscal_year') return; // kept short: months are enough
        expectContiguousCover(p, subdivide(p, 'day'));
      }),
    );
  });

  it('US fiscal year 2012Oct holds 2012Q4 to 2013Q3', () => {
    expect(subdivide(parsePeriod('2012Oct'), 'quarter').map((q) => q.id)).toEqual(['2012Q4', '2013Q1', '2013Q2', '2013Q3']);
  });

  it('leaves out quarters that stick out of a fiscal year starting in November', () => {
    // 2012Nov runs Nov 2012 – Oct 2013: 2012Q4 starts before it, 2013Q4 ends after it.
    expect(subdivide(parsePeriod('2012Nov'), 'quarter').map((q) => q.id)).toEqual(['2013Q1', '2013Q2', '2013Q3']);
  });

  it('returns nothing for a finer period split into coarser ones', () => {
    expect(subdivide(parsePeriod('201203'), 'year')).toEqual([]);
  });
});

describe('bucketOf', () => {
  it("puts October–December of year Y in Y's US fiscal year and January–September in Y-1's", () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 9998 }), fc.integer({ min: 1, max: 12 }), (year, month) => {
        const id = `${String(year).padStart(4, '0')}${String(month).padStart(2, '0')}`;
        const fy = bucketOf(parsePeriod(id), 'fiscal_year', 10);
        const fyYear = month >= 10 ? year : year - 1;
        expect(fy?.id).toBe(`${String(fyYear).padStart(4, '0')}Oct`);
      }),
    );
  });

  it('returns null exactly when the period straddles two buckets, else the bucket holding it', () => {
    fc.assert(
      fc.property(periodArb, bucketTypeArb, fiscalMonthArb, (p, type, fsm) => {
        const atStart = periodOfDate(p.start, type, fsm);
        const atEnd = periodOfDate(p.end, type, fsm);
        const bucket = bucketOf(p, type, fsm);
        if (atStart.id === atEnd.id) {
          expect(bucket).toEqual(atStart);
          expect(bucket!.start <= p.start && p.end <= bucket!.end).toBe(true);
        } else {
          expect(bucket).toBeNull();
        }
      }),
    );
  });

  it('answers the cases people ask about', () => {
    expect(bucketOf(parsePeriod('2012Q4'), 'fiscal_year')?.id).toBe('2012Oct');
    expect(bucketOf(parsePeriod('2012Q4'), 'fiscal_year', 11)).toBeNull();
    expect(bucketOf(parsePeriod('2012Oct'), 'year')).toBeNull();
    expect(bucketOf(parsePeriod('2012Jan'), 'year')?.id).toBe('2012');
    expect(bucketOf(parsePeriod('20120315'), 'quarter')?.id).toBe('2012Q1');
  });
});

describe('shiftPeriod and periodRange', () => {
  const stepArb = fc.integer({ min: -40, max: 40 });

  it('shifting by n and back by n returns the period', () => {
    fc.assert(
      fc.property(
        periodArb.filter((p) => p.start > '0100' && p.end < '9900'),
        stepArb,
        (p, n) => {
          const there = shiftPeriod(p, n);
          expect(there.type).toBe(p.type);
          expect(shiftPeriod(there, -n)).toEqual(p);
        },
      ),
    );
  });

  it('a range from p to p shifted by n holds n + 1 periods, each one step on', () => {
    fc.assert(
      fc.property(
        periodArb.filter((p) => p.end < '9900'),
        fc.integer({ min: 0, max: 40 }),
        (p, n) => {
          const range = periodRange(p, shiftPeriod(p, n));
          expect(range).toHaveLength(n + 1);
          range.forEach((q, i) => expect(q).toEqual(shiftPeriod(p, i)));
        },
      ),
    );
  });

  it('periods of a type tile time: the next one starts the day after the previous ends', () => {
    fc.assert(
      fc.property(periodArb, (p) => {
        expect(shiftPeriod(p, 1).start).toBe(dayAfter(p.end));
        expect(dayAfter(shiftPeriod(p, -1).end)).toBe(p.start);
      }),
    );
  });

  it('crosses year boundaries', () => {
    expect(shiftPeriod(parsePeriod('2012Q4'), 1).id).toBe('2013Q1');
    expect(shiftPeriod(parsePeriod('201201'), -1).id).toBe('201112');
    expect(shiftPeriod(parsePeriod('20120228'), 1).id).toBe('20120229');
    expect(shiftPeriod(parsePeriod('2012Oct'), 1)).toMatchObject({ id: '2013Oct', end: '2014-09-30' });
    expect(periodRange(parsePeriod('2012Q3'), parsePeriod('2013Q2')).map((q) => q.id)).toEqual(['2012Q3', '2012Q4', '2013Q1', '2013Q2']);
  });

  it('reaches the last four-digit year without stepping past it', () => {
    expect(periodRange(parsePeriod('999911'), parsePeriod('999912')).map((q) => q.id)).toEqual(['999911', '999912']);
    expect(subdivide(parsePeriod('9999'), 'quarter')).toHaveLength(4);
    expect(() => shiftPeriod(parsePeriod('9999'), 1)).toThrow(VigiaError);
  });

  it('refuses a range over two period types or fiscal calendars', () => {
    expect(() => periodRange(parsePeriod('2012'), parsePeriod('2013Q1'))).toThrow(VigiaError);
    expect(() => periodRange(parsePeriod('2012Oct'), parsePeriod('2013Jul'))).toThrow(VigiaError);
  });
});

describe('periodOfDate', () => {
  it('the period of each type around a date contains it', () => {
    fc.assert(
      fc.property(dateArb, typeArb, fiscalMonthArb, (date, type, fsm) => {
        const p = periodOfDate(date, type, fsm);
        expect(p.type).toBe(type);
        expect(p.start <= date && date <= p.end).toBe(true);
      }),
    );
  });

  it('rejects dates that do not exist', () => {
    expect(() => periodOfDate('2013-02-29', 'month')).toThrow(VigiaError);
    expect(() => periodOfDate('2013/02/01', 'month')).toThrow(VigiaError);
  });
});

describe('periodLabel', () => {
  it('names fiscal years for the year they end in', () => {
    expect(periodLabel(parsePeriod('2012Oct'))).toBe('FY2013');
    expect(periodLabel(parsePeriod('2012Oct'), 'es')).toBe('AF2013');
    expect(periodLabel(parsePeriod('201207'), 'es')).toBe('julio de 2012');
    expect(periodLabel(parsePeriod('2012Q3'))).toBe('2012 Q3');
  });
});

describe('fiscal years of every start month', () => {
  it('spell their id suffix as DHIS2 does, and are named for the year they end in', () => {
    expect([1, 4, 7, 10].map(fiscalSuffix)).toEqual(['Jan', 'April', 'July', 'Oct']);
    expect(() => fiscalSuffix(13)).toThrow(VigiaError);
    for (let month = 1; month <= 12; month++) {
      const p = makePeriod('fiscal_year', 2012, month);
      expect(tryParsePeriod(p.id)).toEqual(p);
      expect(fiscalYearName(p)).toBe(month === 1 ? 2012 : 2013);
      expect(periodLabel(p)).toBe(month === 1 ? 'FY2012' : 'FY2013');
    }
  });
});
