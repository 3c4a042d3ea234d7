import { z } from 'zod';
import { isCountryCode } from './country-codes.js';
import { isRealDate, reportStatuses, tracingBases } from './missing-person-report.js';

// Request and response schemas of the missing-persons register, shared with the screens. Strict:
// an unknown field is refused, never stored unseen. Messages say what to do ("Enter …"), since the
// screens show them next to the field.

export const sexes = ['female', 'male', 'not_known'] as const;

const name = (what: string) =>
  z.string().trim().min(1, `Enter the ${what}`).max(200, `The ${what} is at most 200 characters`);
const text = (what: string, max: number) =>
  z.string().trim().min(1, `Enter the ${what}`).max(max, `The ${what} is at most ${max} characters`);

/** ISO 3166-1 alpha-3, checked against the list (ICAO's XXA … XXX for stateless persons and refugees). */
export const CountryCode = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z]{3}$/, 'Enter a three-letter country code (ISO 3166-1 alpha-3), such as ROU')
  .refine(isCountryCode, 'This is not a country code (ISO 3166-1 alpha-3), such as ROU or UKR');

export const IsoDateText = z
  .string()
  .trim()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'Enter a date as year-month-day, such as 2026-03-27')
  .refine(isRealDate, 'This date does not exist');

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A date of birth as far as it is known: a year, perhaps a month, perhaps a day. */
export const PartialBirthDate = z
  .strictObject({
    year: z.number().int().min(1900, 'Enter a year after 1900').max(2100, 'Enter a real year'),
    month: z
      .number()
      .int()
      .min(1, 'Enter a month from 1 to 12')
      .max(12, 'Enter a month from 1 to 12')
      .optional(),
    day: z.number().int().min(1, 'Enter a real day').max(31, 'Enter a real day').optional(),
  })
  .superRefine((date, context) => {
    if (date.day === undefined) return;
    if (date.month === undefined)
      context.addIssue({ code: 'custom', path: ['month'], message: 'Give the month when the day is known' });
    else if (date.day > daysInMonth(date.year, date.month))
      context.addIssue({ code: 'custom', path: ['day'], message: 'This day does not exist in that month' });
  });
export type PartialBirthDate = z.infer<typeof PartialBirthDate>;

/** Everything that could identify the missing person: sealed as one encrypted JSON document. */
export const MissingPersonDetails = z.strictObject({
  givenName: name('given name').optional(),
  familyName: name('family name').optional(),
  givenNameLatin: name('given name in Latin letters').optional(),
  familyNameLatin: name('family name in Latin letters').optional(),
  aliases: z.array(name('other name')).max(20, 'Give at most 20 other names').optional(),
  sex: z.enum(sexes, { error: 'Choose female, male or not known' }),
  dateOfBirth: PartialBirthDate.optional(),
  ageEstimate: z
    .number({ error: 'Enter the estimated age in whole years' })
    .int('Enter the estimated age in whole years')
    .min(0, 'Enter an age from 0 to 120')
    .max(120, 'Enter an age from 0 to 120')
    .optional(),
  citizenship: CountryCode.optional(),
  placeOfBirth: text('place of birth', 200).optional(),
  parentNames: z.array(name('parent’s name')).max(4, 'Give at most 4 parents’ names').optional(),
  languages: z.array(text('language', 60)).max(20, 'Give at most 20 languages').optional(),
  lastSeenPlace: text('place last seen', 300).optional(),
  lastSeenOn: IsoDateText.optional(),
  circumstances: text('circumstances', 4000).optional(),
  distinguishingFeatures: text('distinguishing features', 2000).optional(),
});
export type MissingPersonDetails = z.infer<typeof MissingPersonDetails>;

const birthYearOf = (details: MissingPersonDetails) => details.dateOfBirth?.year;

export const MissingPersonReportFiling = z
  .strictObject({
    /** null: not known, and the person is presumed a child until assessed (DESIGN §2). */
    isChild: z.boolean({ error: 'Say whether the missing person is a child' }).nullable(),
    unaccompaniedOrSeparated: z.boolean({ error: 'Say whether the child is unaccompanied or separated' }),
    reportingCountry: CountryCode,
    reportedOn: IsoDateText,
    tracingBasis: z.enum(tracingBases, {
      error: 'Choose the consent or the legal basis for tracing',
    }),
    legalBasisReference: text('legal basis', 300).optional(),
    person: MissingPersonDetails,
  })
  .superRefine((filing, context) => {
    const { person } = filing;
    if (
      person.givenName === undefined &&
      person.familyName === undefined &&
      person.givenNameLatin === undefined &&
      person.familyNameLatin === undefined
    )
      context.addIssue({
        code: 'custom',
        path: ['person', 'givenName'],
        message: 'Enter a given name or a family name',
      });
    if (filing.tracingBasis === 'legal_basis' && filing.legalBasisReference === undefined)
      context.addIssue({
        code: 'custom',
        path: ['legalBasisReference'],
        message: 'Enter the law or decision that allows tracing without consent',
      });
    const birth = person.dateOfBirth;
    if (person.lastSeenOn !== undefined && birth !== undefined) {
      const bornBy = [
        String(birth.year).padStart(4, '0'),
        String(birth.month ?? 1).padStart(2, '0'),
        String(birth.day ?? 1).padStart(2, '0'),
      ].join('-');
      if (person.lastSeenOn < bornBy)
        context.addIssue({
          code: 'custom',
          path: ['person', 'lastSeenOn'],
          message: 'The date last seen is before the date of birth',
        });
    }
    if (person.lastSeenOn !== undefined && person.lastSeenOn > filing.reportedOn)
      context.addIssue({
        code: 'custom',
        path: ['person', 'lastSeenOn'],
        message: 'The date last seen is after the date of the report',
      });
    const year = birthYearOf(person);
    if (year !== undefined && `${year}` > filing.reportedOn.slice(0, 4))
      context.addIssue({
        code: 'custom',
        path: ['person', 'dateOfBirth', 'year'],
        message: 'The date of birth is after the date of the report',
      });
  });
export type MissingPersonReportFiling = z.infer<typeof MissingPersonReportFiling>;

export const ReportParams = z.strictObject({ reportId: z.uuid('Not a report id') });

export const ReportListQuery = z.strictObject({
  status: z.enum(reportStatuses, { error: 'Choose open, located or closed' }).optional(),
  child: z.enum(['true', 'false'], { error: 'Say true or false' }).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

export const StatusChange = z.strictObject({
  status: z.enum(reportStatuses, { error: 'Choose open, located or closed' }),
});

/** The pseudonymous record: an allow-list, so no identifying detail can leak into it. */
export const ReportView = z.object({
  id: z.uuid(),
  reference: z.string(),
  ownerOrganisationId: z.uuid(),
  reportingCountry: z.string(),
  reportedOn: z.string(),
  status: z.enum(reportStatuses),
  statusChangedOn: z.string(),
  isChild: z.boolean(),
  unaccompaniedOrSeparated: z.boolean(),
  tracingBasis: z.enum(tracingBases),
  legalBasisReference: z.string().nullable(),
  erased: z.boolean(),
  allowedActions: z.array(z.string()),
});

export const ReportDetailsView = z.object({
  id: z.uuid(),
  reference: z.string(),
  person: MissingPersonDetails,
});

/** A field's comparison level and its weight in the score: never the values compared. */
export const FieldComparison = z.object({
  field: z.string(),
  level: z.string(),
  weight: z.number(),
});

export const CandidateView = z.object({
  id: z.uuid(),
  reportId: z.uuid(),
  reportReference: z.string(),
  otherKind: z.enum(['report', 'case', 'partner']),
  /** The other report or the case, when the actor may open it; null otherwise (reference only). */
  otherId: z.uuid().nullable(),
  otherReference: z.string(),
  otherOwnerOrganisationId: z.uuid(),
  probability: z.number(),
  namesSwapped: z.boolean(),
  comparison: z.array(FieldComparison),
  status: z.enum(['open', 'confirmed', 'rejected']),
  proposedAt: z.string(),
  decidedAt: z.string().nullable(),
  decisionReason: z.string().nullable(),
  allowedActions: z.array(z.string()),
});

export const CandidateParams = z.strictObject({ candidateId: z.uuid('Not a candidate id') });

export const CandidateListQuery = z.strictObject({
  status: z.enum(['open', 'confirmed', 'rejected']).default('open'),
  limit: z.coerce.number().int().min(1).max(200).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

export const CandidateDecision = z.strictObject({
  reason: text('reason', 2000),
});
