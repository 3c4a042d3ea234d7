import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  closesNextDay,
  isLanguageCode,
  isReachableAt,
  languageCodes,
  localWeekTime,
  type OpeningHours,
  OpeningHoursEntry,
  toOpeningHours,
  weekdays,
} from './contact-point.js';

// Europe/Bucharest is UTC+2 in winter (until 29 March 2026) and UTC+3 in summer.
const ZONE = 'Europe/Bucharest';
// Friday 27 March 2026.
const at = (localTime: string, date = '2026-03-27') => new Date(`${date}T${localTime}:00+02:00`);
const officeHours: OpeningHours[] = ['mon', 'tue', 'wed', 'thu', 'fri'].map((day) => ({
  day: day as OpeningHours['day'],
  opens: '09:00',
  closes: '17:00',
}));

describe('isReachableAt', () => {
  it('reads the weekday and time in the deployment time zone, not in UTC', () => {
    expect(localWeekTime(new Date('2026-03-27T22:30:00Z'), ZONE)).toEqual({ day: 'sat', minute: 30 });
  });

  it('a 24/7 contact point can always be reached', () => {
    expect(isReachableAt({ alwaysOpen: true, weeklyHours: [] }, at('03:00'), ZONE)).toBe(true);
  });

  it('office hours: open from the opening minute up to, not including, the closing minute', () => {
    const hours = { alwaysOpen: false, weeklyHours: officeHours };
    expect(isReachableAt(hours, at('08:59'), ZONE)).toBe(false);
    expect(isReachableAt(hours, at('09:00'), ZONE)).toBe(true);
    expect(isReachableAt(hours, at('16:59'), ZONE)).toBe(true);
    expect(isReachableAt(hours, at('17:00'), ZONE)).toBe(false);
    expect(isReachableAt(hours, at('10:00', '2026-03-28'), ZONE)).toBe(false); // Saturday
  });

  it('hours crossing midnight belong to the evening they start on and run into the next morning', () => {
    const nightShift = {
      alwaysOpen: false,
      weeklyHours: [{ day: 'fri', opens: '20:00', closes: '06:00' }] as const,
    };
    expect(isReachableAt(nightShift, at('19:59'), ZONE)).toBe(false);
    expect(isReachableAt(nightShift, at('23:30'), ZONE)).toBe(true);
    expect(isReachableAt(nightShift, at('05:59', '2026-03-28'), ZONE)).toBe(true); // Saturday morning
    expect(isReachableAt(nightShift, at('06:00', '2026-03-28'), ZONE)).toBe(false);
    expect(isReachableAt(nightShift, at('03:00'), ZONE)).toBe(false); // Friday early morning: Thursday has no night
  });

  it('a night opening on Sunday runs into Monday morning', () => {
    const sunday = {
      alwaysOpen: false,
      weeklyHours: [{ day: 'sun', opens: '22:00', closes: '02:00' }] as const,
    };
    expect(isReachableAt(sunday, at('01:00', '2026-03-23'), ZONE)).toBe(true); // Monday 23 March
  });

  it('00:00 to 00:00 is the whole day', () => {
    const wholeFriday = {
      alwaysOpen: false,
      weeklyHours: [{ day: 'fri', opens: '00:00', closes: '00:00' }] as const,
    };
    expect(isReachableAt(wholeFriday, at('00:00'), ZONE)).toBe(true);
    expect(isReachableAt(wholeFriday, at('23:59'), ZONE)).toBe(true);
    expect(isReachableAt(wholeFriday, at('00:00', '2026-03-28'), ZONE)).toBe(false);
  });

  it('a contact point with no hours and not 24/7 is never reachable', () => {
    expect(isReachableAt({ alwaysOpen: false, weeklyHours: [] }, at('12:00'), ZONE)).toBe(false);
  });
});

describe('isReachableAt, for any instant', () => {
  const anyInstant = fc.date({
    min: new Date('2026-01-01T00:00:00Z'),
    max: new Date('2027-12-31T23:59:59Z'),
    noInvalidDate: true,
  });
  const anyTime = fc
    .tuple(fc.integer({ min: 0, max: 23 }), fc.integer({ min: 0, max: 59 }))
    .map(([hour, minute]) => `${String(hour).padStart(2, '0')}:${String(minute).padStart(2, '0')}`);

  it('a whole day every day is the same as 24/7', () => {
    const everyDay = weekdays.map((day) => ({ day, opens: '00:00', closes: '00:00' }));
    fc.assert(
      fc.property(anyInstant, (instant) =>
        isReachableAt({ alwaysOpen: false, weeklyHours: everyDay }, instant, ZONE),
      ),
    );
  });

  it('an opening past midnight is the evening part and the next morning part together', () => {
    fc.assert(
      fc.property(
        anyInstant,
        fc.constantFrom(...weekdays),
        anyTime,
        anyTime,
        (instant, day, opens, closes) => {
          fc.pre(closes < opens);
          const next = weekdays[(weekdays.indexOf(day) + 1) % 7]!;
          const whole = isReachableAt(
            { alwaysOpen: false, weeklyHours: [{ day, opens, closes }] },
            instant,
            ZONE,
          );
          const evening = isReachableAt(
            { alwaysOpen: false, weeklyHours: [{ day, opens, closes: '00:00' }] },
            instant,
            ZONE,
          );
          const morning =
            closes !== '00:00' &&
            isReachableAt(
              { alwaysOpen: false, weeklyHours: [{ day: next, opens: '00:00', closes }] },
              instant,
              ZONE,
            );
          return whole === (evening || morning);
        },
      ),
    );
  });
});

describe('an opening as a person enters it', () => {
  const entered = (opening: object) => OpeningHoursEntry.safeParse({ day: 'fri', ...opening });
  const closesIssue = (opening: object) => {
    const parsed = entered(opening);
    return parsed.success ? null : parsed.error.issues.map((issue) => issue.path.join('/'));
  };

  it('accepts hours that close after they open, on the same day', () => {
    expect(closesIssue({ opens: '09:00', closes: '17:00' })).toBeNull();
  });

  it('refuses hours that end before they start, unless the person says it closes the next day', () => {
    expect(closesIssue({ opens: '20:00', closes: '04:00' })).toEqual(['closes']);
    expect(closesIssue({ opens: '20:00', closes: '04:00', closesNextDay: true })).toBeNull();
  });

  it('refuses an opening that closes when it opens, unless it runs a whole day into the next', () => {
    expect(closesIssue({ opens: '00:00', closes: '00:00' })).toEqual(['closes']);
    expect(closesIssue({ opens: '00:00', closes: '00:00', closesNextDay: true })).toBeNull();
  });

  it('refuses "closes the next day" on hours that would then last more than a day', () => {
    expect(closesIssue({ opens: '09:00', closes: '17:00', closesNextDay: true })).toEqual(['closes']);
  });

  it('keeps, once stored, only what the times say: the flag follows from them', () => {
    const opening = { day: 'fri' as const, opens: '20:00', closes: '04:00' };
    expect(toOpeningHours({ ...opening, closesNextDay: true } as OpeningHours)).toEqual(opening);
    expect(closesNextDay(opening)).toBe(true);
    expect(closesNextDay({ ...opening, opens: '02:00' })).toBe(false);
  });

  it.each(weekdays)('reads a night opening entered for %s as reachable after midnight', (day) => {
    const parsed = OpeningHoursEntry.parse({ day, opens: '22:00', closes: '06:00', closesNextDay: true });
    // 23-29 March 2026 is Monday to Sunday, so the day after is 24-30 March. 01:00 UTC is 03:00
    // or 04:00 in Bucharest (summer time starts on the 29th): open; 07:00 UTC is after 06:00: closed.
    const nextDate = `2026-03-${24 + weekdays.indexOf(day)}`;
    const hours = { alwaysOpen: false, weeklyHours: [toOpeningHours(parsed)] };
    expect(isReachableAt(hours, new Date(`${nextDate}T01:00:00Z`), ZONE)).toBe(true);
    expect(isReachableAt(hours, new Date(`${nextDate}T07:00:00Z`), ZONE)).toBe(false);
  });
});

describe('language codes', () => {
  it('knows the ISO 639-1 codes and nothing else', () => {
    expect(languageCodes).toHaveLength(183);
    for (const code of ['ro', 'en', 'uk', 'ru', 'hu', 'bg', 'ar', 'zh'])
      expect(isLanguageCode(code)).toBe(true);
    for (const code of ['xx', 'RO', 'rom', 'Romanian', 'sh', '']) expect(isLanguageCode(code)).toBe(false);
  });
});
