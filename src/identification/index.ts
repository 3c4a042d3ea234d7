// The public face of identification: screening questionnaires, the screening rule and anonymous
// intake (decision 0013). Pure rules only so far; no plugin, store or routes yet.

export { adultScreeningSet, builtinQuestionnaireSets, childScreeningSet } from './builtin-sets.js';
export type {
  AnonymousIntake,
  CaseOpening,
  ConversionBasis,
  IntakeChannel,
  IntakeConversionDecision,
  IntakeConversionRefusal,
  IntakeConversionRequest,
  IntakeScreeningDecision,
  IntakeScreeningRefusal,
  RecordedScreening,
} from './intake.js';
export {
  AnonymousIntakeRequest,
  decideIntakeConversion,
  decideIntakeScreening,
  decideRecordedScreening,
  intakeChannels,
} from './intake.js';
export type { Element, Indicator, LocalisedText, ScreenedForm, Strength } from './questionnaire.js';
export { findQuestionnaireVersion, QuestionnaireSet, questionsOf } from './questionnaire.js';
export type {
  AnswerValue,
  NextStep,
  RecordedIndicator,
  ScreenedAs,
  Screening,
  ScreeningAnswers,
  ScreeningDecision,
  ScreeningRefusal,
  ScreeningResult,
} from './screening.js';
export { decideScreeningOutcome, notAnIdentificationDecision, recommendedNextStep } from './screening.js';
