// The shapes the identification API answers with (identification.schema.ts), for the screens.

import { getLanguage, locales, type MessageKey, t, timeZone } from '../../web/i18n.js';

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

export const screeningResults = [
  'presumed_victim',
  'possible_refer_for_full_assessment',
  'no_indicators_found',
] as const;
export type ScreeningResult = (typeof screeningResults)[number];

export type Element = 'act' | 'means' | 'purpose';
export const elements: readonly Element[] = ['act', 'means', 'purpose'];

export type Localised = { en: string; ro: string };

export type Indicator = { element: Element; strength: 'strong' | 'medium' | 'weak'; form?: string };

export type Question = {
  id: string;
  kind: 'yes_no_unsure' | 'choice' | 'multi' | 'text' | 'number';
  required: boolean;
  text: Localised;
  hint?: Localised;
  options?: { id: string; text: Localised; indicator?: Indicator }[];
  indicator?: Indicator;
};

export type QuestionnaireSet = {
  id: string;
  version: number;
  audience: 'adult' | 'child';
  title: Localised;
  ageQuestionId?: string;
  sections: { id: string; title: Localised; questions: Question[] }[];
};

export type SetSummary = {
  id: string;
  version: number;
  audience: 'adult' | 'child';
  title: Localised;
  builtin: boolean;
  publishedAt: string;
  latest: boolean;
  questionCount: number;
};

export type PublishedSet = { set: QuestionnaireSet; builtin: boolean; publishedAt: string; latest: boolean };

export type RecordedIndicator = Indicator & {
  questionId: string;
  optionId?: string;
  certainty: 'recorded' | 'unsure';
  text: Localised;
};

export type Screening = {
  seq: number;
  setId: string;
  setVersion: number;
  screenedOn: string;
  result: ScreeningResult;
  screenedAs: 'adult' | 'child' | 'unknown_age';
  nextStep: 'refer_to_nrm' | 'full_assessment' | 'give_information_and_hotline';
  forms: string[];
  elementsEstablished: Element[];
  indicators: Record<Element, RecordedIndicator[]>;
  explanation: Localised;
};

export type IntakeSummary = {
  id: string;
  channel: IntakeChannel;
  receivingOrganisationId: string;
  receivedOn: string;
  selfIdentified: boolean;
  monthsInCountry: number | null;
  latestResult: ScreeningResult | null;
  screeningCount: number;
  caseId: string | null;
  convertedOn: string | null;
};

export type Intake = IntakeSummary & { screenings: Screening[]; allowedActions: string[] };

export const weekdays = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof weekdays)[number];

export type OpeningHours = {
  day: Weekday;
  opens: string;
  closes: string;
  /** Sent by the server: the opening runs past midnight. */
  closesNextDay?: boolean;
};

export type ContactPoint = {
  id: string;
  organisationId: string;
  organisationName: string | null;
  name: string;
  phone: string | null;
  email: string | null;
  languages: string[];
  alwaysOpen: boolean;
  weeklyHours: OpeningHours[];
  public: boolean;
  openNow: boolean;
  retired: boolean;
  /** What the signed-in user may do with it: `contact-point.manage` to change or retire it. */
  allowedActions?: string[];
};

/** A language's name from its ISO 639-1 code, in the language shown ("Ukrainian", "ucraineană"). */
export function languageName(code: string): string {
  try {
    return new Intl.DisplayNames([locales[getLanguage()]], { type: 'language' }).of(code) ?? code;
  } catch {
    return code;
  }
}

/** A message for a value of a vocabulary: `label('intakeChannel', 'border')`. */
export const label = (prefix: string, value: string): string => t(`${prefix}.${value}` as MessageKey);

/** The text of a questionnaire in the language shown. */
export const inLanguage = (text: Localised): string => text[getLanguage()];

/** "27 March 2026" / "27 martie 2026", in the installation's time zone. */
export function formatDate(isoDate: string): string {
  const date = new Date(`${isoDate}T12:00:00Z`);
  if (Number.isNaN(date.getTime())) return isoDate;
  return new Intl.DateTimeFormat(locales[getLanguage()], {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone,
  }).format(date);
}
