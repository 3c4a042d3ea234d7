import type { Database } from '../db/database.js';
import { addDays, type IsoDate } from '../kernel/dates.js';
import type { Identity } from '../persons/index.js';
import type { Keyring } from '../security/keyring.js';
import type { CaseEvent, CaseEventOf } from './case-events.js';
import { appendDecidedRun } from './case-file.store.js';
import { decideCaseOpening, openCaseFile } from './case-opening.js';
import type { CaseSettings } from './case-settings.js';

// Synthetic cases for the demo and the benches (`palermo demo --cases N`): people in every stage of
// the referral mechanism, every one of them run through the state machine, so the demo never shows
// a case the rules would refuse. Names are made up from syllables; no real person is described.

export type DemoCaseOrganisations = {
  /** Organisations that open and own cases (police, NGOs, social services …). */
  owners: readonly { id: string; userId: string }[];
  shelterIds: readonly string[];
  /** Accommodation suited to children (default: `shelterIds`, which must then all suit children). */
  childShelterIds?: readonly string[];
  ngoIds: readonly string[];
};

/** A small deterministic generator, so the same seed gives the same country. */
function randomFrom(seed: number) {
  let state = seed >>> 0 || 1;
  const next = () => {
    state ^= state << 13;
    state ^= state >>> 17;
    state ^= state << 5;
    return (state >>> 0) / 4294967296;
  };
  return {
    next,
    int: (below: number) => Math.floor(next() * below),
    pick: <T>(values: readonly T[]): T => values[Math.floor(next() * values.length)]!,
  };
}

const syllables = ['an', 'da', 'mi', 'ko', 'le', 'va', 'ri', 'so', 'te', 'na', 'bo', 'ze', 'lu', 'ka', 'ir'];
const citizenships = ['MDA', 'UKR', 'ROU', 'BGR', 'NGA', 'VNM', 'ALB', 'SRB'];
const forms = ['sexual_exploitation', 'forced_labour', 'forced_begging', 'forced_criminal_activity'] as const;

/** How far along a case goes: each step is appended only if the previous ones were accepted. */
const depths = [1, 2, 3, 4, 5, 6, 7] as const;

function scriptFor(
  random: ReturnType<typeof randomFrom>,
  organisations: DemoCaseOrganisations,
  owner: { id: string },
  child: boolean,
  start: IsoDate,
): CaseEvent[] {
  const shelter = random.pick(
    child ? (organisations.childShelterIds ?? organisations.shelterIds) : organisations.shelterIds,
  );
  const ngo = random.pick(organisations.ngoIds);
  const on = (days: number) => addDays(start, days);
  const identified: CaseEventOf<'identified'> = {
    type: 'identified',
    occurredOn: start,
    channel: random.pick([
      'police',
      'border',
      'hotline',
      'outreach',
      'labour_inspection',
      'self_referral',
    ] as const),
    identifyingOrganisationId: owner.id,
    selfIdentified: random.next() < 0.1,
    isChild: child,
    scope: random.pick(['internal', 'transnational'] as const),
    formsOfExploitation: [random.pick(forms)],
    meansOfControl: [],
    recruiterRelation: 'unknown',
  };
  const common: CaseEvent[] = [
    identified,
    ...(child
      ? ([
          { type: 'guardian_appointed', occurredOn: on(1), guardianOrganisationId: owner.id },
          {
            type: 'best_interests_determined',
            occurredOn: on(3),
            determiningOrganisationId: owner.id,
            recommendedSolution: 'social_inclusion',
          },
        ] as CaseEvent[])
      : []),
    { type: 'reflection_granted', occurredOn: on(4) },
    {
      type: 'service_started',
      occurredOn: on(5),
      serviceKind: 'safe_accommodation',
      providerOrganisationId: shelter,
    },
    {
      type: 'support_plan_agreed',
      occurredOn: on(10),
      agreedWithPerson: true,
      services: ['safe_accommodation'],
    },
    {
      type: 'risk_assessed',
      occurredOn: on(12),
      reason: 'initial',
      outcome: random.pick(['low', 'medium', 'high'] as const),
      familyMembersAtRisk: false,
      assessingOrganisationId: owner.id,
    },
    {
      type: 'service_started',
      occurredOn: on(14),
      serviceKind: 'legal_assistance',
      providerOrganisationId: ngo,
    },
    {
      type: 'risk_assessed',
      occurredOn: on(60),
      reason: 'before_return',
      outcome: 'return_safe',
      familyMembersAtRisk: false,
      assessingOrganisationId: owner.id,
    },
    ...(child
      ? ([{ type: 'inclusion_started', occurredOn: on(70), providerOrganisationId: owner.id }] as CaseEvent[])
      : ([
          {
            type: 'return_decided',
            occurredOn: on(70),
            returnKind: 'voluntary',
            destinationCountry: 'MD',
            assistingOrganisationId: ngo,
          },
        ] as CaseEvent[])),
    {
      type: 'service_ended',
      occurredOn: on(75),
      serviceKind: 'safe_accommodation',
      providerOrganisationId: shelter,
      reason: 'completed',
    },
    {
      type: 'follow_up_done',
      occurredOn: on(440),
      employment: 'in_training',
      socialNetwork: 'supportive',
      reTrafficking: 'none_known',
    },
    { type: 'closed', occurredOn: on(445), reason: 'durable_solution_achieved' },
  ];
  return common;
}

function anIdentity(random: ReturnType<typeof randomFrom>, child: boolean, today: IsoDate): Identity {
  const word = (parts: number) => {
    let text = '';
    for (let index = 0; index < parts; index++) text += random.pick(syllables);
    return text.charAt(0).toUpperCase() + text.slice(1);
  };
  const age = child ? 12 + random.int(6) : 18 + random.int(30);
  return {
    fullName: `${word(2)} ${word(3)}`,
    sex: random.pick(['female', 'male'] as const),
    dateOfBirth: { year: Number(today.slice(0, 4)) - age },
    citizenship: random.pick(citizenships),
  };
}

/**
 * Opens `count` synthetic cases spread over every stage, in transactions of `batchSize`. Returns
 * how many cases were opened and events appended. Progress goes to `onProgress` after each batch.
 */
export async function seedDemoCases(
  db: Database,
  keyring: Keyring,
  settings: CaseSettings,
  options: {
    count: number;
    organisations: DemoCaseOrganisations;
    at: Date;
    today: IsoDate;
    seed?: number;
    batchSize?: number;
    onProgress?: (opened: number) => void;
  },
): Promise<{ cases: number; events: number }> {
  const random = randomFrom(options.seed ?? 20261123);
  const batchSize = options.batchSize ?? 200;
  let opened = 0;
  let events = 0;
  while (opened < options.count) {
    const inBatch = Math.min(batchSize, options.count - opened);
    await db.transaction(async (tx) => {
      for (let index = 0; index < inBatch; index++) {
        const owner = random.pick(options.organisations.owners);
        const child = random.next() < 0.25;
        const start = addDays(options.today, -(20 + random.int(700)));
        const script = scriptFor(random, options.organisations, owner, child, start);
        const depth = random.pick(depths) * 2 + random.int(2);
        const [identified, ...rest] = script as [CaseEventOf<'identified'>, ...CaseEvent[]];
        if (decideCaseOpening(identified, settings, options.today).outcome !== 'open') continue;
        const recorded = { recordedBy: owner.userId, recordedByOrganisationId: owner.id, at: options.at };
        const openedCase = await openCaseFile(tx, keyring, {
          identity: anIdentity(random, child, options.today),
          identified,
          ...recorded,
          ownerOrganisationId: owner.id,
          today: options.today,
          settings,
        });
        events += 1;
        events += await appendDecidedRun(tx, {
          caseId: openedCase.caseFile.id,
          ownerOrganisationId: owner.id,
          state: openedCase.state,
          events: rest.slice(0, depth).filter((event) => event.occurredOn <= options.today),
          ...recorded,
          today: options.today,
          settings,
          eventCount: 1,
        });
      }
    });
    opened += inBatch;
    options.onProgress?.(opened);
  }
  return { cases: opened, events };
}

/**
 * The demo's tracing stories, told with names that look real (all invented): a child the border
 * police identified whom two countries' missing-person reports describe (tracing/register/seed.ts
 * files them after this), and one woman whom the police and two NGOs each registered under
 * another spelling — the same person three times in the statistics until the duplicates are
 * confirmed. Opened through the state machine like every demo case.
 */
const storyCases: { ownerIndex: number; child: boolean; daysAgo: number; identity: Identity }[] = [
  {
    ownerIndex: 2,
    child: true,
    daysAgo: 30,
    identity: {
      fullName: 'Oleksandra Demchenko',
      sex: 'female',
      dateOfBirth: { year: 2011, month: 4, day: 12 },
      citizenship: 'UKR',
    },
  },
  {
    ownerIndex: 1,
    child: false,
    daysAgo: 90,
    identity: {
      fullName: 'Nadejda Rusu',
      sex: 'female',
      dateOfBirth: { year: 1996, month: 3, day: 8 },
      citizenship: 'MDA',
    },
  },
  {
    ownerIndex: 0,
    child: false,
    daysAgo: 75,
    identity: { fullName: 'Надежда Русу', sex: 'female', dateOfBirth: { year: 1996 }, citizenship: 'MDA' },
  },
  {
    ownerIndex: 0,
    child: false,
    daysAgo: 60,
    identity: {
      fullName: 'Nadezhda Russu',
      sex: 'female',
      dateOfBirth: { year: 1996, month: 8, day: 3 },
      citizenship: 'MDA',
    },
  },
];

/** Opens the story cases (`storyCases`) once, on a freshly loaded demo. Returns how many. */
export async function seedDemoStoryCases(
  db: Database,
  keyring: Keyring,
  settings: CaseSettings,
  options: { organisations: DemoCaseOrganisations; at: Date; today: IsoDate },
): Promise<number> {
  const random = randomFrom(7);
  return db.transaction(async (tx) => {
    let opened = 0;
    for (const story of storyCases) {
      const owner = options.organisations.owners[story.ownerIndex % options.organisations.owners.length]!;
      const start = addDays(options.today, -story.daysAgo);
      const [identified] = scriptFor(random, options.organisations, owner, story.child, start) as [
        CaseEventOf<'identified'>,
      ];
      if (decideCaseOpening(identified, settings, options.today).outcome !== 'open') continue;
      await openCaseFile(tx, keyring, {
        identity: story.identity,
        identified,
        recordedBy: owner.userId,
        recordedByOrganisationId: owner.id,
        at: options.at,
        ownerOrganisationId: owner.id,
        today: options.today,
        settings,
      });
      opened += 1;
    }
    return opened;
  });
}
