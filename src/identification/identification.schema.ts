import { z } from 'zod';
import { Identity } from '../persons/index.js';
import { isLanguageCode, OpeningHours, OpeningHoursEntry, toOpeningHours } from './contact-point.js';
import { timeInCountryBands } from './identification-statistics.js';
import { intakeChannels } from './intake.js';
import { elements, QuestionnaireSet, screenedForms, strengths } from './questionnaire.js';
import { screeningResults } from './screening.js';

// Requests are checked field by field; responses are allow-lists: a key not named here never leaves.

const isoDate = z.iso.date({ error: 'Enter a date as YYYY-MM-DD' });

// --- Questionnaire sets ---------------------------------------------------------------------

export const SetParams = z.strictObject({
  setId: z.string().regex(/^[a-z][a-z0-9_]*$/, 'Not a questionnaire id'),
  version: z.coerce.number().int().min(1, 'Not a version number'),
});

/** Publishing a set: the whole definition; its version must be the next one (1 for a new set). */
export const SetPublication = z.strictObject({ set: QuestionnaireSet });

export const PublishedSetView = z.object({
  set: QuestionnaireSet,
  builtin: z.boolean(),
  publishedAt: z.iso.datetime(),
  latest: z.boolean(),
});

export const SetSummaryView = z.object({
  id: z.string(),
  version: z.number().int(),
  audience: z.enum(['adult', 'child']),
  title: z.object({ en: z.string(), ro: z.string() }),
  builtin: z.boolean(),
  publishedAt: z.iso.datetime(),
  latest: z.boolean(),
  questionCount: z.number().int(),
});

// --- Intakes --------------------------------------------------------------------------------

/**
 * Recording an intake. Strict: no key for a name or any other personal data exists, and a request
 * carrying one is refused, so the caller learns that an intake is anonymous (decision 0015).
 */
export const IntakeOpening = z.strictObject({
  channel: z.enum(intakeChannels, { error: 'Choose how the contact came in' }),
  /** Defaults to today. */
  receivedOn: isoDate.optional(),
  /** The person came forward themselves (002 l. 1762); defaults to the channel being self-referral. */
  selfIdentified: z.boolean().optional(),
  /** Months the person had been in the country before this contact; absent or null when not known. */
  monthsInCountry: z
    .number({ error: 'Enter a whole number of months' })
    .int('Enter a whole number of months')
    .min(0, 'Enter a whole number of months')
    .max(1200, 'Enter a whole number of months')
    .nullable()
    .optional(),
});

export const IntakeParams = z.strictObject({ intakeId: z.uuid('Not an intake id') });

export const IntakeListQuery = z.strictObject({
  channel: z.enum(intakeChannels, { error: 'Choose a channel' }).optional(),
  result: z.enum([...screeningResults, 'not_screened'], { error: 'Choose a result' }).optional(),
  receivedFrom: isoDate.optional(),
  receivedTo: isoDate.optional(),
  converted: z
    .enum(['true', 'false'], { error: 'Write true or false' })
    .transform((value) => value === 'true')
    .optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  offset: z.coerce.number().int().min(0).default(0),
});

const AnswerValue = z.union([z.string().max(2000), z.array(z.string().max(100)).max(50), z.number()]);

/** Answers to a named version of a questionnaire set, by question id. */
export const ScreeningRequest = z.strictObject({
  setId: z.string().min(1, 'Choose a questionnaire'),
  setVersion: z.number({ error: 'Give the questionnaire version' }).int().min(1),
  answers: z.record(z.string(), AnswerValue),
});

const Localised = z.object({ en: z.string(), ro: z.string() });

const IndicatorView = z.object({
  questionId: z.string(),
  optionId: z.string().optional(),
  element: z.enum(elements),
  strength: z.enum(strengths),
  form: z.enum(screenedForms).optional(),
  certainty: z.enum(['recorded', 'unsure']),
  /** The question as it was worded in the version answered. */
  text: Localised,
});

export const ScreeningView = z.object({
  seq: z.number().int(),
  setId: z.string(),
  setVersion: z.number().int(),
  screenedOn: z.string(),
  result: z.enum(screeningResults),
  screenedAs: z.enum(['adult', 'child', 'unknown_age']),
  nextStep: z.enum(['refer_to_nrm', 'full_assessment', 'give_information_and_hotline']),
  forms: z.array(z.enum(screenedForms)),
  elementsEstablished: z.array(z.enum(elements)),
  indicators: z.object({
    act: z.array(IndicatorView),
    means: z.array(IndicatorView),
    purpose: z.array(IndicatorView),
  }),
  explanation: Localised,
});

export const IntakeSummaryView = z.object({
  id: z.uuid(),
  channel: z.enum(intakeChannels),
  receivingOrganisationId: z.uuid(),
  receivedOn: z.string(),
  selfIdentified: z.boolean(),
  monthsInCountry: z.number().int().nullable(),
  latestResult: z.enum(screeningResults).nullable(),
  screeningCount: z.number().int(),
  caseId: z.uuid().nullable(),
  convertedOn: z.string().nullable(),
});

export const IntakeView = IntakeSummaryView.extend({
  screenings: z.array(ScreeningView),
  allowedActions: z.array(z.string()),
});

/** Opening a case from an intake: the person's identity, as for `POST /api/cases`, and the basis. */
export const IntakeConversion = z.strictObject({
  identity: Identity,
  /** `professional_judgement`: a trained identifier opens the case although the screening did not presume. */
  basis: z.enum(['screening', 'professional_judgement']).default('screening'),
});

export const ConvertedView = z.object({
  intakeId: z.uuid(),
  caseId: z.uuid(),
  caseReference: z.string(),
  stage: z.string(),
  presumedChild: z.boolean(),
});

// --- Contact points -------------------------------------------------------------------------

const contactPointFields = {
  name: z.string().trim().min(1, 'Enter the name of the contact point').max(200),
  phone: z.string().trim().min(3, 'Enter a phone number').max(40).nullable(),
  email: z.email('Enter an e-mail address like name@example.org').max(200).nullable(),
  /** ISO 639-1 codes ("ro", "uk"); upper case is accepted and stored in lower case. */
  languages: z
    .array(
      z
        .string()
        .trim()
        .toLowerCase()
        .refine(isLanguageCode, 'Enter each language as its two-letter ISO 639-1 code, for example ro or uk'),
    )
    .min(1, 'Give at least one language')
    .max(30),
  alwaysOpen: z.boolean(),
  weeklyHours: z
    .array(OpeningHoursEntry)
    .max(50)
    .transform((hours) => hours.map(toOpeningHours)),
  public: z.boolean(),
};

/** What every contact point needs, whether just added or changed: a way to reach it, and when. */
function refineContactPoint(
  point: { phone: string | null; email: string | null; alwaysOpen: boolean; weeklyHours: readonly unknown[] },
  context: z.RefinementCtx,
) {
  for (const issue of contactPointGaps(point)) context.addIssue({ code: 'custom', ...issue });
}

export function contactPointGaps(point: {
  phone: string | null;
  email: string | null;
  alwaysOpen: boolean;
  weeklyHours: readonly unknown[];
}): { path: string[]; message: string }[] {
  const gaps: { path: string[]; message: string }[] = [];
  if (point.phone === null && point.email === null)
    gaps.push({ path: ['phone'], message: 'Give a phone number or an e-mail address' });
  if (!point.alwaysOpen && point.weeklyHours.length === 0)
    gaps.push({
      path: ['weeklyHours'],
      message: 'Give the opening hours, or mark the contact point as open 24/7',
    });
  return gaps;
}

export const ContactPointInput = z
  .strictObject({
    organisationId: z.uuid('Not an organisation id'),
    ...contactPointFields,
    phone: contactPointFields.phone.default(null),
    email: contactPointFields.email.default(null),
    weeklyHours: contactPointFields.weeklyHours.default([]),
    public: contactPointFields.public.default(false),
  })
  .superRefine(refineContactPoint);

/**
 * Changing a contact point: only the fields that change. Its organisation stays: a contact point
 * of another organisation is another contact point (retire this one, add that one).
 */
export const ContactPointChange = z.strictObject({
  name: contactPointFields.name.optional(),
  phone: contactPointFields.phone.optional(),
  email: contactPointFields.email.optional(),
  languages: contactPointFields.languages.optional(),
  alwaysOpen: contactPointFields.alwaysOpen.optional(),
  weeklyHours: contactPointFields.weeklyHours.optional(),
  public: contactPointFields.public.optional(),
});

export const ContactPointParams = z.strictObject({ contactPointId: z.uuid('Not a contact point id') });

export const ContactPointQuery = z.strictObject({
  openNow: z
    .enum(['true', 'false'], { error: 'Write true or false' })
    .transform((value) => value === 'true')
    .optional(),
});

export const ContactPointView = z.object({
  id: z.uuid(),
  organisationId: z.uuid(),
  organisationName: z.string().nullable(),
  name: z.string(),
  phone: z.string().nullable(),
  email: z.string().nullable(),
  languages: z.array(z.string()),
  alwaysOpen: z.boolean(),
  /** Each opening with whether it closes the next day, so that no reader has to work it out. */
  weeklyHours: z.array(OpeningHours.extend({ closesNextDay: z.boolean() })),
  public: z.boolean(),
  openNow: z.boolean(),
  /** Retired contact points are kept (history) but no longer listed; only a direct read shows one. */
  retired: z.boolean(),
  /** For the signed-in app only: what this user may do with the contact point. */
  allowedActions: z.array(z.string()).optional(),
});

// --- Statistics -----------------------------------------------------------------------------

export const StatisticsQuery = z.strictObject({ from: isoDate, to: isoDate });

export const StatisticsView = z.object({
  from: z.string(),
  to: z.string(),
  identified: z.number().int(),
  casesOpened: z.number().int(),
  selfIdentified: z.number().int(),
  byChannel: z.record(z.string(), z.number().int()),
  byActorKind: z.record(z.string(), z.number().int()),
  byTimeInCountry: z.record(z.enum(timeInCountryBands), z.number().int()),
  averageMonthsInCountry: z.number().nullable(),
  disclosureControl: z.literal('not_applied'),
});
