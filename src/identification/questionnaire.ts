import { z } from 'zod';

// Screening questionnaires as versioned data. The ICMPD guidelines ask for "standardised
// questionnaires in order to facilitate the identification of trafficked persons" (002 l. 1274)
// and the Brussels Declaration for "a matrix of key trafficking indicators for use by front-line
// police and border personnel" (000 l. 145); the UN asks States to "develop, disseminate to
// practitioners and systematically use criteria for the identification of victims" (003 l. 598,
// 642). A set is never edited in place: a change is a new version, and a screening is always
// decided against the version it was answered on (decision 0015).

/** The three elements of the Palermo Protocol definition (art. 3). */
export const elements = ['act', 'means', 'purpose'] as const;
export type Element = (typeof elements)[number];

export const strengths = ['strong', 'medium', 'weak'] as const;
export type Strength = (typeof strengths)[number];

/**
 * The forms of exploitation a screening can point to. The values are those of the case
 * vocabulary (`src/cases/vocabulary.ts`, CTDC `typeOfExploit*`) so that a screening's forms become
 * a case's forms unchanged; a test checks that they stay a subset.
 */
export const screenedForms = [
  'sexual_exploitation',
  'forced_labour',
  'forced_begging',
  'forced_criminal_activity',
  'domestic_servitude',
  'forced_marriage',
] as const;
export type ScreenedForm = (typeof screenedForms)[number];

export const questionKinds = ['yes_no_unsure', 'choice', 'multi', 'text', 'number'] as const;
export type QuestionKind = (typeof questionKinds)[number];

export const audiences = ['adult', 'child'] as const;
export type Audience = (typeof audiences)[number];

const identifier = z
  .string()
  .regex(/^[a-z][a-z0-9_]*$/, 'Use lower-case letters, digits and underscores, starting with a letter');
const translation = z.string().trim().min(1, 'Give the text in this language');

/** Every text a worker or a person reads exists in English and in Romanian. */
export const LocalisedText = z.strictObject({ en: translation, ro: translation });
export type LocalisedText = z.infer<typeof LocalisedText>;

/** What an answer points to: one element of the definition, how strongly, and maybe a form. */
export const Indicator = z.strictObject({
  element: z.enum(elements),
  strength: z.enum(strengths),
  form: z.enum(screenedForms).optional(),
});
export type Indicator = z.infer<typeof Indicator>;

export const QuestionOption = z.strictObject({
  id: identifier,
  text: LocalisedText,
  /** Choosing this option records the indicator. */
  indicator: Indicator.optional(),
});
export type QuestionOption = z.infer<typeof QuestionOption>;

export const Question = z
  .strictObject({
    id: identifier,
    kind: z.enum(questionKinds),
    required: z.boolean(),
    text: LocalisedText,
    hint: LocalisedText.optional(),
    options: z.array(QuestionOption).min(2, 'Offer at least two options').optional(),
    /** For a yes/no/unsure question: "yes" records it, "unsure" records it as unsure. */
    indicator: Indicator.optional(),
  })
  .superRefine((question, context) => {
    const hasOptions = question.kind === 'choice' || question.kind === 'multi';
    if (hasOptions && !question.options)
      context.addIssue({ code: 'custom', path: ['options'], message: 'A choice question needs options' });
    if (!hasOptions && question.options)
      context.addIssue({ code: 'custom', path: ['options'], message: 'Only choice questions have options' });
    if (question.indicator && question.kind !== 'yes_no_unsure')
      context.addIssue({
        code: 'custom',
        path: ['indicator'],
        message: 'Only a yes/no/unsure question carries an indicator; put it on the options of a choice',
      });
    const optionIds = (question.options ?? []).map((option) => option.id);
    for (const id of duplicates(optionIds))
      context.addIssue({ code: 'custom', path: ['options'], message: `Option id "${id}" is used twice` });
  });
export type Question = z.infer<typeof Question>;

export const QuestionnaireSection = z.strictObject({
  id: identifier,
  title: LocalisedText,
  questions: z.array(Question).min(1, 'A section has at least one question'),
});
export type QuestionnaireSection = z.infer<typeof QuestionnaireSection>;

export const QuestionnaireSet = z
  .strictObject({
    id: identifier,
    version: z.number().int().min(1),
    audience: z.enum(audiences),
    title: LocalisedText,
    /**
     * The yes/no/unsure question "Is the person under 18?". Any answer but "no" screens the person
     * as a child (an unknown age is presumed a child until assessed, DESIGN §2). Required for a
     * set for adults; a set for children screens every person as a child.
     */
    ageQuestionId: identifier.optional(),
    sections: z.array(QuestionnaireSection).min(1, 'A set has at least one section'),
  })
  .superRefine((set, context) => {
    for (const id of duplicates(set.sections.map((section) => section.id)))
      context.addIssue({ code: 'custom', path: ['sections'], message: `Section id "${id}" is used twice` });
    const questions = set.sections.flatMap((section) => section.questions);
    for (const id of duplicates(questions.map((question) => question.id)))
      context.addIssue({ code: 'custom', path: ['sections'], message: `Question id "${id}" is used twice` });
    if (set.audience === 'adult' && set.ageQuestionId === undefined)
      context.addIssue({
        code: 'custom',
        path: ['ageQuestionId'],
        message: 'A set for adults asks whether the person is under 18',
      });
    if (set.ageQuestionId !== undefined) {
      const ageQuestion = questions.find((question) => question.id === set.ageQuestionId);
      if (ageQuestion?.kind !== 'yes_no_unsure' || ageQuestion.indicator)
        context.addIssue({
          code: 'custom',
          path: ['ageQuestionId'],
          message: 'The age question is a yes/no/unsure question of this set without an indicator',
        });
    }
  });
export type QuestionnaireSet = z.infer<typeof QuestionnaireSet>;

/** Every question of a set, in order. */
export function questionsOf(set: QuestionnaireSet): readonly Question[] {
  return set.sections.flatMap((section) => section.questions);
}

/** The version of a set a screening was answered on, from all the versions ever published. */
export function findQuestionnaireVersion(
  library: readonly QuestionnaireSet[],
  setId: string,
  version: number,
): QuestionnaireSet | undefined {
  return library.find((set) => set.id === setId && set.version === version);
}

function duplicates(ids: readonly string[]): string[] {
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const id of ids) (seen.has(id) ? twice : seen).add(id);
  return [...twice];
}
