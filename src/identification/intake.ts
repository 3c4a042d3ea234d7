import { z } from 'zod';
import type { IsoDate } from '../kernel/dates.js';
import { findQuestionnaireVersion, type QuestionnaireSet, type ScreenedForm } from './questionnaire.js';
import {
  decideScreeningOutcome,
  type ScreenedAs,
  type ScreeningAnswers,
  type ScreeningDecision,
  type ScreeningRefusal,
  type ScreeningResult,
} from './screening.js';

// Intake: the first contact with someone who may be a victim, through the routes the ICMPD
// guidelines name (hotlines, outreach, drop-in centres: 002 l. 1268-1271) and the front-line
// actors (police, border officials, labour inspectors, health workers: 002 l. 1264), 24 hours a
// day (002 l. 1252). An intake is anonymous: it holds screenings and where the contact came from,
// never who the person is. It becomes a case only through `decideIntakeConversion` (decision 0015).

/**
 * The values are those of the case vocabulary (`identificationChannels` in src/cases), so that an
 * intake's channel becomes the case's channel unchanged; a test checks that they stay equal.
 */
export const intakeChannels = [
  'hotline',
  'outreach',
  'drop_in_centre',
  'police',
  'border',
  'labour_inspection',
  'health_service',
  'self_referral',
  'other',
] as const;
export type IntakeChannel = (typeof intakeChannels)[number];

/** A screening as it was recorded: its answers, the version they were given on, and the result. */
export type RecordedScreening = {
  screenedOn: IsoDate;
  answers: ScreeningAnswers;
  result: ScreeningResult;
  screenedAs: ScreenedAs;
  forms: readonly ScreenedForm[];
};

/**
 * Keys an anonymous intake can never have. Together with the strict schema at the edge, this
 * makes "an intake with a name" a type error rather than a review comment.
 */
type NoIdentityFields = {
  [Key in
    | 'name'
    | 'firstName'
    | 'lastName'
    | 'dateOfBirth'
    | 'address'
    | 'phone'
    | 'email'
    | 'documentNumber'
    | 'personId']?: never;
};

export type AnonymousIntake = NoIdentityFields & {
  id: string;
  channel: IntakeChannel;
  receivingOrganisationId: string;
  receivedOn: IsoDate;
  /** Oldest first. Never rewritten: a later screening is appended. */
  screenings: readonly RecordedScreening[];
  conversion: { convertedOn: IsoDate; caseId: string } | null;
};

/**
 * What opening an intake takes at the edge. Strict: a request that carries any other key, such
 * as a name, is refused rather than stripped, so that the caller learns the intake is anonymous.
 */
export const AnonymousIntakeRequest = z.strictObject({
  channel: z.enum(intakeChannels),
  receivingOrganisationId: z.uuid({ error: 'Not an organisation id' }),
  receivedOn: z.iso.date({ error: 'Enter a date as YYYY-MM-DD' }),
});
export type AnonymousIntakeRequest = z.infer<typeof AnonymousIntakeRequest>;

// --- Recording a screening ------------------------------------------------------------------

export type IntakeScreeningDecision =
  | { outcome: 'record'; screening: RecordedScreening }
  | { outcome: 'refuse'; refusal: IntakeScreeningRefusal };
export type IntakeScreeningRefusal = ScreeningRefusal | { kind: 'already-converted'; caseId: string };

/** Screens the person on an intake; once it is a case, screenings belong to the case. */
export function decideIntakeScreening(
  intake: AnonymousIntake,
  set: QuestionnaireSet,
  answers: ScreeningAnswers,
  screenedOn: IsoDate,
): IntakeScreeningDecision {
  if (intake.conversion)
    return { outcome: 'refuse', refusal: { kind: 'already-converted', caseId: intake.conversion.caseId } };
  const decision = decideScreeningOutcome(set, answers);
  if (decision.outcome === 'refuse') return decision;
  const { result, screenedAs, forms } = decision.screening;
  return { outcome: 'record', screening: { screenedOn, answers, result, screenedAs, forms } };
}

/**
 * Decides a recorded screening again against the version it was answered on, from every version
 * ever published. Publishing a new version never changes the answer.
 */
export function decideRecordedScreening(
  library: readonly QuestionnaireSet[],
  recorded: Pick<RecordedScreening, 'answers'>,
): ScreeningDecision | { outcome: 'refuse'; refusal: { kind: 'unknown-questionnaire-version' } } {
  const { setId, setVersion } = recorded.answers;
  const set = findQuestionnaireVersion(library, setId, setVersion);
  if (!set) return { outcome: 'refuse', refusal: { kind: 'unknown-questionnaire-version' } };
  return decideScreeningOutcome(set, recorded.answers);
}

// --- Conversion into a case -----------------------------------------------------------------

/**
 * - `screening`: the latest screening found a presumption (`presumed_victim`).
 * - `professional_judgement`: a trained identifier opens a case although the latest screening
 *   did not (a questionnaire "facilitates" identification, 002 l. 1274; it does not decide it).
 *   Recorded on the case so that it can be reviewed.
 */
export type ConversionBasis = 'screening' | 'professional_judgement';

export type IntakeConversionRequest = {
  basis: ConversionBasis;
  identifyingOrganisationId: string;
  /** The person identified themselves as a victim. */
  selfIdentified: boolean;
  convertedOn: IsoDate;
};

/** What opening a case needs: the fields of the case's `identified` event, and the history. */
export type CaseOpening = {
  intakeId: string;
  identifiedOn: IsoDate;
  channel: IntakeChannel;
  identifyingOrganisationId: string;
  selfIdentified: boolean;
  /** `null`: the age is unknown, and the person is presumed a child until assessed. */
  isChild: boolean | null;
  formsOfExploitation: readonly ScreenedForm[];
  basis: ConversionBasis;
  /** Every screening of the intake, oldest first, unchanged. */
  screeningHistory: readonly RecordedScreening[];
};

export type IntakeConversionRefusal =
  | { kind: 'already-converted'; caseId: string }
  | { kind: 'no-screening-recorded' }
  | { kind: 'no-presumption-yet'; latestResult: ScreeningResult };
export type IntakeConversionRefusalKind = IntakeConversionRefusal['kind'];

export type IntakeConversionDecision =
  | { outcome: 'convert'; caseOpening: CaseOpening }
  | { outcome: 'refuse'; refusal: IntakeConversionRefusal };

/**
 * Turns an intake into the input for opening a case. An intake is converted once; it needs at
 * least one screening (the case keeps the history); on the basis `screening`, the latest
 * screening must have found a presumption. The person's identity is not part of this: it is
 * registered separately, in the person register, and linked by the case.
 */
export function decideIntakeConversion(
  intake: AnonymousIntake,
  request: IntakeConversionRequest,
): IntakeConversionDecision {
  const refuse = (refusal: IntakeConversionRefusal) => ({ outcome: 'refuse', refusal }) as const;
  if (intake.conversion) return refuse({ kind: 'already-converted', caseId: intake.conversion.caseId });
  const latest = intake.screenings.at(-1);
  if (!latest) return refuse({ kind: 'no-screening-recorded' });
  if (request.basis === 'screening' && latest.result !== 'presumed_victim')
    return refuse({ kind: 'no-presumption-yet', latestResult: latest.result });
  return {
    outcome: 'convert',
    caseOpening: {
      intakeId: intake.id,
      identifiedOn: request.convertedOn,
      channel: intake.channel,
      identifyingOrganisationId: request.identifyingOrganisationId,
      selfIdentified: request.selfIdentified,
      isChild: latest.screenedAs === 'unknown_age' ? null : latest.screenedAs === 'child',
      formsOfExploitation: latest.forms,
      basis: request.basis,
      screeningHistory: intake.screenings,
    },
  };
}
