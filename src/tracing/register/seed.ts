import type { Database } from '../../db/database.js';
import { addDays, type IsoDate } from '../../kernel/dates.js';
import type { Keyring } from '../../security/keyring.js';
import { searchCandidates } from './candidate-search.store.js';
import { isTreatedAsChild, type TracingBasis } from './missing-person-report.js';
import type { MissingPersonDetails } from './missing-person-report.schema.js';
import { countReports, insertReport } from './missing-person-report.store.js';

// Demo missing-person reports for the fictional Valdavia. Synthetic throughout: invented names, in
// pairs written the way two agencies of two countries would write them (Cyrillic and Latin, several
// transliterations, a swapped date), so the review queue has something to show. Reports are also
// searched against the demo's cases, when the demo has any.

type DemoReport = {
  daysAgo: number;
  isChild: boolean | null;
  unaccompaniedOrSeparated: boolean;
  reportingCountry: string;
  tracingBasis: TracingBasis;
  legalBasisReference?: string;
  person: MissingPersonDetails;
};

const demoReports: DemoReport[] = [
  {
    daysAgo: 40,
    isChild: true,
    unaccompaniedOrSeparated: true,
    reportingCountry: 'UKR',
    tracingBasis: 'consent_of_guardian',
    person: {
      givenName: 'Олександра',
      familyName: 'Демченко',
      givenNameLatin: 'Oleksandra',
      familyNameLatin: 'Demchenko',
      sex: 'female',
      dateOfBirth: { year: 2011, month: 4, day: 12 },
      citizenship: 'UKR',
      placeOfBirth: 'Vynnytsia',
      languages: ['Ukrainian', 'Russian'],
      lastSeenPlace: 'Bus station, border crossing north',
      circumstances: 'Travelled with an adult who is not a relative (synthetic demo report).',
    },
  },
  {
    daysAgo: 12,
    isChild: true,
    unaccompaniedOrSeparated: true,
    reportingCountry: 'ROU',
    tracingBasis: 'legal_basis',
    legalBasisReference: 'Valdavian Child Protection Act, art. 14 (demo)',
    person: {
      givenName: 'Aleksandra',
      familyName: 'Demczenko',
      sex: 'female',
      dateOfBirth: { year: 2011, month: 12, day: 4 },
      citizenship: 'UKR',
      languages: ['Ukrainian'],
      lastSeenPlace: 'Shelter, capital region',
    },
  },
  {
    daysAgo: 30,
    isChild: false,
    unaccompaniedOrSeparated: false,
    reportingCountry: 'MDA',
    tracingBasis: 'consent_of_person',
    person: {
      givenName: 'Ionela',
      familyName: 'Rusnac',
      aliases: ['Nela Rusnak'],
      sex: 'female',
      dateOfBirth: { year: 1999 },
      citizenship: 'MDA',
      lastSeenPlace: 'Capital, central market',
    },
  },
  {
    daysAgo: 8,
    isChild: null,
    unaccompaniedOrSeparated: true,
    reportingCountry: 'ROU',
    tracingBasis: 'legal_basis',
    legalBasisReference: 'Police Act, art. 31 (demo)',
    person: {
      givenName: 'Kwame',
      familyName: 'Mensah-Demo',
      sex: 'male',
      ageEstimate: 15,
      citizenship: 'GHA',
      languages: ['Twi', 'English'],
    },
  },
  {
    daysAgo: 3,
    isChild: true,
    unaccompaniedOrSeparated: false,
    reportingCountry: 'ALB',
    tracingBasis: 'consent_of_guardian',
    person: {
      givenName: 'Arbër',
      familyName: 'Hoxha-Demo',
      sex: 'male',
      dateOfBirth: { year: 2010, month: 7 },
      citizenship: 'ALB',
      parentNames: ['Drita Hoxha-Demo'],
    },
  },
];

/**
 * Files the demo reports for `ownerOrganisationId` (filed by `reportedBy`) and searches candidates
 * for each, in one transaction. Does nothing when the register already holds reports.
 */
export async function seedMissingPersonReports(
  db: Database,
  keyring: Keyring,
  options: { ownerOrganisationId: string; reportedBy: string; today: IsoDate; at: Date },
): Promise<{ reports: number; candidates: number }> {
  return db.transaction(async (tx) => {
    if ((await countReports(tx)) > 0) return { reports: 0, candidates: 0 };
    let candidates = 0;
    for (const demo of demoReports) {
      const reportedOn = addDays(options.today, -demo.daysAgo);
      const report = await insertReport(
        tx,
        keyring,
        {
          ownerOrganisationId: options.ownerOrganisationId,
          reportedBy: options.reportedBy,
          reportingCountry: demo.reportingCountry,
          reportedOn,
          status: 'open',
          isChild: isTreatedAsChild(demo.isChild, demo.person, reportedOn),
          unaccompaniedOrSeparated: demo.unaccompaniedOrSeparated,
          tracingBasis: demo.tracingBasis,
          legalBasisReference: demo.legalBasisReference ?? null,
          details: demo.person,
        },
        options.at,
      );
      candidates += (await searchCandidates(tx, keyring, report, options.today, options.at)).proposed;
    }
    return { reports: demoReports.length, candidates };
  });
}
