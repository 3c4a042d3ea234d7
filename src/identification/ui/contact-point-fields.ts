// The contact point form's fields, what they send, and where the server's answer is shown: pure
// functions, tested on their own (contact-point-fields.test.ts); ContactPointForm.tsx renders them.

import type { ApiError } from '../../web/api.js';
import type { ErrorItem } from '../../web/components/ErrorSummary.js';
import { type FormErrors, generalProblemText } from '../../web/components/form-errors.js';
import type { Text } from '../../web/components/text.js';
import type { ContactPoint } from './types.js';

/** Languages offered as boxes to tick; any other ISO 639-1 code can be typed. */
export const commonLanguages = [
  'ro',
  'en',
  'ru',
  'uk',
  'fr',
  'de',
  'it',
  'es',
  'bg',
  'hu',
  'tr',
  'ar',
] as const;

export type OpeningRow = { key: number; day: string; opens: string; closes: string; closesNextDay: boolean };

export type ContactPointFields = {
  organisationId: string;
  name: string;
  phone: string;
  email: string;
  languages: string[];
  otherLanguages: string;
  hours: 'always' | 'weekly';
  openings: OpeningRow[];
  public: boolean;
};

let rowKeys = 0;
export const anOpening = (opening: Partial<OpeningRow> = {}): OpeningRow => ({
  key: ++rowKeys,
  day: '',
  opens: '',
  closes: '',
  closesNextDay: false,
  ...opening,
});

export const emptyFields = (organisationId: string): ContactPointFields => ({
  organisationId,
  name: '',
  phone: '',
  email: '',
  languages: [],
  otherLanguages: '',
  hours: 'weekly',
  openings: [anOpening()],
  public: false,
});

export function fieldsOf(contactPoint: ContactPoint): ContactPointFields {
  const common: readonly string[] = commonLanguages;
  return {
    organisationId: contactPoint.organisationId,
    name: contactPoint.name,
    phone: contactPoint.phone ?? '',
    email: contactPoint.email ?? '',
    languages: contactPoint.languages.filter((code) => common.includes(code)),
    otherLanguages: contactPoint.languages.filter((code) => !common.includes(code)).join(', '),
    hours: contactPoint.alwaysOpen ? 'always' : 'weekly',
    openings: contactPoint.alwaysOpen
      ? [anOpening()]
      : contactPoint.weeklyHours.map((opening) =>
          anOpening({ ...opening, closesNextDay: opening.closesNextDay ?? opening.closes <= opening.opens }),
        ),
    public: contactPoint.public,
  };
}

/** "8:30", "8.30" and "0830" are all 08:30; anything else goes as typed, for the server to name. */
export function normaliseTime(typed: string): string {
  const trimmed = typed.trim();
  const match = /^(\d{1,2})[:.h ]?(\d{2})$/.exec(trimmed);
  return match ? `${match[1]!.padStart(2, '0')}:${match[2]}` : trimmed;
}

/** The languages in the order sent: ticked boxes first, then the typed codes. */
const typedLanguages = (text: string) =>
  text
    .split(/[\s,;]+/)
    .map((code) => code.trim())
    .filter(Boolean);

export function toRequest(fields: ContactPointFields) {
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  const alwaysOpen = fields.hours === 'always';
  return {
    name: fields.name,
    phone: optional(fields.phone),
    email: optional(fields.email),
    languages: [...fields.languages, ...typedLanguages(fields.otherLanguages)],
    alwaysOpen,
    weeklyHours: alwaysOpen
      ? []
      : fields.openings.map((opening) => ({
          day: opening.day,
          opens: normaliseTime(opening.opens),
          closes: normaliseTime(opening.closes),
          closesNextDay: opening.closesNextDay,
        })),
    public: fields.public,
  };
}

/**
 * Puts each of the server's field problems next to its control: an opening's day or times at that
 * row, a language at the box or the typed codes it came from. The summary follows the page order.
 */
export function contactPointErrors(error: ApiError, fields: ContactPointFields): FormErrors {
  const problems = error.problem.errors ?? [];
  if (problems.length === 0) return { summary: [{ message: generalProblemText(error) }], fields: {} };
  const found: Record<string, Text> = {};
  const others: ErrorItem[] = [];
  for (const { pointer, detail } of problems) {
    const segments = pointer.split('/').slice(2);
    const [head, index, leaf] = segments;
    let field: string | null = null;
    if (head === 'weeklyHours' && index !== undefined && leaf !== undefined)
      field = `opening-${index}-${leaf === 'closesNextDay' ? 'closes' : leaf}`;
    else if (head === 'weeklyHours') field = 'weeklyHours';
    else if (head === 'languages')
      field =
        index !== undefined && Number(index) >= fields.languages.length ? 'otherLanguages' : 'languages';
    else if (
      head !== undefined &&
      ['organisationId', 'name', 'phone', 'email', 'alwaysOpen', 'public'].includes(head)
    )
      field = head === 'alwaysOpen' ? 'hours' : head;
    const message: Text = detail?.trim() ? detail : { key: 'form.error.checkField' };
    if (field) found[field] ??= message;
    else others.push({ message });
  }
  const order = [
    'organisationId',
    'name',
    'phone',
    'email',
    'languages',
    'otherLanguages',
    'hours',
    ...fields.openings.flatMap((_opening, index) =>
      ['day', 'opens', 'closes'].map((leaf) => `opening-${index}-${leaf}`),
    ),
    'weeklyHours',
    'public',
  ];
  const summary = order
    .filter((field) => found[field] !== undefined)
    .map((field) => ({ field, message: found[field] as Text }));
  return { summary: [...summary, ...others], fields: found };
}
