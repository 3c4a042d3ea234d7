import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, type IsoDate } from '../kernel/dates.js';
import { defaultCaseSettings } from './case-settings.js';
import { type Deadline, type DeadlineKind, deadlinesOf, statusOn } from './deadlines.js';
import { emptyCaseState, permitInForce } from './lifecycle.js';
import {
  aChildIdentified,
  anEvent,
  anEventOnDay,
  anyCaseHistory,
  aPersonOfUnknownAgeIdentified,
  aPresumedVictimCase,
  type CaseSituation,
  IDENTIFIED_ON,
  organisations,
  referralIds,
} from './test-builders.js';

const settings = defaultCaseSettings;
const day = (days: number): IsoDate => addDays(IDENTIFIED_ON, days);

const deadlinesOn = (situation: CaseSituation, today: IsoDate = situation.today) =>
  deadlinesOf(situation.state, situation.settings, today);
const ofKind = (deadlines: readonly Deadline[], kind: DeadlineKind) =>
  deadlines.filter((deadline) => deadline.kind === kind);

/** A case whose first risk assessment is done, so that only the deadline under test is new. */
const anAssessedCase = (overrides: NonNullable<Parameters<typeof aPresumedVictimCase>[0]> = {}) =>
  aPresumedVictimCase({
    ...overrides,
    followedBy: [anEvent('risk_assessed'), ...(overrides.followedBy ?? [])],
  });

describe('deadlinesOf', () => {
  it('a case not yet identified, or closed, has no deadlines', () => {
    expect(deadlinesOf(emptyCaseState, settings, IDENTIFIED_ON)).toEqual([]);
    const closed = aPresumedVictimCase({
      identified: aChildIdentified(),
      followedBy: [anEventOnDay(1, 'reflection_granted'), anEventOnDay(2, 'closed')],
    });
    expect(deadlinesOn(closed)).toEqual([]);
  });

  it('a new adult case needs its first risk assessment on the identification day (000 l. 159)', () => {
    expect(deadlinesOn(aPresumedVictimCase(), IDENTIFIED_ON)).toEqual([
      {
        kind: 'risk_reassessment_due',
        about: '',
        dueOn: IDENTIFIED_ON,
        status: 'due_soon',
        reason: expect.stringContaining('No risk assessment yet'),
        organisationId: null,
      },
    ]);
  });

  it('lists deadlines earliest first', () => {
    const busy = anAssessedCase({
      followedBy: [anEventOnDay(1, 'reflection_granted'), anEventOnDay(2, 'referral_sent')],
    });
    const dueOns = deadlinesOn(busy, day(3)).map((deadline) => deadline.dueOn);
    expect(dueOns).toEqual([...dueOns].sort());
  });
});

describe('statusOn', () => {
  it('is overdue from the day after dueOn, due soon within dueSoonDays (14), later otherwise', () => {
    expect(statusOn('2025-05-31', '2025-06-01', settings)).toBe('overdue');
    expect(statusOn('2025-05-31', '2025-05-31', settings)).toBe('due_soon');
    expect(statusOn('2025-05-31', '2025-05-17', settings)).toBe('due_soon');
    expect(statusOn('2025-05-31', '2025-05-16', settings)).toBe('later');
  });
});

describe('reflection_ends and referral_after_reflection_due (002 l. 1317)', () => {
  const reflecting = anAssessedCase({ followedBy: [anEvent('reflection_granted')] });

  it('a running reflection period is due to end on its endsOn, and stays overdue until its end is recorded', () => {
    const [ends] = ofKind(deadlinesOn(reflecting, day(10)), 'reflection_ends');
    expect(ends).toMatchObject({ dueOn: '2025-05-31', status: 'later' });
    expect(ofKind(deadlinesOn(reflecting, '2025-06-15'), 'reflection_ends')[0]?.status).toBe('overdue');
  });

  it('granting reflection obliges a referral within referralAfterReflectionDays (7)', () => {
    expect(ofKind(deadlinesOn(reflecting, day(1)), 'referral_after_reflection_due')).toEqual([
      expect.objectContaining({ dueOn: day(7), status: 'due_soon' }),
    ]);
  });

  it('a referral sent on or after the reflection start meets the obligation; a declined one does not', () => {
    const referred = anAssessedCase({
      followedBy: [anEvent('reflection_granted'), anEventOnDay(2, 'referral_sent')],
    });
    expect(ofKind(deadlinesOn(referred, day(3)), 'referral_after_reflection_due')).toEqual([]);
    const declined = anAssessedCase({
      followedBy: [
        anEvent('reflection_granted'),
        anEventOnDay(2, 'referral_sent'),
        anEventOnDay(3, 'referral_declined'),
      ],
    });
    expect(ofKind(deadlinesOn(declined, day(9)), 'referral_after_reflection_due')).toEqual([
      expect.objectContaining({ dueOn: day(7), status: 'overdue' }),
    ]);
  });
});

describe('referral_response_due', () => {
  it('each referral awaiting an answer is due referralResponseDays (5) after it was sent, for the receiving organisation', () => {
    const sent = anAssessedCase({
      followedBy: [
        anEventOnDay(1, 'referral_sent'),
        anEventOnDay(2, 'referral_sent', { referralId: referralIds[1] }),
      ],
    });
    expect(ofKind(deadlinesOn(sent, day(2)), 'referral_response_due')).toEqual([
      expect.objectContaining({
        about: referralIds[0],
        dueOn: day(6),
        organisationId: organisations.shelter,
      }),
      expect.objectContaining({
        about: referralIds[1],
        dueOn: day(7),
        organisationId: organisations.shelter,
      }),
    ]);
  });

  it('an accepted referral is no longer awaiting an answer', () => {
    const answered = anAssessedCase({
      followedBy: [anEventOnDay(1, 'referral_sent'), anEventOnDay(2, 'referral_accepted')],
    });
    expect(ofKind(deadlinesOn(answered, day(2)), 'referral_response_due')).toEqual([]);
  });
});

describe('permit_expires', () => {
  it('a permit in force expires on its validUntil; renewal moves the deadline; a recorded expiry ends it', () => {
    const permitted = anAssessedCase({ followedBy: [anEvent('permit_granted')], today: day(400) });
    expect(ofKind(deadlinesOn(permitted, day(10)), 'permit_expires')).toEqual([
      expect.objectContaining({ dueOn: day(364), status: 'later' }),
    ]);
    const renewed = anAssessedCase({
      followedBy: [anEvent('permit_granted'), anEventOnDay(350, 'permit_renewed', { validUntil: day(729) })],
      today: day(400),
    });
    expect(ofKind(deadlinesOn(renewed, day(360)), 'permit_expires')[0]?.dueOn).toBe(day(729));
    const expired = anAssessedCase({
      followedBy: [anEvent('permit_granted'), anEventOnDay(365, 'permit_expired')],
      today: day(400),
    });
    expect(ofKind(deadlinesOn(expired, day(366)), 'permit_expires')).toEqual([]);
  });

  it("a witness's permit with validUntil null has no expiry while the proceedings run, and expires the day they end", () => {
    const witness = [
      anEventOnDay(5, 'became_witness'),
      anEventOnDay(5, 'risk_assessed', { reason: 'witness' }),
      anEventOnDay(6, 'permit_granted', { permitKind: 'witness', validUntil: null }),
      anEventOnDay(30, 'proceedings_stage', { stage: 'trial' }),
    ] as const;
    const duringTrial = aPresumedVictimCase({ followedBy: witness });
    expect(ofKind(deadlinesOn(duringTrial, day(40)), 'permit_expires')).toEqual([]);
    const judged = aPresumedVictimCase({
      followedBy: [...witness, anEventOnDay(200, 'proceedings_stage', { stage: 'final_judgment' })],
    });
    expect(ofKind(deadlinesOn(judged, day(201)), 'permit_expires')).toEqual([
      expect.objectContaining({ dueOn: day(200), status: 'overdue' }),
    ]);
  });
});

describe('risk_reassessment_due (000 l. 159, 169, 173)', () => {
  it('is due riskReassessmentDays (90) after the latest assessment', () => {
    const assessed = aPresumedVictimCase({ followedBy: [anEventOnDay(10, 'risk_assessed')] });
    expect(ofKind(deadlinesOn(assessed, day(11)), 'risk_reassessment_due')).toEqual([
      expect.objectContaining({ dueOn: day(100), status: 'later' }),
    ]);
  });

  it('is due on the day the person became a witness, until a new assessment is made', () => {
    const witness = aPresumedVictimCase({
      followedBy: [anEventOnDay(10, 'risk_assessed'), anEventOnDay(20, 'became_witness')],
    });
    expect(ofKind(deadlinesOn(witness, day(21)), 'risk_reassessment_due')).toEqual([
      expect.objectContaining({
        dueOn: day(20),
        status: 'overdue',
        reason: expect.stringContaining('witness'),
      }),
    ]);
    const reassessed = aPresumedVictimCase({
      followedBy: [
        anEventOnDay(10, 'risk_assessed'),
        anEventOnDay(20, 'became_witness'),
        anEventOnDay(21, 'risk_assessed', { reason: 'witness' }),
      ],
    });
    expect(ofKind(deadlinesOn(reassessed, day(22)), 'risk_reassessment_due')[0]?.dueOn).toBe(day(111));
  });

  it('is due on the day the defendant was released (002 l. 1628)', () => {
    const released = aPresumedVictimCase({
      followedBy: [
        anEventOnDay(10, 'risk_assessed'),
        anEventOnDay(30, 'proceedings_stage', { defendantReleased: true }),
      ],
    });
    expect(ofKind(deadlinesOn(released, day(30)), 'risk_reassessment_due')).toEqual([
      expect.objectContaining({ dueOn: day(30), reason: expect.stringContaining('defendant') }),
    ]);
  });

  it('says that a finding of safe return no longer holds after a change, before any return (000 l. 173)', () => {
    const staleSafe = aPresumedVictimCase({
      followedBy: [
        anEventOnDay(10, 'risk_assessed', { reason: 'before_return', outcome: 'return_safe' }),
        anEventOnDay(12, 'family_member_linked', { atRiskInHomeCountry: true }),
      ],
    });
    expect(ofKind(deadlinesOn(staleSafe, day(13)), 'risk_reassessment_due')).toEqual([
      expect.objectContaining({
        dueOn: day(12),
        reason: expect.stringContaining('return is safe no longer holds'),
      }),
    ]);
  });
});

describe('follow_up_due', () => {
  it('is due followUpAfterMonths (12) after the durable solution began, until a follow-up is done', () => {
    const included = anAssessedCase({
      followedBy: [anEventOnDay(100, 'inclusion_started')],
      today: day(500),
    });
    expect(ofKind(deadlinesOn(included, day(101)), 'follow_up_due')).toEqual([
      expect.objectContaining({ dueOn: '2026-06-11', status: 'later' }),
    ]);
    const followedUp = anAssessedCase({
      followedBy: [anEventOnDay(100, 'inclusion_started'), anEventOnDay(465, 'follow_up_done')],
      today: day(500),
    });
    expect(ofKind(deadlinesOn(followedUp, day(466)), 'follow_up_due')).toEqual([]);
  });
});

describe('guardian_missing and best_interests_missing', () => {
  it('a child without a guardian is overdue from the day after identification; the determination is due bestInterestsDeterminationDays (30) later', () => {
    const child = aPresumedVictimCase({
      identified: aChildIdentified(),
      followedBy: [anEvent('risk_assessed')],
    });
    expect(
      deadlinesOn(child, day(1)).filter((deadline) => deadline.kind !== 'risk_reassessment_due'),
    ).toEqual([
      expect.objectContaining({ kind: 'guardian_missing', dueOn: IDENTIFIED_ON, status: 'overdue' }),
      expect.objectContaining({ kind: 'best_interests_missing', dueOn: day(30), status: 'later' }),
    ]);
  });

  it('a person of unknown age has the same deadlines until an age assessment finds an adult', () => {
    const unknown = aPresumedVictimCase({ identified: aPersonOfUnknownAgeIdentified() });
    expect(ofKind(deadlinesOn(unknown), 'guardian_missing')).toHaveLength(1);
    const adult = aPresumedVictimCase({
      identified: aPersonOfUnknownAgeIdentified(),
      followedBy: [anEventOnDay(3, 'age_assessed', { isChild: false })],
    });
    expect(ofKind(deadlinesOn(adult), 'guardian_missing')).toEqual([]);
    expect(ofKind(deadlinesOn(adult), 'best_interests_missing')).toEqual([]);
  });

  it('appointing a guardian and recording the determination meet both deadlines', () => {
    const safeguarded = aPresumedVictimCase({
      identified: aChildIdentified(),
      followedBy: [anEventOnDay(1, 'guardian_appointed'), anEventOnDay(20, 'best_interests_determined')],
    });
    const kinds = deadlinesOn(safeguarded).map((deadline) => deadline.kind);
    expect(kinds).not.toContain('guardian_missing');
    expect(kinds).not.toContain('best_interests_missing');
  });
});

describe('nothing is silently missed', () => {
  const anyHistoryAndDay = anyCaseHistory().chain((history) =>
    fc.integer({ min: -30, max: 400 }).map((offset) => ({ history, today: addDays(history.today, offset) })),
  );
  const open = (history: { state: { closed: unknown } }) => history.state.closed === null;

  it('every running reflection period of an open case yields exactly one reflection_ends deadline, on its endsOn', () => {
    fc.assert(
      fc.property(anyHistoryAndDay, ({ history, today }) => {
        const ends = ofKind(deadlinesOf(history.state, settings, today), 'reflection_ends');
        const running = open(history) && history.state.reflection?.status === 'running';
        expect(ends).toHaveLength(running ? 1 : 0);
        if (running) expect(ends[0]?.dueOn).toBe(history.state.reflection?.endsOn);
      }),
      { numRuns: 300 },
    );
  });

  it('a presumed child without a guardian in an open case always yields guardian_missing', () => {
    fc.assert(
      fc.property(anyHistoryAndDay, ({ history, today }) => {
        const missing = ofKind(deadlinesOf(history.state, settings, today), 'guardian_missing');
        const expected =
          open(history) && history.state.child.presumedChild && history.state.child.guardian === null;
        expect(missing).toHaveLength(expected ? 1 : 0);
      }),
      { numRuns: 300 },
    );
  });

  it('an open case always has exactly one risk_reassessment_due', () => {
    fc.assert(
      fc.property(anyHistoryAndDay, ({ history, today }) => {
        const due = ofKind(deadlinesOf(history.state, settings, today), 'risk_reassessment_due');
        expect(due).toHaveLength(open(history) ? 1 : 0);
      }),
      { numRuns: 300 },
    );
  });

  it('every referral awaiting an answer yields one referral_response_due about it; a permit in force with an end date yields permit_expires', () => {
    fc.assert(
      fc.property(anyHistoryAndDay, ({ history, today }) => {
        if (!open(history)) return;
        const deadlines = deadlinesOf(history.state, settings, today);
        const awaiting = history.state.referrals.filter((referral) => referral.status === 'sent');
        expect(
          ofKind(deadlines, 'referral_response_due')
            .map((deadline) => deadline.about)
            .sort(),
        ).toEqual(awaiting.map((referral) => referral.referralId).sort());
        const permit = permitInForce(history.state);
        if (permit?.validUntil)
          expect(ofKind(deadlines, 'permit_expires')).toEqual([
            expect.objectContaining({ dueOn: permit.validUntil }),
          ]);
      }),
      { numRuns: 300 },
    );
  });

  it('a deadline is overdue exactly when its dueOn is before today, and one kind and subject appear once', () => {
    fc.assert(
      fc.property(anyHistoryAndDay, ({ history, today }) => {
        const deadlines = deadlinesOf(history.state, settings, today);
        for (const deadline of deadlines) expect(deadline.status === 'overdue').toBe(deadline.dueOn < today);
        const keys = deadlines.map((deadline) => `${deadline.kind}/${deadline.about}`);
        expect(new Set(keys).size).toBe(keys.length);
      }),
      { numRuns: 300 },
    );
  });
});
