import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  ageOn,
  allowedTransitions,
  decideStatusChange,
  isRealDate,
  isTreatedAsChild,
  reportStatuses,
} from './missing-person-report.js';

const anyStatus = fc.constantFrom(...reportStatuses);

describe('decideStatusChange', () => {
  it('records that a missing person was located', () => {
    expect(decideStatusChange('open', 'located')).toEqual({ outcome: 'change', from: 'open', to: 'located' });
  });

  it('reopens a report when a located person goes missing again', () => {
    expect(decideStatusChange('located', 'open')).toEqual({ outcome: 'change', from: 'located', to: 'open' });
  });

  it('refuses to mark a closed report as located: it is reopened first', () => {
    expect(decideStatusChange('closed', 'located')).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'transition-not-allowed', from: 'closed', to: 'located' },
    });
  });

  it('refuses a change to the status the report already has', () => {
    fc.assert(
      fc.property(anyStatus, (status) => {
        expect(decideStatusChange(status, status)).toEqual({
          outcome: 'refuse',
          refusal: { kind: 'same-status', current: status },
        });
      }),
    );
  });

  it('changes exactly along the allowed transitions', () => {
    fc.assert(
      fc.property(anyStatus, anyStatus, (from, to) => {
        const decision = decideStatusChange(from, to);
        expect(decision.outcome === 'change').toBe(allowedTransitions[from].includes(to));
      }),
    );
  });

  it('every status can be left and reached again (no dead end)', () => {
    for (const status of reportStatuses) {
      expect(allowedTransitions[status].length).toBeGreaterThan(0);
      expect(reportStatuses.some((from) => allowedTransitions[from].includes(status))).toBe(true);
    }
  });
});

describe('isTreatedAsChild', () => {
  it('follows the reporter when they say', () => {
    expect(isTreatedAsChild(false, { ageEstimate: 15 }, '2026-03-27')).toBe(false);
    expect(isTreatedAsChild(true, { dateOfBirth: { year: 1990 } }, '2026-03-27')).toBe(true);
  });

  it('presumes a child when the age is not known at all', () => {
    expect(isTreatedAsChild(null, {}, '2026-03-27')).toBe(true);
  });

  it('treats as an adult only when the date of birth or the estimate shows 18 or more', () => {
    expect(isTreatedAsChild(null, { dateOfBirth: { year: 2008, month: 3, day: 27 } }, '2026-03-27')).toBe(
      false,
    );
    expect(isTreatedAsChild(null, { dateOfBirth: { year: 2008, month: 3, day: 28 } }, '2026-03-27')).toBe(
      true,
    );
    expect(isTreatedAsChild(null, { ageEstimate: 19 }, '2026-03-27')).toBe(false);
  });

  it('a year of birth alone counts the youngest the person can be', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1990, max: 2025 }), (year) => {
        expect(ageOn({ dateOfBirth: { year } }, '2026-03-27')).toBe(2026 - year - 1);
      }),
    );
  });
});

describe('isRealDate', () => {
  it('knows which days exist', () => {
    expect(isRealDate('2024-02-29')).toBe(true);
    expect(isRealDate('2026-02-29')).toBe(false);
    expect(isRealDate('2026-04-31')).toBe(false);
    expect(isRealDate('2026-13-01')).toBe(false);
    expect(isRealDate('27.03.2026')).toBe(false);
  });
});
