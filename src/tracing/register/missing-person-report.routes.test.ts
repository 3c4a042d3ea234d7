import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anEvent } from '../../cases/test-builders.js';
import { sql } from '../../db/sql.js';
import type { IsoDate } from '../../kernel/dates.js';
import { listAudit } from '../../security/audit.store.js';
import { aTestPalermo, type SignedIn, type TestPalermo, type TestUser } from '../../test-app.js';
import type { MissingPersonReportFiling } from './missing-person-report.schema.js';

// The clock reads 2026-03-27 (Europe/Bucharest). All names are invented.
const TODAY: IsoDate = '2026-03-27';

let palermo: TestPalermo;
let police: TestUser;
let asPolice: SignedIn;
let caseWorker: TestUser;
let asCaseWorker: SignedIn;
beforeAll(async () => {
  palermo = await aTestPalermo();
  police = await palermo.aUser(['police_investigator']);
  asPolice = await palermo.signIn(police);
  // A case worker of another organisation, who opens the case of the child now missing.
  caseWorker = await palermo.aUser(['case_worker']);
  asCaseWorker = await palermo.signIn(caseWorker);
});
afterAll(() => palermo.close());

function aFiling(overrides: Partial<MissingPersonReportFiling> = {}, person: object = {}) {
  return {
    isChild: true,
    unaccompaniedOrSeparated: true,
    reportingCountry: 'ROU',
    reportedOn: TODAY,
    tracingBasis: 'legal_basis',
    legalBasisReference: 'Police Act art. 31',
    ...overrides,
    person: {
      givenName: 'Testina',
      familyName: 'Examplova',
      sex: 'female',
      dateOfBirth: { year: 2011, month: 6, day: 20 },
      citizenship: 'UKR',
      lastSeenOn: '2026-03-20',
      lastSeenPlace: 'Synthetic bus station',
      ...person,
    },
  };
}

async function openCase(
  fullName: string,
  dateOfBirth: object,
  by = asCaseWorker,
  organisationId = caseWorker.organisationId,
) {
  const { type: _type, ...identified } = anEvent('identified', {
    occurredOn: '2026-03-10',
    identifyingOrganisationId: organisationId,
    isChild: true,
  });
  const response = await by.request('POST', '/api/cases', {
    identity: { fullName, sex: 'female', dateOfBirth, citizenship: 'UKR' },
    identified,
  });
  if (response.statusCode !== 201) throw new Error(`opening failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; reference: string };
}

async function fileReport(filing: object = aFiling(), by = asPolice) {
  const response = await by.request('POST', '/api/missing-person-reports', filing);
  if (response.statusCode !== 201) throw new Error(`filing failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; reference: string; candidatesProposed: number };
}

const countReports = async () =>
  (
    await palermo.db.query<{ count: number }>(
      sql`select count(*)::int as count from tracing.missing_person_report`,
    )
  ).rows[0]!.count;

describe('filing a missing-person report', () => {
  it('files a report with a pseudonymous reference, encrypts the details and audits the filing', async () => {
    const response = await asPolice.request('POST', '/api/missing-person-reports', aFiling());
    expect(response.statusCode).toBe(201);
    const report = response.json();
    expect(report).toMatchObject({
      reference: expect.stringMatching(/^M-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
      status: 'open',
      isChild: true,
      unaccompaniedOrSeparated: true,
      ownerOrganisationId: police.organisationId,
    });
    expect(response.body).not.toContain('Examplova');
    const stored = await palermo.db.query<{ details: Buffer }>(
      sql`select details from tracing.missing_person_report where id = ${report.id}`,
    );
    expect(stored.rows[0]!.details.toString('latin1')).not.toContain('Examplova');
    const audit = await listAudit(palermo.db, { limit: 10, subjectId: report.id });
    expect(audit.map((entry) => entry.action)).toEqual(
      expect.arrayContaining(['missing-person.report', 'missing-person.find-candidates']),
    );
    expect(JSON.stringify(audit)).not.toContain('Examplova');
  });

  it('presumes a child when the reporter does not know the age and no date says otherwise', async () => {
    const report = await fileReport(aFiling({ isChild: null }, { dateOfBirth: undefined, ageEstimate: 16 }));
    const read = await asPolice.request('GET', `/api/missing-person-reports/${report.id}`);
    expect(read.json().isChild).toBe(true);
  });

  it('refuses impossible input naming every field at fault, and writes nothing', async () => {
    const before = await countReports();
    const response = await asPolice.request(
      'POST',
      '/api/missing-person-reports',
      aFiling(
        { reportingCountry: 'QQQ' },
        { dateOfBirth: { year: 2011, month: 4, day: 31 }, citizenship: 'ZZZ', lastSeenOn: '2026-02-30' },
      ),
    );
    expect(response.statusCode).toBe(400);
    expect(response.headers['content-type']).toContain('application/problem+json');
    const pointers = response.json().errors.map((error: { pointer: string }) => error.pointer);
    expect(pointers).toEqual(
      expect.arrayContaining([
        '/body/reportingCountry',
        '/body/person/dateOfBirth/day',
        '/body/person/citizenship',
        '/body/person/lastSeenOn',
      ]),
    );
    expect(await countReports()).toBe(before);
  });

  it('refuses a last-seen date before the date of birth, and a report dated in the future', async () => {
    const before = await countReports();
    const lastSeen = await asPolice.request(
      'POST',
      '/api/missing-person-reports',
      aFiling({}, { lastSeenOn: '2010-01-01' }),
    );
    expect(lastSeen.statusCode).toBe(400);
    expect(lastSeen.json().errors).toEqual([
      { pointer: '/body/person/lastSeenOn', detail: 'The date last seen is before the date of birth' },
    ]);
    const future = await asPolice.request(
      'POST',
      '/api/missing-person-reports',
      aFiling({ reportedOn: '2026-04-02' }, { lastSeenOn: undefined }),
    );
    expect(future.statusCode).toBe(400);
    expect(future.json().errors[0].pointer).toBe('/body/reportedOn');
    expect(await countReports()).toBe(before);
  });

  it('asks for a legal basis when tracing is not based on consent', async () => {
    const response = await asPolice.request(
      'POST',
      '/api/missing-person-reports',
      aFiling({ legalBasisReference: undefined }),
    );
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0].pointer).toBe('/body/legalBasisReference');
  });

  it('refuses roles that do not file reports', async () => {
    const rapporteur = await palermo.signIn(await palermo.aUser(['national_rapporteur']));
    const response = await rapporteur.request('POST', '/api/missing-person-reports', aFiling());
    expect(response.statusCode).toBe(403);
  });
});

describe('reading the register', () => {
  it('lists only the organisation’s reports, filtered by status and child, and hides others’ as 404', async () => {
    const own = await fileReport(
      aFiling({ isChild: false }, { dateOfBirth: { year: 1990 }, lastSeenOn: undefined }),
    );
    const otherPolice = await palermo.signIn(await palermo.aUser(['police_investigator']));
    const list = await otherPolice.request('GET', '/api/missing-person-reports');
    expect(list.statusCode).toBe(200);
    expect(list.json().reports.map((report: { id: string }) => report.id)).not.toContain(own.id);
    expect((await otherPolice.request('GET', `/api/missing-person-reports/${own.id}`)).statusCode).toBe(404);
    expect(
      (await otherPolice.request('GET', `/api/missing-person-reports/${own.id}/details`)).statusCode,
    ).toBe(404);

    const adults = await asPolice.request('GET', '/api/missing-person-reports?child=false&status=open');
    const ids = adults.json().reports.map((report: { id: string; isChild: boolean }) => report.id);
    expect(ids).toContain(own.id);
    expect(adults.json().reports.every((report: { isChild: boolean }) => !report.isChild)).toBe(true);
  });

  it('shows the details to the owner organisation and audits the read', async () => {
    const report = await fileReport();
    const read = await asPolice.request('GET', `/api/missing-person-reports/${report.id}/details`);
    expect(read.statusCode).toBe(200);
    expect(read.json().person).toMatchObject({ givenName: 'Testina', familyName: 'Examplova' });
    const audit = await listAudit(palermo.db, {
      limit: 5,
      subjectId: report.id,
      action: 'missing-person.details.read',
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]!.actor.id).toBe(police.id);
  });

  it('lets the national coordinator see the pseudonymous record but never the details; the rapporteur sees nothing', async () => {
    const report = await fileReport();
    const coordinator = await palermo.signIn(await palermo.aUser(['national_coordinator']));
    const record = await coordinator.request('GET', `/api/missing-person-reports/${report.id}`);
    expect(record.statusCode).toBe(200);
    expect(record.json().identityReadable).toBe(false);
    expect(
      (await coordinator.request('GET', `/api/missing-person-reports/${report.id}/details`)).statusCode,
    ).toBe(403);
    const rapporteur = await palermo.signIn(await palermo.aUser(['national_rapporteur']));
    expect((await rapporteur.request('GET', '/api/missing-person-reports')).statusCode).toBe(403);
    expect(
      (await rapporteur.request('GET', `/api/missing-person-reports/${report.id}/details`)).statusCode,
    ).toBe(403);
  });
});

describe('status of a report', () => {
  it('records that the person was located, refuses a move the rules do not allow, and audits the change', async () => {
    const report = await fileReport();
    const located = await asPolice.request('POST', `/api/missing-person-reports/${report.id}/status`, {
      status: 'located',
    });
    expect(located.statusCode).toBe(200);
    expect(located.json().status).toBe('located');
    const again = await asPolice.request('POST', `/api/missing-person-reports/${report.id}/status`, {
      status: 'located',
    });
    expect(again.statusCode).toBe(409);
    expect(again.json().type).toBe('/problems/missing-person/same-status');
    await asPolice.request('POST', `/api/missing-person-reports/${report.id}/status`, { status: 'closed' });
    const toLocated = await asPolice.request('POST', `/api/missing-person-reports/${report.id}/status`, {
      status: 'located',
    });
    expect(toLocated.json().type).toBe('/problems/missing-person/transition-not-allowed');
    const audit = await listAudit(palermo.db, {
      limit: 10,
      subjectId: report.id,
      action: 'missing-person.update-status',
    });
    expect(audit).toHaveLength(2);
  });
});

describe('candidates and the review queue', () => {
  it('proposes the case of a child whose name is transliterated differently, with levels and never a name', async () => {
    const opened = await openCase('Oleksandra Shevchenko', { year: 2012, month: 2, day: 14 });
    const report = await fileReport(
      aFiling(
        {},
        {
          givenName: 'Олександра',
          familyName: 'Шевченко',
          givenNameLatin: 'Aleksandra',
          familyNameLatin: 'Szewczenko',
          dateOfBirth: { year: 2012, month: 2, day: 14 },
          lastSeenOn: '2026-03-01',
        },
      ),
    );
    expect(report.candidatesProposed).toBeGreaterThanOrEqual(1);
    const listed = await asPolice.request('GET', `/api/missing-person-reports/${report.id}/candidates`);
    expect(listed.statusCode).toBe(200);
    const candidate = listed
      .json()
      .candidates.find((each: { otherReference: string }) => each.otherReference === opened.reference);
    expect(candidate).toMatchObject({
      otherKind: 'case',
      status: 'open',
      otherOwnerOrganisationId: caseWorker.organisationId,
    });
    expect(candidate.probability).toBeGreaterThan(0.9);
    expect(candidate.comparison).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          field: 'familyName',
          level: expect.stringMatching(/exact|same_phonetic_code/),
        }),
        expect.objectContaining({ field: 'birthDate', level: 'exact' }),
      ]),
    );
    // The case belongs to another organisation: the police see its reference, never its id or identity.
    expect(candidate.otherId).toBeNull();
    expect(listed.body).not.toMatch(/Shevchenko|Oleksandra|Szewczenko/);

    // The review queue: open candidates the police may decide.
    const queue = await asPolice.request('GET', '/api/match-candidates');
    expect(queue.json().candidates.map((each: { id: string }) => each.id)).toContain(candidate.id);
  });

  it('confirms a candidate with a reason: links the records and audits the decision, once', async () => {
    const opened = await openCase('Marta Kowalczuk-Test', { year: 2011, month: 9, day: 3 });
    const report = await fileReport(
      aFiling(
        {},
        {
          givenName: 'Marta',
          familyName: 'Kovalchuk-Test',
          dateOfBirth: { year: 2011, month: 9, day: 3 },
          lastSeenOn: '2026-03-02',
        },
      ),
    );
    const listed = await asPolice.request('GET', `/api/missing-person-reports/${report.id}/candidates`);
    const candidate = listed
      .json()
      .candidates.find((each: { otherReference: string }) => each.otherReference === opened.reference);
    expect(candidate).toBeDefined();
    const confirmed = await asPolice.request('POST', `/api/match-candidates/${candidate.id}/confirm`, {
      reason: 'Photograph and guardian statement agree',
    });
    expect(confirmed.statusCode).toBe(200);
    expect(confirmed.json()).toMatchObject({
      status: 'confirmed',
      decisionReason: 'Photograph and guardian statement agree',
    });
    const links = await palermo.db.query<{ other_id: string; report_id: string }>(
      sql`select other_id, report_id from tracing.match_link where candidate_id = ${candidate.id}`,
    );
    expect(links.rows).toEqual([{ other_id: opened.id, report_id: report.id }]);
    const page = await asPolice.request('GET', `/api/missing-person-reports/${report.id}`);
    expect(page.json().links).toHaveLength(1);
    const audit = await listAudit(palermo.db, { limit: 5, subjectId: candidate.id });
    expect(audit.map((entry) => entry.action)).toEqual(['match.confirm']);
    expect(JSON.stringify(audit)).not.toContain('Photograph');

    const twice = await asPolice.request('POST', `/api/match-candidates/${candidate.id}/reject`, {
      reason: 'Second thoughts',
    });
    expect(twice.statusCode).toBe(409);
    expect(twice.json().type).toBe('/problems/match/already-decided');
  });

  it('never proposes a rejected pair again when the search runs again', async () => {
    const first = await fileReport(
      aFiling(
        {},
        {
          givenName: 'Ilinca',
          familyName: 'Exemplaru',
          dateOfBirth: { year: 2010, month: 1, day: 5 },
          lastSeenOn: undefined,
        },
      ),
    );
    const second = await fileReport(
      aFiling(
        {},
        {
          givenName: 'Ilinca',
          familyName: 'Exemplaru',
          dateOfBirth: { year: 2010, month: 5, day: 1 },
          lastSeenOn: undefined,
        },
      ),
    );
    expect(second.candidatesProposed).toBeGreaterThanOrEqual(1);
    const seenFromFirst = await asPolice.request('GET', `/api/missing-person-reports/${first.id}/candidates`);
    const pair = seenFromFirst
      .json()
      .candidates.find((each: { otherReference: string }) => each.otherReference === second.reference);
    expect(pair).toMatchObject({ reportId: first.id, otherKind: 'report', otherId: second.id });
    expect(pair.comparison).toEqual(
      expect.arrayContaining([
        { field: 'birthDate', level: 'day_month_swapped', weight: expect.any(Number) },
      ]),
    );
    const rejected = await asPolice.request('POST', `/api/match-candidates/${pair.id}/reject`, {
      reason: 'Two sisters: different birth certificates',
    });
    expect(rejected.statusCode).toBe(200);
    for (const report of [first, second]) {
      const rerun = await asPolice.request(
        'POST',
        `/api/missing-person-reports/${report.id}/candidates/refresh`,
      );
      expect(rerun.statusCode).toBe(200);
      expect(rerun.json().leftDecided).toBeGreaterThanOrEqual(1);
    }
    const after = await asPolice.request('GET', `/api/missing-person-reports/${first.id}/candidates`);
    const samePair = after
      .json()
      .candidates.filter((each: { otherReference: string }) => each.otherReference === second.reference);
    expect(samePair).toHaveLength(1);
    expect(samePair[0].status).toBe('rejected');
  });

  it('still files a report when another record’s ciphertext was tampered with, leaving that record out', async () => {
    const opened = await openCase('Tamara Damagedova', { year: 2012, month: 1, day: 9 });
    const person = await palermo.db.query<{ person_id: string }>(
      sql`select person_id from cases.case_file where id = ${opened.id}`,
    );
    // One byte changed: authentication fails for this person's identity.
    await palermo.db.query(sql`
      update persons.person set identity = set_byte(identity, 30, (get_byte(identity, 30) + 1) % 256)
      where id = ${person.rows[0]!.person_id}`);
    const report = await fileReport(
      aFiling(
        {},
        {
          givenName: 'Tamara',
          familyName: 'Damagedova',
          dateOfBirth: { year: 2012, month: 1, day: 9 },
          lastSeenOn: undefined,
        },
      ),
    );
    const listed = await asPolice.request('GET', `/api/missing-person-reports/${report.id}/candidates`);
    expect(
      listed.json().candidates.map((each: { otherReference: string }) => each.otherReference),
    ).not.toContain(opened.reference);
  });

  it('never proposes a case under a restricted notice', async () => {
    const officer = await palermo.aUser(['restricted_notice_officer'], {
      organisationId: caseWorker.organisationId,
    });
    const opened = await openCase('Zinaida Restrictova', { year: 2010, month: 8, day: 8 });
    const flagged = await asCaseWorker.request('POST', `/api/cases/${opened.id}/restricted-notice`, {
      designatedOfficerId: officer.id,
      flaggedOn: '2026-03-20',
    });
    expect(flagged.statusCode, flagged.body).toBe(201);
    const report = await fileReport(
      aFiling(
        {},
        {
          givenName: 'Zinaida',
          familyName: 'Restrictova',
          dateOfBirth: { year: 2010, month: 8, day: 8 },
          lastSeenOn: undefined,
        },
      ),
    );
    const listed = await asPolice.request('GET', `/api/missing-person-reports/${report.id}/candidates`);
    expect(
      listed.json().candidates.map((each: { otherReference: string }) => each.otherReference),
    ).not.toContain(opened.reference);
  });

  it('lets the national coordinator review candidates but not a case worker; invisible candidates are 404', async () => {
    const report = await fileReport(
      aFiling(
        {},
        {
          givenName: 'Viorica',
          familyName: 'Probescu',
          dateOfBirth: { year: 2009, month: 3, day: 3 },
          lastSeenOn: undefined,
        },
      ),
    );
    await fileReport(
      aFiling(
        {},
        {
          givenName: 'Viorica',
          familyName: 'Probescu',
          dateOfBirth: { year: 2009, month: 3, day: 3 },
          lastSeenOn: undefined,
        },
      ),
    );
    const candidates = (
      await asPolice.request('GET', `/api/missing-person-reports/${report.id}/candidates`)
    ).json().candidates;
    const candidate = candidates[0];
    const stranger = await palermo.signIn(await palermo.aUser(['police_investigator']));
    expect((await stranger.request('GET', `/api/match-candidates/${candidate.id}`)).statusCode).toBe(404);
    expect(
      (await stranger.request('POST', `/api/match-candidates/${candidate.id}/confirm`, { reason: 'x' }))
        .statusCode,
    ).toBe(404);
    const worker = await palermo.signIn(
      await palermo.aUser(['case_worker'], { organisationId: police.organisationId }),
    );
    expect((await worker.request('GET', '/api/match-candidates')).statusCode).toBe(403);
    const coordinator = await palermo.signIn(await palermo.aUser(['national_coordinator']));
    const queue = await coordinator.request('GET', '/api/match-candidates');
    expect(queue.json().candidates.map((each: { id: string }) => each.id)).toContain(candidate.id);
    const rejected = await coordinator.request('POST', `/api/match-candidates/${candidate.id}/reject`, {
      reason: '',
    });
    expect(rejected.statusCode).toBe(400);
    expect(rejected.json().errors[0].pointer).toBe('/body/reason');
  });
});
