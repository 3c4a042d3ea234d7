import type { FastifyPluginAsync } from 'fastify';
import type { CaseSettings } from '../cases/index.js';
import type { MigrationSource } from '../db/migrations.js';
import type { Platform } from '../platform.js';
import { identificationRoutes } from './identification.routes.js';
import { seedBuiltinSets } from './identification.store.js';

// The public face of identification: screening questionnaires, the screening rule, anonymous
// intake, contact points and the statistics hook (decisions 0015, 0022).

export { isReachableAt, type OpeningHours } from './contact-point.js';
export { addDemoIdentification } from './demo.js';
export { identificationStatistics } from './identification.routes.js';
export { type IdentificationCounts, timeInCountryBands } from './identification-statistics.js';
export { identificationActions, identificationConditions } from './permissions.js';

export const identificationMigrations: MigrationSource = {
  capability: 'identification',
  directory: new URL('./migrations', import.meta.url).pathname,
};

export const identificationPlugin: FastifyPluginAsync<{
  platform: Platform;
  settings: CaseSettings;
}> = async (app, options) => {
  // The built-in sets are stored like any other version; seeding is idempotent.
  await seedBuiltinSets(options.platform.db, options.platform.clock.now());
  await app.register(identificationRoutes, options);
};

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
