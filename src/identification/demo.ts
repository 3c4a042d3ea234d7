import type { Database } from '../db/database.js';
import { addDays, type IsoDate } from '../kernel/dates.js';
import { newId } from '../kernel/ids.js';
import { adultScreeningSet, childScreeningSet } from './builtin-sets.js';
import type { OpeningHours } from './contact-point.js';
import {
  appendScreening,
  insertContactPoint,
  insertIntake,
  seedBuiltinSets,
} from './identification.store.js';
import { decideIntakeScreening, type IntakeChannel } from './intake.js';
import { type QuestionnaireSet, questionsOf } from './questionnaire.js';

// Demo identification data for Valdavia: contact points (some 24/7, some public) and a few dozen
// anonymous intakes across channels with screenings. Synthetic throughout; no personal data.

type DemoOrganisation = { id: string };

const weekdaysOnly = (opens: string, closes: string): OpeningHours[] =>
  (['mon', 'tue', 'wed', 'thu', 'fri'] as const).map((day) => ({ day, opens, closes }));

/** Answers every required question "no", then "yes" to the named ones. */
function answersTo(set: QuestionnaireSet, yes: readonly string[], extra: Record<string, string> = {}) {
  const answers: Record<string, string> = {};
  for (const question of questionsOf(set))
    if (question.required && question.kind === 'yes_no_unsure') answers[question.id] = 'no';
  for (const id of yes) answers[id] = 'yes';
  return { setId: set.id, setVersion: set.version, answers: { ...answers, ...extra } };
}

const patterns = [
  { set: childScreeningSet, yes: ['with_unrelated_adult', 'forced_begging'] },
  { set: childScreeningSet, yes: ['travel_arranged_by_others', 'works_for_others'] },
  {
    set: adultScreeningSet,
    yes: ['recruited_with_offer', 'handed_over', 'documents_retained', 'cannot_leave_work'],
  },
  {
    set: adultScreeningSet,
    yes: ['travel_arranged_by_others', 'deceived', 'wages_withheld', 'abusive_conditions'],
  },
  { set: adultScreeningSet, yes: ['handed_over', 'threatened', 'sexual_services'] },
  { set: adultScreeningSet, yes: ['excessive_overtime'] },
  { set: adultScreeningSet, yes: [] },
] as const;

const channels: IntakeChannel[] = [
  'hotline',
  'outreach',
  'drop_in_centre',
  'police',
  'border',
  'labour_inspection',
  'health_service',
  'self_referral',
  'other',
];

/** Adds the demo's contact points and intakes; `organisations` maps the demo's keys to organisations. */
export async function addDemoIdentification(
  db: Database,
  organisations: ReadonlyMap<string, DemoOrganisation>,
  at: Date,
  today: IsoDate = at.toISOString().slice(0, 10),
): Promise<void> {
  await seedBuiltinSets(db, at);
  const idOf = (key: string) => organisations.get(key)?.id;
  const contactPoints = [
    {
      key: 'hotline',
      name: 'National hotline 0800 800 800',
      phone: '0800 800 800',
      alwaysOpen: true,
      public: true,
      languages: ['ro', 'en', 'ru', 'uk'],
    },
    {
      key: 'police',
      name: 'Anti-trafficking duty officer',
      phone: '+000 21 000 0112',
      alwaysOpen: true,
      public: false,
      languages: ['ro', 'en'],
    },
    {
      key: 'border',
      name: 'Border crossing duty desk',
      phone: '+000 21 000 0200',
      alwaysOpen: true,
      public: false,
      languages: ['ro', 'en', 'uk'],
    },
    {
      key: 'ngo',
      name: 'Pathways drop-in centre',
      phone: '+000 21 000 0300',
      alwaysOpen: false,
      public: true,
      languages: ['ro', 'en'],
      weeklyHours: weekdaysOnly('09:00', '18:00'),
    },
    {
      key: 'ngo-south',
      name: 'Safe Harbour night outreach',
      phone: '+000 21 000 0400',
      alwaysOpen: false,
      public: true,
      languages: ['ro', 'ru'],
      weeklyHours: (['fri', 'sat'] as const).map((day) => ({ day, opens: '20:00', closes: '04:00' })),
    },
    {
      key: 'labour',
      name: 'Labour inspection reporting line',
      phone: '+000 21 000 0500',
      alwaysOpen: false,
      public: true,
      languages: ['ro'],
      weeklyHours: weekdaysOnly('08:00', '16:00'),
    },
    {
      key: 'child',
      name: 'Child protection on-call worker',
      phone: '+000 21 000 0600',
      alwaysOpen: true,
      public: false,
      languages: ['ro'],
    },
  ];
  await db.transaction(async (tx) => {
    for (const point of contactPoints) {
      const organisationId = idOf(point.key);
      if (!organisationId) continue;
      await insertContactPoint(
        tx,
        {
          id: newId(),
          organisationId,
          name: point.name,
          phone: point.phone,
          email: null,
          languages: point.languages,
          alwaysOpen: point.alwaysOpen,
          weeklyHours: point.weeklyHours ?? [],
          public: point.public,
        },
        at,
      );
    }
    const receivers: Record<IntakeChannel, string> = {
      hotline: 'hotline',
      outreach: 'ngo-south',
      drop_in_centre: 'ngo',
      police: 'police',
      border: 'border',
      labour_inspection: 'labour',
      health_service: 'health',
      self_referral: 'ngo',
      other: 'social',
    };
    for (let index = 0; index < 36; index++) {
      const channel = channels[index % channels.length]!;
      const receivingOrganisationId = idOf(receivers[channel]);
      if (!receivingOrganisationId) continue;
      const id = newId();
      const receivedOn = addDays(today, -((index * 5) % 170) - 1);
      await insertIntake(
        tx,
        {
          id,
          channel,
          receivingOrganisationId,
          receivedOn,
          selfIdentified: channel === 'self_referral' || index % 11 === 0,
          monthsInCountry: index % 4 === 0 ? null : (index * 7) % 60,
          recordedBy: 'demo',
        },
        at,
      );
      if (index % 9 === 8) continue; // a few intakes wait for their screening
      const pattern = patterns[index % patterns.length]!;
      const extra: Record<string, string> = pattern.set === adultScreeningSet ? { under_18: 'no' } : {};
      const decision = decideIntakeScreening(
        { id, channel, receivingOrganisationId, receivedOn, screenings: [], conversion: null },
        pattern.set,
        answersTo(pattern.set, pattern.yes, extra),
        receivedOn,
      );
      if (decision.outcome === 'record') await appendScreening(tx, id, decision.screening, 'demo', at);
    }
  });
}
