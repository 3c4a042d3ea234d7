import { describe, expect, it } from 'vitest';
import { formsOfExploitation, identificationChannels } from '../cases/vocabulary.js';
import { adultScreeningSet, builtinQuestionnaireSets, childScreeningSet } from './builtin-sets.js';
import { intakeChannels } from './intake.js';
import {
  elements,
  findQuestionnaireVersion,
  type LocalisedText,
  QuestionnaireSet,
  questionsOf,
  screenedForms,
} from './questionnaire.js';

const aMinimalSet = (overrides: Record<string, unknown> = {}) => ({
  id: 'minimal',
  version: 1,
  audience: 'child',
  title: { en: 'Minimal', ro: 'Minim' },
  sections: [
    {
      id: 'only',
      title: { en: 'Only', ro: 'Singura' },
      questions: [
        {
          id: 'works',
          kind: 'yes_no_unsure',
          required: true,
          text: { en: 'Does the child work?', ro: 'Muncește copilul?' },
          indicator: { element: 'purpose', strength: 'medium', form: 'forced_labour' },
        },
      ],
    },
  ],
  ...overrides,
});
const withQuestions = (...questions: Record<string, unknown>[]) =>
  aMinimalSet({ sections: [{ id: 'only', title: { en: 'Only', ro: 'Singura' }, questions }] });
const aQuestion = (overrides: Record<string, unknown> = {}) => ({
  id: 'works',
  kind: 'yes_no_unsure',
  required: true,
  text: { en: 'Does the child work?', ro: 'Muncește copilul?' },
  ...overrides,
});
const options = [
  { id: 'farm', text: { en: 'Farm', ro: 'Fermă' } },
  { id: 'street', text: { en: 'Street', ro: 'Stradă' } },
];

function textsOf(set: QuestionnaireSet): LocalisedText[] {
  return [
    set.title,
    ...set.sections.flatMap((section) => [
      section.title,
      ...section.questions.flatMap((question) => [
        question.text,
        ...(question.hint ? [question.hint] : []),
        ...(question.options ?? []).map((option) => option.text),
      ]),
    ]),
  ];
}

describe('QuestionnaireSet', () => {
  it('accepts a well-formed set', () => {
    expect(QuestionnaireSet.safeParse(aMinimalSet()).success).toBe(true);
  });

  it.each([
    ['a question id used twice', withQuestions(aQuestion(), aQuestion())],
    [
      'a section id used twice',
      aMinimalSet({
        sections: [
          { id: 'only', title: { en: 'A', ro: 'A' }, questions: [aQuestion({ id: 'one' })] },
          { id: 'only', title: { en: 'B', ro: 'B' }, questions: [aQuestion({ id: 'two' })] },
        ],
      }),
    ],
    ['options on a yes/no question', withQuestions(aQuestion({ options }))],
    ['options on a number question', withQuestions(aQuestion({ kind: 'number', options }))],
    ['a choice question without options', withQuestions(aQuestion({ kind: 'choice' }))],
    [
      'an option id used twice',
      withQuestions(aQuestion({ kind: 'multi', options: [options[0], options[0]] })),
    ],
    ['a missing Romanian text', withQuestions(aQuestion({ text: { en: 'Does the child work?' } }))],
    ['an empty English text', withQuestions(aQuestion({ text: { en: '  ', ro: 'Muncește copilul?' } }))],
    ['a missing Romanian hint', withQuestions(aQuestion({ hint: { en: 'One line.' } }))],
    ['a third language the platform does not know', aMinimalSet({ title: { en: 'M', ro: 'M', fr: 'M' } })],
    [
      'an indicator on a text question',
      withQuestions(aQuestion({ kind: 'text', indicator: { element: 'act', strength: 'weak' } })),
    ],
    ['an unknown key', withQuestions(aQuestion({ score: 3 }))],
    ['a version that is not a whole number', aMinimalSet({ version: 1.5 })],
    ['a set for adults that does not ask the age', aMinimalSet({ audience: 'adult' })],
    ['an age question that is not in the set', aMinimalSet({ ageQuestionId: 'under_18' })],
  ])('refuses %s', (_what, candidate) => {
    expect(QuestionnaireSet.safeParse(candidate).success).toBe(false);
  });
});

describe('built-in questionnaire sets', () => {
  it.each(builtinQuestionnaireSets.map((set) => [set.id, set] as const))('%s parses', (_id, set) => {
    expect(QuestionnaireSet.parse(set)).toEqual(set);
  });

  it.each(builtinQuestionnaireSets.map((set) => [set.id, set] as const))(
    '%s has every text in English and Romanian, with Romanian comma-below letters',
    (_id, set) => {
      for (const text of textsOf(set)) {
        expect(text.en.trim()).not.toBe('');
        expect(text.ro.trim()).not.toBe('');
        expect(text.ro).not.toMatch(/[şţŞŢ]/); // cedilla forms are not Romanian
      }
      for (const question of questionsOf(set)) expect(question.text.ro).not.toBe(question.text.en);
    },
  );

  it.each(builtinQuestionnaireSets.map((set) => [set.id, set] as const))(
    '%s uses every id once and stays focused (20 to 30 questions)',
    (_id, set) => {
      const ids = questionsOf(set).map((question) => question.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.length).toBeGreaterThanOrEqual(20);
      expect(ids.length).toBeLessThanOrEqual(30);
    },
  );

  it.each(builtinQuestionnaireSets.map((set) => [set.id, set] as const))(
    '%s has indicators of all three elements and of every form it screens for',
    (_id, set) => {
      const indicators = questionsOf(set).flatMap((question) =>
        question.indicator ? [question.indicator] : [],
      );
      for (const element of elements)
        expect(indicators.some((indicator) => indicator.element === element)).toBe(true);
      for (const form of screenedForms)
        expect(indicators.some((indicator) => indicator.form === form)).toBe(true);
    },
  );

  it('asks about the ILO indicators of forced labour in the set for adults', () => {
    const ids = questionsOf(adultScreeningSet).map((question) => question.id);
    expect(ids).toEqual(
      expect.arrayContaining([
        'vulnerability_abused',
        'deceived',
        'movement_restricted',
        'isolated',
        'violence',
        'threatened',
        'documents_retained',
        'wages_withheld',
        'debt_bondage',
        'abusive_conditions',
        'excessive_overtime',
      ]),
    );
  });

  it('has no free-text questions, so an anonymous intake cannot collect a name', () => {
    for (const set of builtinQuestionnaireSets)
      expect(questionsOf(set).filter((question) => question.kind === 'text')).toEqual([]);
  });

  it('asks adults whether they are under 18; the set for children needs no such question', () => {
    expect(adultScreeningSet.ageQuestionId).toBe('under_18');
    expect(childScreeningSet.ageQuestionId).toBeUndefined();
  });

  it('finds a set by id and version', () => {
    expect(findQuestionnaireVersion(builtinQuestionnaireSets, 'adult_screening', 1)).toBe(adultScreeningSet);
    expect(findQuestionnaireVersion(builtinQuestionnaireSets, 'adult_screening', 2)).toBeUndefined();
  });
});

describe('the words identification shares with cases', () => {
  it('screens only for forms of exploitation a case can record', () => {
    for (const form of screenedForms) expect(formsOfExploitation).toContain(form);
  });

  it('takes intakes through exactly the identification channels of a case', () => {
    expect([...intakeChannels]).toEqual([...identificationChannels]);
  });
});
