/**
 * Birth dates as agencies record them: full, month and year, year only, or an estimated age
 * ("about 16") noted on some day. Comparison names how far two records agree, for the
 * matcher to weigh and for the reviewer to read; it never decides a match.
 */
import type { IsoDate } from '../kernel/dates.js';

/** A date of birth of which only the year may be known. Months 1–12, days 1–31. */
export interface PartialDate {
  year: number;
  month?: number;
  day?: number;
}

/** "About 16", as estimated on a given day (by default the comparison's reference date). */
export interface AgeEstimate {
  aboutAge: number;
  estimatedOn?: IsoDate;
  /** Years either side of the estimate still counted as agreeing; 2 unless told. */
  toleranceYears?: number;
}

export type BirthDateEvidence = PartialDate | AgeEstimate;

/** Strongest agreement first; 'missing' when either side has nothing to compare. */
export type BirthDateAgreement =
  | 'exact'
  | 'day_month_swapped'
  | 'same_year_month'
  | 'same_year'
  | 'within_age_estimate'
  | 'year_off_by_one'
  | 'different'
  | 'missing';

export interface BirthDateComparisonOptions {
  /** The day an age estimate without its own `estimatedOn` refers to. */
  referenceDate?: IsoDate;
}

export const DEFAULT_AGE_TOLERANCE_YEARS = 2;

export function isAgeEstimate(evidence: BirthDateEvidence): evidence is AgeEstimate {
  return 'aboutAge' in evidence;
}

/** Parse 'YYYY-MM-DD' (or 'YYYY-MM', 'YYYY') into a partial date; undefined when malformed. */
export function parsePartialDate(text: string): PartialDate | undefined {
  const parts = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?$/.exec(text.trim());
  if (parts === null) return undefined;
  const [, year, month, day] = parts;
  const partialDate: PartialDate = { year: Number(year) };
  if (month !== undefined) partialDate.month = Number(month);
  if (day !== undefined) partialDate.day = Number(day);
  return isPlausiblePartialDate(partialDate) ? partialDate : undefined;
}

function isPlausiblePartialDate(date: PartialDate): boolean {
  if (!Number.isInteger(date.year)) return false;
  if (date.month !== undefined && !(Number.isInteger(date.month) && date.month >= 1 && date.month <= 12)) {
    return false;
  }
  if (date.day !== undefined && !(Number.isInteger(date.day) && date.day >= 1 && date.day <= 31))
    return false;
  return !(date.day !== undefined && date.month === undefined);
}

/** Birth years that agree with an age estimate, or undefined when it cannot be placed in time. */
function birthYearRange(
  estimate: AgeEstimate,
  options: BirthDateComparisonOptions,
): { earliest: number; latest: number } | undefined {
  const estimatedOn = parsePartialDate(estimate.estimatedOn ?? options.referenceDate ?? '');
  if (estimatedOn === undefined || !Number.isFinite(estimate.aboutAge) || estimate.aboutAge < 0)
    return undefined;
  const tolerance = Math.max(0, estimate.toleranceYears ?? DEFAULT_AGE_TOLERANCE_YEARS);
  // Someone aged A on a day in year Y was born in year Y − A or Y − A − 1.
  const latest = estimatedOn.year - Math.floor(estimate.aboutAge);
  return { earliest: latest - 1 - tolerance, latest: latest + tolerance };
}

/**
 * Whether two full dates disagree on both day and month (and not by a swap): then a year in
 * common, or one year apart, is a coincidence, not partial agreement. One year in 35 is shared by
 * chance; what makes 'same year' and 'a year apart' evidence is a year-only date against a full
 * one, or a typo in the year with day and month intact (0027).
 */
export function dayAndMonthConflict(left: PartialDate, right: PartialDate): boolean {
  if (
    left.month === undefined ||
    left.day === undefined ||
    right.month === undefined ||
    right.day === undefined
  )
    return false;
  if (left.day === right.month && left.month === right.day) return false;
  return left.month !== right.month && left.day !== right.day;
}

function compareRecordedDates(left: PartialDate, right: PartialDate): BirthDateAgreement {
  if (left.year !== right.year)
    return Math.abs(left.year - right.year) === 1 && !dayAndMonthConflict(left, right)
      ? 'year_off_by_one'
      : 'different';
  const bothFull =
    left.month !== undefined &&
    left.day !== undefined &&
    right.month !== undefined &&
    right.day !== undefined;
  if (bothFull && left.month === right.month && left.day === right.day) return 'exact';
  if (bothFull && left.day === right.month && left.month === right.day) return 'day_month_swapped';
  if (left.month !== undefined && left.month === right.month) return 'same_year_month';
  return dayAndMonthConflict(left, right) ? 'different' : 'same_year';
}

/**
 * How far two birth dates agree. Year-only and month-and-year dates agree as far as they go
 * ("1990" and "1990-03-27" are 'same_year'); two full dates that share only the year, or are a
 * year apart with another day and month, are 'different'; a recorded date agrees with an age estimate when its
 * year lies in the estimate's range; two estimates agree when their ranges meet.
 */
export function compareBirthDates(
  left: BirthDateEvidence | null | undefined,
  right: BirthDateEvidence | null | undefined,
  options: BirthDateComparisonOptions = {},
): BirthDateAgreement {
  if (left == null || right == null) return 'missing';
  if (isAgeEstimate(left) || isAgeEstimate(right)) {
    const leftRange = isAgeEstimate(left) ? birthYearRange(left, options) : validYearRange(left);
    const rightRange = isAgeEstimate(right) ? birthYearRange(right, options) : validYearRange(right);
    if (leftRange === undefined || rightRange === undefined) return 'missing';
    const overlap = leftRange.earliest <= rightRange.latest && rightRange.earliest <= leftRange.latest;
    return overlap ? 'within_age_estimate' : 'different';
  }
  if (!isPlausiblePartialDate(left) || !isPlausiblePartialDate(right)) return 'missing';
  return compareRecordedDates(left, right);
}

function validYearRange(date: PartialDate): { earliest: number; latest: number } | undefined {
  return isPlausiblePartialDate(date) ? { earliest: date.year, latest: date.year } : undefined;
}
