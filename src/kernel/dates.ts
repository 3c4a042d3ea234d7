/** A calendar date, `YYYY-MM-DD`: the right kind for legal deadlines. */
export type IsoDate = string & { readonly __brand?: 'IsoDate' };
/** An instant, ISO 8601 with time zone. */
export type Instant = string & { readonly __brand?: 'Instant' };

// Building an Intl.DateTimeFormat costs ~100 µs; every request asks for today at least once.
const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The calendar date of an instant in the installation's time zone. */
export function calendarDateIn(instant: Date, timeZone: string): IsoDate {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', {
      timeZone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
    });
    dateFormats.set(timeZone, format);
  }
  let year = '';
  let month = '';
  let day = '';
  for (const part of format.formatToParts(instant)) {
    if (part.type === 'year') year = part.value;
    else if (part.type === 'month') month = part.value;
    else if (part.type === 'day') day = part.value;
  }
  return `${year}-${month}-${day}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}
