import { randomBytes } from 'node:crypto';
import { seedDemoCases, seedDemoStoryCases } from './cases/demo-cases.js';
import type { Database } from './db/database.js';
import { sql } from './db/sql.js';
import type { DeploymentSettings } from './deployment.js';
import {
  insertOrganisation,
  listOrganisations,
  type Organisation,
  type OrganisationKind,
} from './directory/index.js';
import { addDemoIdentification } from './identification/index.js';
import { calendarDateIn, type IsoDate } from './kernel/dates.js';
import { newId } from './kernel/ids.js';
import { countUserAccounts, findUserAccountByEmail, insertUserAccount } from './security/accounts.store.js';
import type { Keyring } from './security/keyring.js';
import { hashPassword } from './security/passwords.js';
import { type Role, roles } from './security/roles.js';
import { seedDuplicateCandidates, seedMissingPersonReports } from './tracing/index.js';

// The demo dataset for the fictional Republic of Valdavia: organisations of every kind across
// its regions and one user per role. Synthetic throughout; later capabilities extend it.

type DemoOrganisation = {
  key: string;
  name: string;
  kind: OrganisationKind;
  region: string;
  available24x7?: boolean;
  accommodationPlaces?: number;
  accommodatesChildren?: boolean;
};

const demoOrganisations: DemoOrganisation[] = [
  { key: 'ministry', name: 'Ministry of Internal Affairs', kind: 'ministry', region: 'capital' },
  {
    key: 'labour-ministry',
    name: 'Ministry of Labour and Social Protection',
    kind: 'ministry',
    region: 'capital',
  },
  {
    key: 'nco',
    name: 'Office of the National Co-ordinator against Trafficking',
    kind: 'national_coordinator_office',
    region: 'capital',
  },
  {
    key: 'rapporteur',
    name: 'National Rapporteur on Trafficking in Human Beings',
    kind: 'national_rapporteur',
    region: 'capital',
  },
  {
    key: 'police',
    name: 'Anti-Trafficking Police Directorate',
    kind: 'police',
    region: 'capital',
    available24x7: true,
  },
  {
    key: 'police-north',
    name: 'Regional Police Inspectorate North',
    kind: 'police',
    region: 'north',
    available24x7: true,
  },
  {
    key: 'border',
    name: 'Border Police, Danube Sector',
    kind: 'border_police',
    region: 'south-east',
    available24x7: true,
  },
  {
    key: 'prosecution',
    name: 'Directorate for Investigating Organised Crime',
    kind: 'prosecution',
    region: 'capital',
  },
  { key: 'court', name: 'Capital Tribunal', kind: 'court', region: 'capital' },
  { key: 'labour', name: 'Labour Inspectorate West', kind: 'labour_inspectorate', region: 'west' },
  { key: 'social', name: 'Social Assistance Directorate Centre', kind: 'social_services', region: 'centre' },
  {
    key: 'child',
    name: 'Child Protection Authority North-East',
    kind: 'child_protection_authority',
    region: 'north-east',
    available24x7: true,
  },
  {
    key: 'health',
    name: 'Capital Emergency Hospital',
    kind: 'health_service',
    region: 'capital',
    available24x7: true,
  },
  { key: 'ngo', name: 'Pathways Association', kind: 'ngo', region: 'capital' },
  { key: 'ngo-south', name: 'Safe Harbour Foundation', kind: 'ngo', region: 'south' },
  {
    key: 'shelter',
    name: 'Linden House Shelter',
    kind: 'shelter',
    region: 'west',
    available24x7: true,
    accommodationPlaces: 24,
  },
  {
    key: 'child-shelter',
    name: "Willow Children's Shelter",
    kind: 'shelter',
    region: 'north-east',
    available24x7: true,
    accommodationPlaces: 12,
    accommodatesChildren: true,
  },
  {
    key: 'hotline',
    name: 'National Anti-Trafficking Hotline',
    kind: 'hotline',
    region: 'capital',
    available24x7: true,
  },
  {
    key: 'io',
    name: 'International Organisation for Migration, country office',
    kind: 'international_organisation',
    region: 'capital',
  },
  { key: 'other', name: 'Valdavian Bar Association, legal aid panel', kind: 'other', region: 'centre' },
];

// Which organisation each demo role works in.
const homeOf: Record<Role, string> = {
  system_administrator: 'nco',
  national_coordinator: 'nco',
  national_rapporteur: 'rapporteur',
  case_worker: 'ngo',
  frontline_identifier: 'border',
  shelter_staff: 'shelter',
  police_investigator: 'police',
  prosecutor: 'prosecution',
  labour_inspector: 'labour',
  data_protection_officer: 'ministry',
  restricted_notice_officer: 'police',
  auditor: 'ministry',
};

const demoNames: Record<Role, string> = {
  system_administrator: 'Ilinca Demo-Admin',
  national_coordinator: 'Radu Demo-Coordinator',
  national_rapporteur: 'Maria Demo-Rapporteur',
  case_worker: 'Ana Demo-Caseworker',
  frontline_identifier: 'Victor Demo-Border',
  shelter_staff: 'Elena Demo-Shelter',
  police_investigator: 'Mihai Demo-Police',
  prosecutor: 'Ioana Demo-Prosecutor',
  labour_inspector: 'Dan Demo-Inspector',
  data_protection_officer: 'Sorina Demo-DPO',
  restricted_notice_officer: 'Paul Demo-Notices',
  auditor: 'Irina Demo-Auditor',
};

export const demoEmail = (role: Role) => `${role.replace(/_/g, '.')}@demo.palermo.example`;

export type DemoOutcome = {
  loaded: boolean;
  password: string | null;
  organisations: number;
  users: number;
  cases: number;
};

/** Loads the demo dataset into an empty installation; does nothing where users already exist. */
export async function loadDemo(
  db: Database,
  settings: DeploymentSettings,
  /** `keyring`: to seal the demo's encrypted records (missing-person reports); without it they are left out. */
  options: { password?: string; at: Date; keyring?: Keyring; cases?: number },
): Promise<DemoOutcome> {
  if ((await countUserAccounts(db)) > 0)
    return { loaded: false, password: null, organisations: 0, users: 0, cases: 0 };
  const password = options.password || randomBytes(12).toString('base64url');
  const passwordHash = await hashPassword(password);
  const regions = new Set(settings.regions.map((region) => region.code));
  const existing = new Map(
    (await listOrganisations(db, sql.true)).map((organisation) => [organisation.name, organisation]),
  );
  const byKey = new Map<string, Organisation>();
  await db.transaction(async (tx) => {
    for (const demo of demoOrganisations) {
      const region = regions.has(demo.region) ? demo.region : settings.regions[0]!.code;
      const organisation =
        existing.get(demo.name) ??
        (await insertOrganisation(
          tx,
          {
            id: newId(),
            name: demo.name,
            kind: demo.kind,
            region,
            contactPoint: {
              phone: '+000 21 000 0000',
              email: `contact@${demo.key}.demo.palermo.example`,
              hours: demo.available24x7 ? '24/7' : 'Mon-Fri 08:00-16:00',
            },
            available24x7: demo.available24x7 ?? false,
            accommodationPlaces: demo.accommodationPlaces ?? null,
            accommodatesChildren: demo.accommodatesChildren ?? false,
          },
          options.at,
        ))!;
      byKey.set(demo.key, organisation);
    }
    for (const role of roles)
      await insertUserAccount(tx, {
        id: newId(),
        organisationId: byKey.get(homeOf[role])!.id,
        email: demoEmail(role),
        displayName: demoNames[role],
        roles: [role],
        passwordHash,
        at: options.at,
      });
  });
  await addDemoIdentification(db, byKey, options.at);
  const cases =
    options.keyring && (options.cases ?? DEMO_CASES) > 0
      ? await addDemoCases(db, options.keyring, settings, {
          count: options.cases ?? DEMO_CASES,
          at: options.at,
          today: calendarDateIn(options.at, 'UTC'),
          stories: true,
        })
      : 0;
  // After the cases, so that the reports' candidate search finds the story child's case, and the
  // first de-duplication run the story woman's three registrations.
  if (options.keyring) {
    const today = options.at.toISOString().slice(0, 10);
    await seedMissingPersonReports(db, options.keyring, {
      ownerOrganisationId: byKey.get('police')!.id,
      reportedBy: 'demo',
      today,
      at: options.at,
    });
    await seedDuplicateCandidates(db, options.keyring, { today, at: options.at });
  }
  return { loaded: true, password, organisations: demoOrganisations.length, users: roles.length, cases };
}

/** Synthetic cases the demo opens in every stage; `palermo demo --cases N` adds more. */
export const DEMO_CASES = 200;

/**
 * Adds `count` synthetic cases to an installation holding the demo organisations and users, owned
 * by the demo NGO, police and border police, housed in the demo shelters. Returns how many.
 */
export async function addDemoCases(
  db: Database,
  keyring: Keyring,
  settings: DeploymentSettings,
  options: {
    count: number;
    at: Date;
    today: IsoDate;
    /** Also open the tracing stories' cases (`seedDemoStoryCases`): on first load only. */
    stories?: boolean;
    onProgress?: (opened: number) => void;
  },
): Promise<number> {
  const organisationIds = new Map(
    (await listOrganisations(db, sql.true)).map((organisation) => [organisation.name, organisation.id]),
  );
  const idOf = (key: string) => {
    const demo = demoOrganisations.find((entry) => entry.key === key)!;
    const id = organisationIds.get(demo.name);
    if (!id) throw new Error(`the demo organisation ${demo.name} is missing: load the demo first`);
    return id;
  };
  const owners = [];
  for (const role of ['case_worker', 'police_investigator', 'frontline_identifier'] as const) {
    const user = await findUserAccountByEmail(db, demoEmail(role));
    if (!user) throw new Error(`the demo user ${demoEmail(role)} is missing: load the demo first`);
    owners.push({ id: idOf(homeOf[role]), userId: user.id });
  }
  const organisations = {
    owners,
    shelterIds: [idOf('shelter'), idOf('child-shelter')],
    childShelterIds: [idOf('child-shelter')],
    ngoIds: [idOf('ngo'), idOf('ngo-south')],
  };
  const seeded = await seedDemoCases(db, keyring, settings.cases, {
    count: options.count,
    organisations,
    at: options.at,
    today: options.today,
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  });
  const stories = options.stories
    ? await seedDemoStoryCases(db, keyring, settings.cases, {
        organisations,
        at: options.at,
        today: options.today,
      })
    : 0;
  return seeded.cases + stories;
}
