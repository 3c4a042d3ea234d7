import fc from 'fast-check';
import { adultScreeningSet, childScreeningSet } from './builtin-sets.js';
import type { AnonymousIntake, RecordedScreening } from './intake.js';
import { type Question, type QuestionnaireSet, questionsOf, strengths } from './questionnaire.js';
import type { AnswerValue, ScreeningAnswers } from './screening.js';

export const RECEIVED_ON = '2026-03-02';
export const SCREENED_ON = '2026-03-03';
export const organisations = {
  outreachNgo: '0b6f3c1e-6a4f-4c1a-9d47-2f1e7f6a0a01',
  labourInspectorate: '0b6f3c1e-6a4f-4c1a-9d47-2f1e7f6a0a02',
} as const;

/** Every required question answered "no" (and "no" to "under 18"), with the overrides on top. */
export function answersFor(
  set: QuestionnaireSet,
  overrides: Readonly<Record<string, AnswerValue>> = {},
): ScreeningAnswers {
  const answers: Record<string, AnswerValue> = {};
  for (const question of questionsOf(set)) {
    if (!question.required) continue;
    if (question.kind === 'yes_no_unsure') answers[question.id] = 'no';
    else if (question.kind === 'choice') answers[question.id] = question.options![0]!.id;
    else if (question.kind === 'multi') answers[question.id] = [];
    else if (question.kind === 'number') answers[question.id] = 0;
    else answers[question.id] = 'Nothing to add';
  }
  return { setId: set.id, setVersion: set.version, answers: { ...answers, ...overrides } };
}

/** An adult (answered "no" to "under 18") with the given answers. */
export const anAdultsAnswers = (overrides: Readonly<Record<string, AnswerValue>> = {}) =>
  answersFor(adultScreeningSet, overrides);
export const aChildsAnswers = (overrides: Readonly<Record<string, AnswerValue>> = {}) =>
  answersFor(childScreeningSet, overrides);

/** The ids of the yes/no/unsure questions of a set that carry an indicator of this element. */
export function indicatorQuestions(set: QuestionnaireSet, element?: 'act' | 'means' | 'purpose'): string[] {
  return questionsOf(set)
    .filter(
      (question) => question.indicator && (element === undefined || question.indicator.element === element),
    )
    .map((question) => question.id);
}

/** Any valid answer to one question; an optional question may be left out (`undefined`). */
function anyAnswerTo(question: Question): fc.Arbitrary<AnswerValue | undefined> {
  const optionIds = (question.options ?? []).map((option) => option.id);
  const given: fc.Arbitrary<AnswerValue> =
    question.kind === 'yes_no_unsure'
      ? fc.constantFrom('yes', 'no', 'unsure')
      : question.kind === 'choice'
        ? fc.constantFrom(...optionIds)
        : question.kind === 'multi'
          ? fc.subarray(optionIds)
          : question.kind === 'number'
            ? fc.nat({ max: 50 })
            : fc.constantFrom('Seen at the bus station', 'Nothing to add');
  return question.required ? given : fc.option(given, { nil: undefined });
}

/** Any complete, valid set of answers to a set; `fixed` answers are kept as given. */
export function anyAnswersFor(
  set: QuestionnaireSet,
  fixed: Readonly<Record<string, AnswerValue>> = {},
): fc.Arbitrary<ScreeningAnswers> {
  const entries = questionsOf(set).map((question) =>
    question.id in fixed
      ? fc.constant([question.id, fixed[question.id]] as const)
      : anyAnswerTo(question).map((answer) => [question.id, answer] as const),
  );
  return fc.tuple(...entries).map((pairs) => ({
    setId: set.id,
    setVersion: set.version,
    answers: Object.fromEntries(pairs.filter(([, answer]) => answer !== undefined)) as Record<
      string,
      AnswerValue
    >,
  }));
}

export const anyBuiltinSet = fc.constantFrom(adultScreeningSet, childScreeningSet);
export const anyBuiltinScreening = anyBuiltinSet.chain((set) =>
  anyAnswersFor(set).map((answers) => ({ set, answers })),
);

const addedInRevision: Question = {
  id: 'added_in_revision',
  kind: 'yes_no_unsure',
  required: true,
  text: { en: 'Is the person afraid?', ro: 'Îi este frică persoanei?' },
  indicator: { element: 'means', strength: 'strong' },
};

/** A new version of a set: indicators re-weighted or dropped, and a new required question. */
export const anyRevisionOf = (set: QuestionnaireSet): fc.Arbitrary<QuestionnaireSet> =>
  fc
    .tuple(
      fc.array(fc.constantFrom(...strengths, 'dropped' as const), {
        minLength: questionsOf(set).length,
        maxLength: questionsOf(set).length,
      }),
      fc.boolean(),
    )
    .map(([changes, addQuestion]) => {
      let index = 0;
      const sections = set.sections.map((section) => ({
        ...section,
        questions: section.questions.map((question) => {
          const change = changes[index++]!;
          if (!question.indicator) return question;
          if (change === 'dropped') {
            const { indicator: _dropped, ...rest } = question;
            return rest;
          }
          return { ...question, indicator: { ...question.indicator, strength: change } };
        }),
      }));
      if (addQuestion)
        sections[0] = {
          ...sections[0]!,
          questions: [...sections[0]!.questions, addedInRevision],
        };
      return { ...set, version: set.version + 1, sections };
    });

export function aRecordedScreening(overrides: Partial<RecordedScreening> = {}): RecordedScreening {
  return {
    screenedOn: SCREENED_ON,
    answers: anAdultsAnswers(),
    result: 'presumed_victim',
    screenedAs: 'adult',
    forms: ['forced_labour'],
    ...overrides,
  };
}

export function anIntake(overrides: Partial<AnonymousIntake> = {}): AnonymousIntake {
  return {
    id: '5d1c1f8e-2a57-4a53-8f59-6a7d3f1b9c10',
    channel: 'outreach',
    receivingOrganisationId: organisations.outreachNgo,
    receivedOn: RECEIVED_ON,
    screenings: [],
    conversion: null,
    ...overrides,
  };
}
