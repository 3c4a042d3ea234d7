import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adultScreeningSet, childScreeningSet } from './builtin-sets.js';
import { decideRecordedScreening } from './intake.js';
import { QuestionnaireSet } from './questionnaire.js';
import {
  type AnswerValue,
  decideScreeningOutcome,
  notAnIdentificationDecision,
  recommendedNextStep,
  type Screening,
  type ScreeningAnswers,
  type ScreeningDecision,
  screeningResults,
} from './screening.js';
import {
  aChildsAnswers,
  anAdultsAnswers,
  answersFor,
  anyAnswersFor,
  anyBuiltinScreening,
  anyRevisionOf,
  indicatorQuestions,
} from './test-builders.js';

function screened(decision: ScreeningDecision): Screening {
  if (decision.outcome !== 'screened') throw new Error(`refused: ${JSON.stringify(decision.refusal)}`);
  return decision.screening;
}
const screenAdult = (overrides: Record<string, AnswerValue>) =>
  screened(decideScreeningOutcome(adultScreeningSet, anAdultsAnswers(overrides)));
const screenChild = (overrides: Record<string, AnswerValue>) =>
  screened(decideScreeningOutcome(childScreeningSet, aChildsAnswers(overrides)));
const rank = (screening: Screening) => screeningResults.indexOf(screening.result);

/** The answers with every yes/no/unsure answer to the given questions replaced. */
const replacing = (
  given: ScreeningAnswers,
  questionIds: readonly string[],
  from: readonly AnswerValue[],
  to: AnswerValue,
) => ({
  ...given,
  answers: Object.fromEntries(
    Object.entries(given.answers).map(([id, answer]) => [
      id,
      questionIds.includes(id) && from.includes(answer) ? to : answer,
    ]),
  ),
});

describe('decideScreeningOutcome: refusals', () => {
  it('refuses answers given on another questionnaire', () => {
    expect(decideScreeningOutcome(adultScreeningSet, aChildsAnswers())).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'wrong-questionnaire', expected: 'adult_screening', given: 'child_screening' },
    });
  });

  it('refuses answers given on another version of the questionnaire', () => {
    expect(decideScreeningOutcome(adultScreeningSet, { ...anAdultsAnswers(), setVersion: 2 })).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'version-mismatch', expected: 1, given: 2 },
    });
  });

  it('refuses an answer to a question the version does not ask', () => {
    expect(decideScreeningOutcome(adultScreeningSet, anAdultsAnswers({ score: 'yes' }))).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'unknown-question', questionId: 'score' },
    });
  });

  it('refuses when a required question is not answered', () => {
    const { violence: _left, ...answers } = anAdultsAnswers().answers;
    expect(decideScreeningOutcome(adultScreeningSet, { ...anAdultsAnswers(), answers })).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'missing-required-answer', questionId: 'violence' },
    });
  });

  it.each([
    ['a yes/no question answered "maybe"', 'violence', 'maybe'],
    ['a yes/no question answered with a number', 'violence', 1],
    ['an option the question does not offer', 'work_sector', ['mining']],
    ['the same option chosen twice', 'work_sector', ['street', 'street']],
    ['a single word where options are expected', 'work_sector', 'street'],
    ['a negative number of people', 'others_in_same_situation', -1],
    ['a number given as words', 'others_in_same_situation', 'three'],
  ])('refuses %s', (_what, questionId, answer) => {
    expect(decideScreeningOutcome(adultScreeningSet, anAdultsAnswers({ [questionId]: answer }))).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'invalid-answer', questionId },
    });
  });

  it('accepts an optional question left out', () => {
    const { others_in_same_situation: _left, ...answers } = anAdultsAnswers().answers;
    expect(decideScreeningOutcome(adultScreeningSet, { ...anAdultsAnswers(), answers }).outcome).toBe(
      'screened',
    );
  });
});

describe('decideScreeningOutcome: the Palermo Protocol definition', () => {
  it('presumes an adult a victim when act, means and purpose are all recorded', () => {
    const screening = screenAdult({ handed_over: 'yes', documents_retained: 'yes', sexual_services: 'yes' });
    expect(screening.result).toBe('presumed_victim');
    expect(screening.elementsEstablished).toEqual(['act', 'means', 'purpose']);
    expect(screening.indicators.means.map((indicator) => indicator.questionId)).toEqual([
      'documents_retained',
    ]);
    expect(screening.forms).toEqual(['sexual_exploitation']);
    expect(screening.explanation.en).toContain('Indicators of all three elements were recorded');
    expect(screening.explanation.ro).toContain('toate cele trei elemente');
    expect(recommendedNextStep(screening.result)).toBe('refer_to_nrm');
  });

  it('does not presume an adult a victim without means, but calls for a full assessment', () => {
    const screening = screenAdult({ handed_over: 'yes', sexual_services: 'yes' });
    expect(screening.result).toBe('possible_refer_for_full_assessment');
    expect(screening.possibleBecause).toEqual(['strong_purpose_indicator', 'two_elements']);
    expect(recommendedNextStep(screening.result)).toBe('full_assessment');
  });

  it('presumes a child a victim on act and purpose alone: means are not needed', () => {
    const screening = screenChild({ handed_over: 'yes', forced_begging: 'yes' });
    expect(screening.result).toBe('presumed_victim');
    expect(screening.screenedAs).toBe('child');
    expect(screening.indicators.means).toEqual([]);
    expect(screening.explanation.en).toContain('The person is a child: means are not needed.');
    expect(screening.explanation.ro).toContain('Persoana este copil: mijloacele nu sunt necesare.');
  });

  it('screens a person as a child when "Is the person under 18?" is answered "yes" on the adult set', () => {
    const screening = screenAdult({ under_18: 'yes', handed_over: 'yes', forced_begging: 'yes' });
    expect(screening.screenedAs).toBe('child');
    expect(screening.result).toBe('presumed_victim');
  });

  it('screens a person of unknown age as a child until their age is assessed', () => {
    const screening = screenAdult({ under_18: 'unsure', handed_over: 'yes', forced_begging: 'yes' });
    expect(screening.screenedAs).toBe('unknown_age');
    expect(screening.result).toBe('presumed_victim');
    expect(screening.explanation.en).toContain('screened as a child until their age is assessed');
  });

  it('establishes an element on two medium indicators, not on one', () => {
    const base = { handed_over: 'yes', documents_retained: 'yes' } as const;
    expect(screenAdult({ ...base, excessive_overtime: 'yes' }).result).toBe(
      'possible_refer_for_full_assessment',
    );
    expect(screenAdult({ ...base, excessive_overtime: 'yes', abusive_conditions: 'yes' }).result).toBe(
      'presumed_victim',
    );
  });

  it('calls for a full assessment on a strong indicator of exploitation alone', () => {
    const screening = screenAdult({ forced_criminality: 'yes' });
    expect(screening.result).toBe('possible_refer_for_full_assessment');
    expect(screening.possibleBecause).toEqual(['strong_purpose_indicator']);
  });

  it('calls for a full assessment when a child shows any sign of exploitation', () => {
    expect(screenChild({ unexplained_gifts: 'yes' }).possibleBecause).toEqual(['child_purpose_indicator']);
    expect(screenAdult({ under_18: 'unsure', documents_retained: 'yes' }).possibleBecause).toEqual([
      'child_strong_indicator',
    ]);
  });

  it('finds no indicators when none were recorded, and says that this does not rule trafficking out', () => {
    const screening = screenAdult({});
    expect(screening.result).toBe('no_indicators_found');
    expect(screening.explanation.en).toContain('This does not rule trafficking out');
    expect(recommendedNextStep(screening.result)).toBe('give_information_and_hotline');
  });

  it('finds no pattern of indicators on one medium indicator of one element for an adult', () => {
    const screening = screenAdult({ deceived: 'yes' });
    expect(screening.result).toBe('no_indicators_found');
    expect(screening.indicators.means).toHaveLength(1);
    expect(screening.explanation.en).toContain('Some indicators were recorded');
  });

  it('counts "not sure" towards a full assessment, never towards a presumption', () => {
    const screening = screenAdult({
      handed_over: 'unsure',
      documents_retained: 'unsure',
      sexual_services: 'unsure',
    });
    expect(screening.result).toBe('possible_refer_for_full_assessment');
    expect(screening.indicators.act[0]?.certainty).toBe('unsure');
    expect(screening.explanation.en).toContain('"not sure"');
  });

  it('records indicators carried by the options of a choice', () => {
    const set = QuestionnaireSet.parse({
      ...childScreeningSet,
      id: 'with_choice',
      sections: [
        ...childScreeningSet.sections,
        {
          id: 'place',
          title: { en: 'Place', ro: 'Loc' },
          questions: [
            {
              id: 'where_found',
              kind: 'choice',
              required: true,
              text: { en: 'Where was the child found?', ro: 'Unde a fost găsit copilul?' },
              options: [
                {
                  id: 'brothel',
                  text: { en: 'A brothel', ro: 'Un bordel' },
                  indicator: { element: 'purpose', strength: 'strong', form: 'sexual_exploitation' },
                },
                { id: 'street', text: { en: 'The street', ro: 'Strada' } },
              ],
            },
          ],
        },
      ],
    });
    const screening = screened(
      decideScreeningOutcome(set, answersFor(set, { where_found: 'brothel', handed_over: 'yes' })),
    );
    expect(screening.result).toBe('presumed_victim');
    expect(screening.indicators.purpose).toEqual([
      {
        questionId: 'where_found',
        optionId: 'brothel',
        element: 'purpose',
        strength: 'strong',
        form: 'sexual_exploitation',
        certainty: 'recorded',
      },
    ]);
  });
});

describe('decideScreeningOutcome: properties', () => {
  it('never requires a child to show means', () => {
    const anyChildScreening = fc.oneof(
      anyAnswersFor(childScreeningSet).map((answers) => ({ set: childScreeningSet, answers })),
      fc
        .constantFrom('yes', 'unsure')
        .chain((age) => anyAnswersFor(adultScreeningSet, { under_18: age }))
        .map((answers) => ({ set: adultScreeningSet, answers })),
    );
    fc.assert(
      fc.property(anyChildScreening, ({ set, answers }) => {
        const withoutMeans = replacing(answers, indicatorQuestions(set, 'means'), ['yes', 'unsure'], 'no');
        const presumed = (given: ScreeningAnswers) =>
          screened(decideScreeningOutcome(set, given)).result === 'presumed_victim';
        expect(presumed(withoutMeans)).toBe(presumed(answers));
      }),
    );
  });

  it('never lowers the outcome when an indicator is added or made certain', () => {
    fc.assert(
      fc.property(
        anyBuiltinScreening.chain(({ set, answers }) =>
          fc.record({
            set: fc.constant(set),
            answers: fc.constant(answers),
            questionId: fc.constantFrom(...indicatorQuestions(set)),
            raise: fc.constantFrom(
              { from: ['no'], to: 'yes' },
              { from: ['no'], to: 'unsure' },
              { from: ['unsure'], to: 'yes' },
            ),
          }),
        ),
        ({ set, answers, questionId, raise }) => {
          const before = screened(decideScreeningOutcome(set, answers));
          const after = screened(
            decideScreeningOutcome(set, replacing(answers, [questionId], raise.from, raise.to)),
          );
          expect(rank(after)).toBeGreaterThanOrEqual(rank(before));
        },
      ),
    );
  });

  it('never presumes a victim on "not sure" answers alone', () => {
    fc.assert(
      fc.property(anyBuiltinScreening, ({ set, answers }) => {
        const onlyUnsure = replacing(answers, indicatorQuestions(set), ['yes'], 'no');
        expect(screened(decideScreeningOutcome(set, onlyUnsure)).result).not.toBe('presumed_victim');
      }),
    );
  });

  it('never shows a score: the explanation has no digits and always says it is not an identification decision', () => {
    fc.assert(
      fc.property(anyBuiltinScreening, ({ set, answers }) => {
        const { explanation } = screened(decideScreeningOutcome(set, answers));
        expect(explanation.en).not.toMatch(/\d/);
        expect(explanation.ro).not.toMatch(/\d/);
        expect(explanation.en).toContain(notAnIdentificationDecision.en);
        expect(explanation.ro).toContain(notAnIdentificationDecision.ro);
      }),
    );
  });

  it('treats an unknown age exactly as a child', () => {
    fc.assert(
      fc.property(anyAnswersFor(adultScreeningSet, { under_18: 'unsure' }), (answers) => {
        const unknownAge = screened(decideScreeningOutcome(adultScreeningSet, answers));
        const child = screened(
          decideScreeningOutcome(adultScreeningSet, {
            ...answers,
            answers: { ...answers.answers, under_18: 'yes' },
          }),
        );
        expect(unknownAge.result).toBe(child.result);
      }),
    );
  });

  it('never changes the outcome of a screening recorded on an old version when a new one is published', () => {
    fc.assert(
      fc.property(
        anyBuiltinScreening.chain(({ set, answers }) =>
          anyRevisionOf(set).map((revision) => ({ set, answers, revision })),
        ),
        ({ set, answers, revision }) => {
          expect(QuestionnaireSet.safeParse(revision).success).toBe(true);
          const recorded = screened(decideScreeningOutcome(set, answers));
          const library = [set, revision];
          const again = decideRecordedScreening(library, { answers });
          expect(again).toEqual({ outcome: 'screened', screening: recorded });
          expect(decideScreeningOutcome(revision, answers)).toEqual({
            outcome: 'refuse',
            refusal: { kind: 'version-mismatch', expected: set.version + 1, given: set.version },
          });
        },
      ),
    );
  });
});
