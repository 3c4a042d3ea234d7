/** A calendar date, `YYYY-MM-DD`: the right kind for legal deadlines. */
export type IsoDate = string & { readonly __brand?: 'IsoDate' };
/** An instant, ISO 8601 with time zone. */
export type Instant = string & { readonly __brand?: 'Instant' };

/** The calendar date of an instant in the installation's time zone. */
export function calendarDateIn(instant: Date, timeZone: string): IsoDate {
  const parts = new Intl.DateTimeFormat('en-CA', {
    timeZone,
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
  })
    .formatToParts(instant)
    .reduce<Record<string, string>>((all, part) => {
      all[part.type] = part.value;
      return all;
    }, {});
  return `${parts.year}-${parts.month}-${parts.day}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  const moment = new Date(`${date}T00:00:00Z`);
  moment.setUTCDate(moment.getUTCDate() + days);
  return moment.toISOString().slice(0, 10);
}
