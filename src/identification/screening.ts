import {
  type Element,
  elements,
  type Indicator,
  type LocalisedText,
  type Question,
  type QuestionnaireSet,
  questionsOf,
  type ScreenedForm,
  type Strength,
  screenedForms,
} from './questionnaire.js';

// The screening rule (decision 0015). A screening applies the Palermo Protocol definition to the
// answers of one questionnaire version: an adult needs indicators of the act, the means and the
// purpose; a child needs the act and the purpose, never the means. The result is a next step for
// the front-line worker, never a score and never an identification decision (UX §2.1). The
// system operates on a "presumption of trafficking" (002 l. 1260).

// --- Answers --------------------------------------------------------------------------------

export type YesNoUnsure = 'yes' | 'no' | 'unsure';
/** yes/no/unsure: the word; choice: an option id; multi: option ids; text: a string; number. */
export type AnswerValue = YesNoUnsure | string | readonly string[] | number;

/** The answers given on one version of one questionnaire set, by question id. */
export type ScreeningAnswers = {
  setId: string;
  setVersion: number;
  answers: Readonly<Record<string, AnswerValue>>;
};

export type ScreeningRefusal =
  | { kind: 'wrong-questionnaire'; expected: string; given: string }
  | { kind: 'version-mismatch'; expected: number; given: number }
  | { kind: 'unknown-question'; questionId: string }
  | { kind: 'invalid-answer'; questionId: string }
  | { kind: 'missing-required-answer'; questionId: string };
export type ScreeningRefusalKind = ScreeningRefusal['kind'];

// --- Outcome --------------------------------------------------------------------------------

/** From least to most: the order is the one `adding an indicator never lowers` relies on. */
export const screeningResults = [
  'no_indicators_found',
  'possible_refer_for_full_assessment',
  'presumed_victim',
] as const;
export type ScreeningResult = (typeof screeningResults)[number];

/** How the rule saw the person: an unknown age is screened as a child until assessed. */
export type ScreenedAs = 'adult' | 'child' | 'unknown_age';

/** One indicator an answer recorded; `unsure` when the answer was "not sure". */
export type RecordedIndicator = {
  questionId: string;
  optionId?: string;
  element: Element;
  strength: Strength;
  form?: ScreenedForm;
  certainty: 'recorded' | 'unsure';
};

/** Why a screening that falls short of a presumption still calls for a full assessment. */
export type PossibleReason =
  | 'strong_purpose_indicator'
  | 'two_elements'
  | 'child_purpose_indicator'
  | 'child_strong_indicator';

export type Screening = {
  setId: string;
  setVersion: number;
  result: ScreeningResult;
  screenedAs: ScreenedAs;
  /** The indicators that drove the result, grouped by element, in questionnaire order. */
  indicators: Readonly<Record<Element, readonly RecordedIndicator[]>>;
  /** The elements with enough certain indicators to count towards a presumption. */
  elementsEstablished: readonly Element[];
  possibleBecause: readonly PossibleReason[];
  /** Forms of exploitation the indicators point to, certain or not. */
  forms: readonly ScreenedForm[];
  explanation: LocalisedText;
};

export type ScreeningDecision =
  | { outcome: 'screened'; screening: Screening }
  | { outcome: 'refuse'; refusal: ScreeningRefusal };

export type NextStep = 'refer_to_nrm' | 'full_assessment' | 'give_information_and_hotline';

/** Shown under every outcome (UX §2.1). */
export const notAnIdentificationDecision: LocalisedText = {
  en: 'This is not an identification decision.',
  ro: 'Aceasta nu este o decizie de identificare.',
};

// --- The rule -------------------------------------------------------------------------------

/**
 * Validates the answers against the version of the set they were given on, then applies the
 * definition. The set passed must be the version the answers name: an outcome is only ever
 * computed against that version, so publishing a new one never changes an old screening.
 */
export function decideScreeningOutcome(set: QuestionnaireSet, given: ScreeningAnswers): ScreeningDecision {
  const refusal = findAnswerRefusal(set, given);
  if (refusal) return { outcome: 'refuse', refusal };

  const questions = questionsOf(set);
  const screenedAs = decideScreenedAs(set, given.answers);
  const recorded = questions.flatMap((question) => indicatorsOf(question, given.answers[question.id]));
  const indicators = {
    act: recorded.filter((indicator) => indicator.element === 'act'),
    means: recorded.filter((indicator) => indicator.element === 'means'),
    purpose: recorded.filter((indicator) => indicator.element === 'purpose'),
  };
  const asChild = screenedAs !== 'adult';
  const needed: readonly Element[] = asChild ? ['act', 'purpose'] : elements;
  const elementsEstablished = elements.filter((element) => isEstablished(indicators[element]));
  const touched = elements.filter((element) => indicators[element].length > 0);

  const presumed = needed.every((element) => elementsEstablished.includes(element));
  const possibleBecause: PossibleReason[] = [];
  if (indicators.purpose.some((indicator) => indicator.strength === 'strong'))
    possibleBecause.push('strong_purpose_indicator');
  if (touched.length >= 2) possibleBecause.push('two_elements');
  if (asChild && indicators.purpose.length > 0) possibleBecause.push('child_purpose_indicator');
  if (asChild && recorded.some((indicator) => indicator.strength === 'strong'))
    possibleBecause.push('child_strong_indicator');

  const result: ScreeningResult = presumed
    ? 'presumed_victim'
    : possibleBecause.length > 0
      ? 'possible_refer_for_full_assessment'
      : 'no_indicators_found';
  const forms = screenedForms.filter((form) => recorded.some((indicator) => indicator.form === form));

  return {
    outcome: 'screened',
    screening: {
      setId: set.id,
      setVersion: set.version,
      result,
      screenedAs,
      indicators,
      elementsEstablished,
      possibleBecause: presumed ? [] : possibleBecause,
      forms,
      explanation: explain({ result, screenedAs, needed, touched, possibleBecause, recorded }),
    },
  };
}

export function recommendedNextStep(result: ScreeningResult): NextStep {
  switch (result) {
    case 'presumed_victim':
      return 'refer_to_nrm';
    case 'possible_refer_for_full_assessment':
      return 'full_assessment';
    case 'no_indicators_found':
      return 'give_information_and_hotline';
  }
}

/**
 * An element counts towards a presumption when the answers recorded (not "unsure") one strong
 * indicator of it, or two medium ones. Weak indicators and unsure answers only ever count
 * towards a full assessment.
 */
export function isEstablished(indicators: readonly RecordedIndicator[]): boolean {
  const certain = indicators.filter((indicator) => indicator.certainty === 'recorded');
  return (
    certain.some((indicator) => indicator.strength === 'strong') ||
    certain.filter((indicator) => indicator.strength === 'medium').length >= 2
  );
}

/** Adults are screened as adults only when the answer to "Is the person under 18?" is "no". */
export function decideScreenedAs(set: QuestionnaireSet, answers: ScreeningAnswers['answers']): ScreenedAs {
  const ageAnswer = set.ageQuestionId === undefined ? undefined : answers[set.ageQuestionId];
  if (set.audience === 'child') return ageAnswer === 'unsure' ? 'unknown_age' : 'child';
  if (ageAnswer === 'no') return 'adult';
  if (ageAnswer === 'yes') return 'child';
  return 'unknown_age';
}

// --- Validation -----------------------------------------------------------------------------

function findAnswerRefusal(set: QuestionnaireSet, given: ScreeningAnswers): ScreeningRefusal | undefined {
  if (given.setId !== set.id) return { kind: 'wrong-questionnaire', expected: set.id, given: given.setId };
  if (given.setVersion !== set.version)
    return { kind: 'version-mismatch', expected: set.version, given: given.setVersion };
  const questions = questionsOf(set);
  const byId = new Map(questions.map((question) => [question.id, question]));
  for (const [questionId, answer] of Object.entries(given.answers)) {
    const question = byId.get(questionId);
    if (!question) return { kind: 'unknown-question', questionId };
    if (answer !== undefined && !isValidAnswer(question, answer))
      return { kind: 'invalid-answer', questionId };
  }
  for (const question of questions)
    if (question.required && given.answers[question.id] === undefined)
      return { kind: 'missing-required-answer', questionId: question.id };
  return undefined;
}

function isValidAnswer(question: Question, answer: AnswerValue): boolean {
  const optionIds = (question.options ?? []).map((option) => option.id);
  switch (question.kind) {
    case 'yes_no_unsure':
      return answer === 'yes' || answer === 'no' || answer === 'unsure';
    case 'choice':
      return typeof answer === 'string' && optionIds.includes(answer);
    case 'multi':
      return (
        Array.isArray(answer) &&
        new Set(answer).size === answer.length &&
        answer.every((chosen) => optionIds.includes(chosen))
      );
    case 'text':
      return typeof answer === 'string' && (!question.required || answer.trim() !== '');
    case 'number':
      return typeof answer === 'number' && Number.isFinite(answer) && answer >= 0;
  }
}

function indicatorsOf(question: Question, answer: AnswerValue | undefined): RecordedIndicator[] {
  const record = (indicator: Indicator, certainty: RecordedIndicator['certainty'], optionId?: string) => ({
    questionId: question.id,
    ...(optionId === undefined ? {} : { optionId }),
    ...indicator,
    certainty,
  });
  if (question.kind === 'yes_no_unsure' && question.indicator) {
    if (answer === 'yes') return [record(question.indicator, 'recorded')];
    if (answer === 'unsure') return [record(question.indicator, 'unsure')];
    return [];
  }
  const chosen = typeof answer === 'string' ? [answer] : Array.isArray(answer) ? answer : [];
  if (question.kind !== 'choice' && question.kind !== 'multi') return [];
  return (question.options ?? []).flatMap((option) =>
    option.indicator && chosen.includes(option.id) ? [record(option.indicator, 'recorded', option.id)] : [],
  );
}

// --- Explanation ----------------------------------------------------------------------------

const elementNames: Record<Element, LocalisedText> = {
  act: {
    en: 'the act (recruitment, transport, transfer, harbouring or receipt of the person)',
    ro: 'acțiunea (recrutarea, transportul, transferul, adăpostirea sau primirea persoanei)',
  },
  means: {
    en: 'the means (threats, force, deception, abuse of a position of vulnerability or other control)',
    ro: 'mijloacele (amenințări, forță, înșelăciune, abuz de o situație de vulnerabilitate sau alt control)',
  },
  purpose: { en: 'the purpose of exploitation', ro: 'scopul exploatării' },
};

function listOf(items: readonly Element[], language: keyof LocalisedText): string {
  const names = items.map((element) => elementNames[element][language]);
  const and = language === 'en' ? ' and ' : ' și ';
  return names.length <= 1 ? names.join('') : `${names.slice(0, -1).join(', ')}${and}${names.at(-1)}`;
}

function explain(facts: {
  result: ScreeningResult;
  screenedAs: ScreenedAs;
  needed: readonly Element[];
  touched: readonly Element[];
  possibleBecause: readonly PossibleReason[];
  recorded: readonly RecordedIndicator[];
}): LocalisedText {
  const sentences: LocalisedText[] = [];
  const say = (en: string, ro: string) => sentences.push({ en, ro });
  if (facts.screenedAs === 'child')
    say('The person is a child: means are not needed.', 'Persoana este copil: mijloacele nu sunt necesare.');
  if (facts.screenedAs === 'unknown_age')
    say(
      "The person's age is not known, so they are screened as a child until their age is assessed: means are not needed.",
      'Vârsta persoanei nu este cunoscută, așa că este tratată ca un copil până la evaluarea vârstei: mijloacele nu sunt necesare.',
    );

  if (facts.result === 'presumed_victim') {
    if (facts.needed.length === 3)
      say(
        `Indicators of all three elements were recorded: ${listOf(facts.needed, 'en')}.`,
        `Au fost înregistrați indicatori pentru toate cele trei elemente: ${listOf(facts.needed, 'ro')}.`,
      );
    else
      say(
        `Indicators of both elements needed for a child were recorded: ${listOf(facts.needed, 'en')}.`,
        `Au fost înregistrați indicatori pentru ambele elemente necesare în cazul unui copil: ${listOf(facts.needed, 'ro')}.`,
      );
    say(
      'The person should be treated as a presumed victim of trafficking, with access to all protection measures.',
      'Persoana trebuie tratată ca presupusă victimă a traficului de persoane, cu acces la toate măsurile de protecție.',
    );
  } else if (facts.result === 'possible_refer_for_full_assessment') {
    say(
      'Some indicators were recorded, but not enough to presume trafficking.',
      'Au fost înregistrați unii indicatori, dar nu suficienți pentru prezumția de trafic de persoane.',
    );
    for (const reason of facts.possibleBecause) {
      if (reason === 'strong_purpose_indicator')
        say(
          'A strong indicator of exploitation was recorded.',
          'A fost înregistrat un indicator puternic de exploatare.',
        );
      if (reason === 'two_elements')
        say(
          `Indicators of more than one element were recorded: ${listOf(facts.touched, 'en')}.`,
          `Au fost înregistrați indicatori pentru mai multe elemente: ${listOf(facts.touched, 'ro')}.`,
        );
      if (reason === 'child_purpose_indicator')
        say(
          'The person is screened as a child and an indicator of exploitation was recorded.',
          'Persoana este evaluată ca un copil și a fost înregistrat un indicator de exploatare.',
        );
      if (reason === 'child_strong_indicator')
        say(
          'The person is screened as a child and a strong indicator was recorded.',
          'Persoana este evaluată ca un copil și a fost înregistrat un indicator puternic.',
        );
    }
    say('A full assessment is recommended.', 'Se recomandă o evaluare completă.');
  } else if (facts.recorded.length > 0) {
    say(
      `Some indicators were recorded (${listOf(facts.touched, 'en')}), but not enough to call for a full assessment. This does not rule trafficking out: give information and the hotline number, and screen again if anything changes.`,
      `Au fost înregistrați unii indicatori (${listOf(facts.touched, 'ro')}), dar nu suficienți pentru o evaluare completă. Aceasta nu exclude traficul de persoane: oferiți informații și numărul liniei telefonice de urgență și repetați evaluarea dacă se schimbă ceva.`,
    );
  } else {
    say(
      'No indicators of trafficking were recorded. This does not rule trafficking out: give information and the hotline number.',
      'Nu au fost înregistrați indicatori de trafic de persoane. Aceasta nu exclude traficul de persoane: oferiți informații și numărul liniei telefonice de urgență.',
    );
  }
  if (facts.recorded.some((indicator) => indicator.certainty === 'unsure'))
    say(
      'Some answers were "not sure": they can call for a full assessment but never make a presumption on their own.',
      'Unele răspunsuri au fost „nu știu sigur”: ele pot justifica o evaluare completă, dar nu pot sta singure la baza unei prezumții.',
    );
  sentences.push(notAnIdentificationDecision);
  return {
    en: sentences.map((sentence) => sentence.en).join(' '),
    ro: sentences.map((sentence) => sentence.ro).join(' '),
  };
}
