import { getLanguage, type Language, locales, t, timeZone } from '../../web/i18n.js';

// Calendar dates (YYYY-MM-DD, in the installation's time zone) as people read them: with the
// weekday and a relative time ("Saturday 14 March 2026 — in 5 days"). Deadlines are calendar
// dates, never timestamps, so the arithmetic is done on whole days in UTC.

const dayMs = 86_400_000;

function toUtc(iso: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return null;
  return Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]));
}

/** Today in the installation's time zone. */
export function today(): string {
  return new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  }).format(new Date());
}

/** Whole days from today to `iso`: negative when past. */
export function daysFromToday(iso: string): number {
  const date = toUtc(iso);
  const now = toUtc(today());
  if (date === null || now === null) return 0;
  return Math.round((date - now) / dayMs);
}

/** "27 March 2007" / "27 martie 2007". */
export function formatDate(iso: string, language: Language = getLanguage()): string {
  const date = toUtc(iso);
  if (date === null) return iso;
  return new Intl.DateTimeFormat(locales[language], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** "Saturday 14 March 2026" / "sâmbătă, 14 martie 2026". */
export function formatLongDate(iso: string, language: Language = getLanguage()): string {
  const date = toUtc(iso);
  if (date === null) return iso;
  return new Intl.DateTimeFormat(locales[language], {
    weekday: 'long',
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'UTC',
  }).format(date);
}

/** "in 5 days", "tomorrow", "3 days ago" / "peste 5 zile", "mâine", "acum 3 zile". */
export function formatRelative(iso: string, language: Language = getLanguage()): string {
  return new Intl.RelativeTimeFormat(locales[language], { numeric: 'auto' }).format(
    daysFromToday(iso),
    'day',
  );
}

/** "Saturday 14 March 2026 — in 5 days". */
export function formatDateWithRelative(iso: string): string {
  // The same punctuation in both languages: "vineri, 14 martie 2026 — peste 3 zile" (UX.md §2.5).
  return `${formatLongDate(iso)} — ${formatRelative(iso)}`;
}

/** "Overdue by 2 days", "Due today", "Due in 5 days". */
export function dueText(iso: string): string {
  const days = daysFromToday(iso);
  if (days < 0) return t('date.overdueBy', { count: -days });
  if (days === 0) return t('date.dueToday');
  return t('date.dueIn', { count: days });
}

// ---- Entering dates: day, month and year in three fields -------------------------------------

export type DateParts = { day: string; month: string; year: string };
export const emptyDate: DateParts = { day: '', month: '', year: '' };

const monthNames: Record<Language, string[]> = {
  en: ['jan', 'feb', 'mar', 'apr', 'may', 'jun', 'jul', 'aug', 'sep', 'oct', 'nov', 'dec'],
  ro: ['ian', 'feb', 'mar', 'apr', 'mai', 'iun', 'iul', 'aug', 'sep', 'oct', 'noi', 'dec'],
};

/** A month as a number, or a month name in either language ("martie", "mar", "March"). */
export function parseMonth(text: string): number | null {
  const value = text.trim().toLowerCase().replace(/\.$/, '');
  if (/^\d{1,2}$/.test(value)) {
    const month = Number(value);
    return month >= 1 && month <= 12 ? month : null;
  }
  if (value.length < 3) return null;
  const folded = value.normalize('NFD').replace(/\p{M}/gu, '');
  for (const names of Object.values(monthNames)) {
    const index = names.findIndex((name) => folded.startsWith(name));
    if (index !== -1) return index + 1;
  }
  return null;
}

const clean = (text: string) => text.trim().replace(/[\s.,]/g, '');

export function isEmptyDate(parts: DateParts): boolean {
  return clean(parts.day) === '' && clean(parts.month) === '' && parts.year.trim() === '';
}

/** A whole date as YYYY-MM-DD, or null if it is not a real date. */
export function toIsoDate(parts: DateParts): string | null {
  const partial = toPartialDate(parts);
  if (!partial || partial.month === undefined || partial.day === undefined) return null;
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${partial.year}-${pad(partial.month)}-${pad(partial.day)}`;
}

/** A date as far as it is known (year; month and year; or day, month and year), or null if wrong. */
export function toPartialDate(parts: DateParts): { year: number; month?: number; day?: number } | null {
  const yearText = clean(parts.year);
  const dayText = clean(parts.day);
  if (!/^\d{4}$/.test(yearText)) return null;
  const year = Number(yearText);
  if (clean(parts.month) === '') return dayText === '' ? { year } : null;
  const month = parseMonth(parts.month);
  if (month === null) return null;
  if (dayText === '') return { year, month };
  if (!/^\d{1,2}$/.test(dayText)) return null;
  const day = Number(dayText);
  const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day < 1 || day > last) return null;
  return { year, month, day };
}

/** Today's date as three fields, to fill in "when did it happen?". */
export function todayParts(): DateParts {
  const [year = '', month = '', day = ''] = today().split('-');
  return { day: String(Number(day)), month: String(Number(month)), year };
}
