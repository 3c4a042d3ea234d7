import { calendarDateIn, type IsoDate } from './dates.js';

/** Every rule takes "now" from a clock passed in; the database never decides what now is. */
export interface Clock {
  now(): Date;
  today(): IsoDate;
}

export const systemClock = (timeZone: string): Clock => ({
  now: () => new Date(),
  today: () => calendarDateIn(new Date(), timeZone),
});

/** A clock for tests that moves only when told to. */
export function fixedClock(
  start: Date,
  timeZone = 'Europe/Bucharest',
): Clock & { advance(ms: number): void } {
  let current = start.getTime();
  return {
    now: () => new Date(current),
    today: () => calendarDateIn(new Date(current), timeZone),
    advance: (ms) => {
      current += ms;
    },
  };
}
