import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { adultScreeningSet, builtinQuestionnaireSets } from './builtin-sets.js';
import {
  type AnonymousIntake,
  AnonymousIntakeRequest,
  decideIntakeConversion,
  decideIntakeScreening,
  decideRecordedScreening,
  type IntakeConversionRequest,
} from './intake.js';
import {
  anAdultsAnswers,
  anIntake,
  anyBuiltinScreening,
  aRecordedScreening,
  organisations,
  SCREENED_ON,
} from './test-builders.js';

const CONVERTED_ON = '2026-03-04';
const CASE_ID = '9a0f7a5e-1f3d-4d8e-b1a2-3c4d5e6f7a80';
const aConversionRequest = (overrides: Partial<IntakeConversionRequest> = {}): IntakeConversionRequest => ({
  basis: 'screening',
  identifyingOrganisationId: organisations.outreachNgo,
  selfIdentified: false,
  convertedOn: CONVERTED_ON,
  ...overrides,
});
const convertedIntake = () =>
  anIntake({
    screenings: [aRecordedScreening()],
    conversion: { convertedOn: CONVERTED_ON, caseId: CASE_ID },
  });

describe('AnonymousIntake', () => {
  it('cannot carry a name or any other identity field', () => {
    const intake: AnonymousIntake = anIntake();
    // @ts-expect-error an anonymous intake has no name
    const named: AnonymousIntake = { ...intake, name: 'Ana' };
    // @ts-expect-error nor a date of birth
    const born: AnonymousIntake = { ...intake, dateOfBirth: '2009-01-01' };
    expect([named, born]).toHaveLength(2);
  });
});

describe('AnonymousIntakeRequest', () => {
  const request = {
    channel: 'hotline',
    receivingOrganisationId: organisations.outreachNgo,
    receivedOn: '2026-03-02',
  };

  it('accepts where the contact came from, and nothing about the person', () => {
    expect(AnonymousIntakeRequest.safeParse(request).success).toBe(true);
  });

  it.each([['name'], ['dateOfBirth'], ['phone'], ['nationality']])(
    'refuses a request that carries %s',
    (key) => {
      expect(AnonymousIntakeRequest.safeParse({ ...request, [key]: 'x' }).success).toBe(false);
    },
  );

  it('refuses a channel the mechanism does not know', () => {
    expect(AnonymousIntakeRequest.safeParse({ ...request, channel: 'drop_in' }).success).toBe(false);
  });
});

describe('decideIntakeScreening', () => {
  it('records a screening with its version and result', () => {
    const answers = anAdultsAnswers({ handed_over: 'yes', threatened: 'yes', forced_begging: 'yes' });
    expect(decideIntakeScreening(anIntake(), adultScreeningSet, answers, SCREENED_ON)).toEqual({
      outcome: 'record',
      screening: {
        screenedOn: SCREENED_ON,
        answers,
        result: 'presumed_victim',
        screenedAs: 'adult',
        forms: ['forced_begging'],
      },
    });
  });

  it('refuses to screen on an intake that is already a case', () => {
    expect(
      decideIntakeScreening(convertedIntake(), adultScreeningSet, anAdultsAnswers(), SCREENED_ON),
    ).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'already-converted', caseId: CASE_ID },
    });
  });

  it('passes on the refusal of answers that do not fit the questionnaire', () => {
    const answers = { ...anAdultsAnswers(), setVersion: 7 };
    expect(decideIntakeScreening(anIntake(), adultScreeningSet, answers, SCREENED_ON)).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'version-mismatch', expected: 1, given: 7 },
    });
  });
});

describe('decideRecordedScreening', () => {
  it('refuses a screening answered on a version no longer known', () => {
    expect(
      decideRecordedScreening(builtinQuestionnaireSets, { answers: { ...anAdultsAnswers(), setVersion: 9 } }),
    ).toEqual({ outcome: 'refuse', refusal: { kind: 'unknown-questionnaire-version' } });
  });
});

describe('decideIntakeConversion', () => {
  it('opens a case from an intake whose latest screening found a presumption, keeping every screening', () => {
    const earlier = aRecordedScreening({
      screenedOn: '2026-03-02',
      result: 'possible_refer_for_full_assessment',
    });
    const latest = aRecordedScreening({
      screenedOn: SCREENED_ON,
      forms: ['forced_labour', 'domestic_servitude'],
    });
    const intake = anIntake({ channel: 'labour_inspection', screenings: [earlier, latest] });
    expect(decideIntakeConversion(intake, aConversionRequest())).toEqual({
      outcome: 'convert',
      caseOpening: {
        intakeId: intake.id,
        identifiedOn: CONVERTED_ON,
        channel: 'labour_inspection',
        identifyingOrganisationId: organisations.outreachNgo,
        selfIdentified: false,
        isChild: false,
        formsOfExploitation: ['forced_labour', 'domestic_servitude'],
        basis: 'screening',
        screeningHistory: [earlier, latest],
      },
    });
  });

  it('refuses to convert an intake twice', () => {
    expect(decideIntakeConversion(convertedIntake(), aConversionRequest())).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'already-converted', caseId: CASE_ID },
    });
  });

  it('refuses to convert an intake nobody has screened', () => {
    expect(
      decideIntakeConversion(anIntake(), aConversionRequest({ basis: 'professional_judgement' })),
    ).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'no-screening-recorded' },
    });
  });

  it('refuses to convert on the screening when the latest screening found no presumption yet', () => {
    const intake = anIntake({
      screenings: [
        aRecordedScreening(),
        aRecordedScreening({ result: 'possible_refer_for_full_assessment' }),
      ],
    });
    expect(decideIntakeConversion(intake, aConversionRequest())).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'no-presumption-yet', latestResult: 'possible_refer_for_full_assessment' },
    });
  });

  it('lets a trained identifier open a case on professional judgement, and says so on the case', () => {
    const intake = anIntake({ screenings: [aRecordedScreening({ result: 'no_indicators_found' })] });
    const decision = decideIntakeConversion(intake, aConversionRequest({ basis: 'professional_judgement' }));
    expect(decision.outcome === 'convert' && decision.caseOpening.basis).toBe('professional_judgement');
  });

  it('opens the case of a person of unknown age as presumed child (isChild null)', () => {
    const intake = anIntake({ screenings: [aRecordedScreening({ screenedAs: 'unknown_age' })] });
    const decision = decideIntakeConversion(intake, aConversionRequest());
    expect(decision.outcome === 'convert' && decision.caseOpening.isChild).toBeNull();
  });

  it('never converts on the screening unless the latest screening presumed a victim', () => {
    fc.assert(
      fc.property(anyBuiltinScreening, ({ set, answers }) => {
        const recorded = decideIntakeScreening(anIntake(), set, answers, SCREENED_ON);
        if (recorded.outcome !== 'record') throw new Error('a valid screening was refused');
        const decision = decideIntakeConversion(
          anIntake({ screenings: [recorded.screening] }),
          aConversionRequest(),
        );
        expect(decision.outcome === 'convert').toBe(recorded.screening.result === 'presumed_victim');
        if (decision.outcome === 'convert')
          expect(decision.caseOpening.screeningHistory).toEqual([recorded.screening]);
      }),
    );
  });
});
