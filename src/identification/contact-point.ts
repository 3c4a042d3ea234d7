import { z } from 'zod';

// Contact points: where a presumed victim, a worker or a member of the public can reach someone.
// The ICMPD guidelines ask that identification be available 24 hours a day, 7 days a week
// (002 l. 1252) and name hotlines, outreach and drop-in centres as its routes (002 l. 1268-1271).
// Whether a contact point can be reached now is a pure function of its hours, the instant and the
// deployment's time zone, so that "who can I call now?" never depends on the server's clock zone.

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

const clockTime = z
  .string()
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Enter a time as HH:MM on the 24-hour clock, for example 08:30');

/** One opening on one weekday; when `closes` is not after `opens`, it runs past midnight. */
export const OpeningHours = z.strictObject({
  day: z.enum(weekdays, { error: 'Choose a day of the week' }),
  opens: clockTime,
  closes: clockTime,
});
export type OpeningHours = z.infer<typeof OpeningHours>;

export type ContactPointHours = { alwaysOpen: boolean; weeklyHours: readonly OpeningHours[] };

/** Whether an opening runs past midnight into the next day: its closing time is not after its opening time. */
export const closesNextDay = (opening: OpeningHours): boolean => opening.closes <= opening.opens;

/**
 * An opening as a person enters it: whoever gives a closing time before the opening time says so
 * with `closesNextDay`, so that "17:00–09:00" typed by mistake for "09:00–17:00" is refused
 * rather than read as a night shift. Stored, the flag is dropped: it follows from the times.
 */
export const OpeningHoursEntry = OpeningHours.extend({
  closesNextDay: z.boolean().default(false),
}).superRefine((opening, context) => {
  const overnight = opening.closes <= opening.opens;
  if (overnight && !opening.closesNextDay)
    context.addIssue({
      code: 'custom',
      path: ['closes'],
      message:
        opening.closes === opening.opens
          ? 'Enter a closing time different from the opening time, or choose that it closes the next day'
          : 'Enter a closing time after the opening time, or choose that it closes the next day',
    });
  if (!overnight && opening.closesNextDay)
    context.addIssue({
      code: 'custom',
      path: ['closes'],
      message: 'An opening that closes the next day must close before its opening time',
    });
});
export type OpeningHoursEntry = z.input<typeof OpeningHoursEntry>;

/** Drops the flag a person gave: it is the same as the times say. */
export const toOpeningHours = ({ day, opens, closes }: OpeningHours): OpeningHours => ({
  day,
  opens,
  closes,
});

// ISO 639-1 two-letter language codes (the current list; deprecated codes such as "sh" left out).
// Contact points name languages by code so that the portal and the app can show each language's
// name in the reader's language, and so that "who speaks Ukrainian now?" is an exact match.
export const languageCodes: readonly string[] = [
  'aa ab ae af ak am an ar as av ay az ba be bg bi bm bn bo br bs ca ce ch co cr cs cu cv cy da de dv dz',
  'ee el en eo es et eu fa ff fi fj fo fr fy ga gd gl gn gu gv ha he hi ho hr ht hu hy hz ia id ie ig ii',
  'ik io is it iu ja jv ka kg ki kj kk kl km kn ko kr ks ku kv kw ky la lb lg li ln lo lt lu lv mg mh mi',
  'mk ml mn mr ms mt my na nb nd ne ng nl nn no nr nv ny oc oj om or os pa pi pl ps pt qu rm rn ro ru rw',
  'sa sc sd se sg si sk sl sm sn so sq sr ss st su sv sw ta te tg th ti tk tl tn to tr ts tt tw ty ug uk',
  'ur uz ve vi vo wa wo xh yi yo za zh zu',
]
  .join(' ')
  .split(' ');
const languageCodeSet = new Set(languageCodes);

/** Whether a code is an ISO 639-1 language code (lower case, as stored). */
export const isLanguageCode = (code: string): boolean => languageCodeSet.has(code);

const minutesOf = (time: string) => Number(time.slice(0, 2)) * 60 + Number(time.slice(3, 5));

/** The weekday and minute of the day of an instant in a time zone (24-hour clock). */
export function localWeekTime(instant: Date, timeZone: string): { day: Weekday; minute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', {
    timeZone,
    weekday: 'short',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).formatToParts(instant);
  const part = (type: string) => parts.find((candidate) => candidate.type === type)?.value ?? '';
  const day = part('weekday').toLowerCase().slice(0, 3) as Weekday;
  return { day, minute: Number(part('hour')) * 60 + Number(part('minute')) };
}

const previousDay = (day: Weekday): Weekday => weekdays[(weekdays.indexOf(day) + 6) % 7]!;

/**
 * Whether the contact point answers at `instant`: always for a 24/7 one; otherwise when an
 * opening of today has begun and not ended, or an opening of yesterday that runs past midnight
 * has not ended yet. `opens` is inclusive and `closes` exclusive; "00:00"–"00:00" is a whole day.
 */
export function isReachableAt(hours: ContactPointHours, instant: Date, timeZone: string): boolean {
  if (hours.alwaysOpen) return true;
  const { day, minute } = localWeekTime(instant, timeZone);
  return hours.weeklyHours.some((opening) => {
    const opens = minutesOf(opening.opens);
    const closes = minutesOf(opening.closes);
    const crossesMidnight = closes <= opens;
    if (opening.day === day) return minute >= opens && (crossesMidnight || minute < closes);
    return crossesMidnight && opening.day === previousDay(day) && minute < closes;
  });
}
