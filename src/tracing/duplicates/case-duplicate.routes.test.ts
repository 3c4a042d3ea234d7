import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { anEvent } from '../../cases/test-builders.js';
import { sql } from '../../db/sql.js';
import { listAudit } from '../../security/audit.store.js';
import { aTestPalermo, type SignedIn, type TestPalermo, type TestUser } from '../../test-app.js';

// The scenario of issue 5: the police and two NGOs each open a case for the same woman, spelled
// three ways; the run proposes the three pairs, reviewers confirm, and the National Rapporteur's
// count says one person for those three cases. The clock reads 2026-03-27. All names are invented.

let palermo: TestPalermo;
let police: TestUser;
let firstNgo: TestUser;
let secondNgo: TestUser;
let as: Record<'police' | 'firstNgo' | 'secondNgo' | 'coordinator' | 'rapporteur' | 'stranger', SignedIn>;

beforeAll(async () => {
  palermo = await aTestPalermo();
  police = await palermo.aUser(['police_investigator']);
  firstNgo = await palermo.aUser(['case_worker']);
  secondNgo = await palermo.aUser(['frontline_identifier']);
  const coordinator = await palermo.aUser(['national_coordinator']);
  const rapporteur = await palermo.aUser(['national_rapporteur']);
  // A case worker of an organisation that holds none of these cases.
  const stranger = await palermo.aUser(['case_worker']);
  as = {
    police: await palermo.signIn(police),
    firstNgo: await palermo.signIn(firstNgo),
    secondNgo: await palermo.signIn(secondNgo),
    coordinator: await palermo.signIn(coordinator),
    rapporteur: await palermo.signIn(rapporteur),
    stranger: await palermo.signIn(stranger),
  };
});
afterAll(() => palermo.close());

type Identity = {
  fullName: string;
  latinName?: string;
  sex: 'female' | 'male';
  dateOfBirth: { year: number; month?: number; day?: number };
  citizenship: string;
};

async function openCase(by: SignedIn, owner: TestUser, identity: Identity) {
  const { type: _type, ...identified } = anEvent('identified', {
    occurredOn: '2026-03-10',
    identifyingOrganisationId: owner.organisationId,
    isChild: false,
  });
  const response = await by.request('POST', '/api/cases', { identity, identified });
  if (response.statusCode !== 201) throw new Error(`opening failed: ${response.statusCode} ${response.body}`);
  return response.json() as { id: string; reference: string };
}

type Side = {
  caseId: string | null;
  reference: string;
  ownerOrganisationId: string;
  ownedByYou: boolean;
};
type Pair = {
  id: string;
  left: Side;
  right: Side;
  probability: number;
  comparison: { field: string; level: string; weight: number }[];
  status: string;
  decisionReason: string | null;
  allowedActions: string[];
};

const listPairs = async (by: SignedIn, status = 'open') => {
  const response = await by.request('GET', `/api/case-duplicates?status=${status}`);
  expect(response.statusCode, response.body).toBe(200);
  return (response.json() as { candidates: Pair[] }).candidates;
};
const references = (pair: Pair) => [pair.left.reference, pair.right.reference].sort().join(' ');
const pairOf = (...cases: { reference: string }[]) =>
  cases
    .map((each) => each.reference)
    .sort()
    .join(' ');
const personsCount = async (by: SignedIn = as.rapporteur) => {
  const response = await by.request('GET', '/api/case-duplicates/persons-count');
  expect(response.statusCode, response.body).toBe(200);
  return response.json();
};
const countRows = async (table: 'case_duplicate_candidate' | 'case_duplicate_link') =>
  (
    await palermo.db.query<{ count: number }>(
      sql`select count(*)::int as count from ${sql.raw(`tracing.${table}`)}`,
    )
  ).rows[0]!.count;
const decisions = async () =>
  (
    await palermo.db.query<{ status: string; count: number }>(
      sql`select status, count(*)::int as count from tracing.case_duplicate_candidate group by status order by status`,
    )
  ).rows;

describe('de-duplicating cases: one woman registered by the police and two NGOs', () => {
  let byPolice: { id: string; reference: string };
  let byFirstNgo: { id: string; reference: string };
  let bySecondNgo: { id: string; reference: string };
  let twinSister: { id: string; reference: string };
  let unrelated: { id: string; reference: string }[];
  let restricted: { id: string; reference: string };

  it('opens the cases: three registrations of one woman, her twin sister, two unrelated persons', async () => {
    byPolice = await openCase(as.police, police, {
      fullName: 'Оксана Прикладенко',
      latinName: 'Oksana Prykladenko',
      sex: 'female',
      dateOfBirth: { year: 1998, month: 5, day: 12 },
      citizenship: 'UKR',
    });
    // Russian-style transliteration.
    byFirstNgo = await openCase(as.firstNgo, firstNgo, {
      fullName: 'Oksana Prikladenko',
      sex: 'female',
      dateOfBirth: { year: 1998, month: 5, day: 12 },
      citizenship: 'UKR',
    });
    // A typo in the family name, and no day of birth.
    bySecondNgo = await openCase(as.secondNgo, secondNgo, {
      fullName: 'Oxana Prykladenco',
      sex: 'female',
      dateOfBirth: { year: 1998, month: 5 },
      citizenship: 'UKR',
    });
    // A hard negative: same family name, same birth date, another given name.
    twinSister = await openCase(as.police, police, {
      fullName: 'Olena Prykladenko',
      sex: 'female',
      dateOfBirth: { year: 1998, month: 5, day: 12 },
      citizenship: 'UKR',
    });
    unrelated = [
      await openCase(as.firstNgo, firstNgo, {
        fullName: 'Maria Exemplu',
        sex: 'female',
        dateOfBirth: { year: 1998, month: 5, day: 12 },
        citizenship: 'ROU',
      }),
      await openCase(as.police, police, {
        fullName: 'Taras Prykladenko',
        sex: 'male',
        dateOfBirth: { year: 2001, month: 1, day: 3 },
        citizenship: 'UKR',
      }),
    ];
    // A fourth registration of the same woman, under a restricted notice: never proposed (0021).
    restricted = await openCase(as.secondNgo, secondNgo, {
      fullName: 'Oksana Prykladenko',
      sex: 'female',
      dateOfBirth: { year: 1998, month: 5, day: 12 },
      citizenship: 'UKR',
    });
    const officer = await palermo.aUser(['restricted_notice_officer'], {
      organisationId: secondNgo.organisationId,
    });
    const flagged = await as.secondNgo.request('POST', `/api/cases/${restricted.id}/restricted-notice`, {
      designatedOfficerId: officer.id,
      flaggedOn: '2026-03-27',
    });
    expect(flagged.statusCode, flagged.body).toBe(201);
  });

  it('counts every case as a person before any run (the restricted case is outside de-duplication)', async () => {
    expect(await personsCount()).toEqual({
      cases: 6,
      persons: 6,
      confirmedLinks: 0,
      openCandidates: 0,
      rejectedCandidates: 0,
      lastRunAt: null,
      disclosureControl: 'not_applied',
    });
  });

  it('refuses a run to anyone but the national co-ordinator, and nothing is proposed', async () => {
    for (const who of [as.stranger, as.police, as.rapporteur]) {
      const refused = await who.request('POST', '/api/case-duplicates/runs', {});
      expect(refused.statusCode).toBe(403);
      expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    }
    expect(await countRows('case_duplicate_candidate')).toBe(0);
  });

  it('refuses a run request with an unknown field, naming it, and runs nothing', async () => {
    const refused = await as.coordinator.request('POST', '/api/case-duplicates/runs', { threshold: 0.1 });
    expect(refused.statusCode).toBe(400);
    expect(refused.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(JSON.stringify(refused.json().errors)).toMatch(/threshold/);
    expect(await countRows('case_duplicate_candidate')).toBe(0);
  });

  it('proposes the three pairs of her registrations, the twin as a possible match, and no unrelated pair', async () => {
    const run = await as.coordinator.request('POST', '/api/case-duplicates/runs', {});
    expect(run.statusCode, run.body).toBe(200);
    const figures = run.json();
    expect(figures.cases).toBe(6);
    expect(figures.rescored).toBe(0);
    const all = await listPairs(as.coordinator);
    const proposed = all.map(references);
    const hers = [
      pairOf(byPolice, byFirstNgo),
      pairOf(byPolice, bySecondNgo),
      pairOf(byFirstNgo, bySecondNgo),
    ];
    expect(proposed).toEqual(expect.arrayContaining(hers));
    // Any other pair is one of her registrations and her twin: a hard negative for a reviewer.
    for (const pair of all) {
      for (const other of [...unrelated, restricted]) expect(references(pair)).not.toContain(other.reference);
      if (!hers.includes(references(pair))) expect(references(pair)).toContain(twinSister.reference);
    }
    expect(figures.proposed).toBe(all.length);
    // Her three pairs are very likely; the explanation is levels, never a name or a date.
    for (const pair of all.filter((each) => !references(each).includes(twinSister.reference)))
      expect(pair.probability).toBeGreaterThanOrEqual(0.9);
    const everything = JSON.stringify(all);
    for (const value of ['Oksana', 'Оксана', 'Prykladenko', 'Prikladenko', 'Olena', 'dateOfBirth', '"year"'])
      expect(everything).not.toContain(value);
  });

  it('shows each organisation only the pairs with its own case, and the other case by reference only', async () => {
    const seenByPolice = await listPairs(as.police);
    expect(seenByPolice.map(references)).toEqual(
      expect.arrayContaining([pairOf(byPolice, byFirstNgo), pairOf(byPolice, bySecondNgo)]),
    );
    expect(seenByPolice.map(references)).not.toContain(pairOf(byFirstNgo, bySecondNgo));
    const withFirstNgo = seenByPolice.find((pair) => references(pair) === pairOf(byPolice, byFirstNgo))!;
    const [own, other] = withFirstNgo.left.ownedByYou
      ? [withFirstNgo.left, withFirstNgo.right]
      : [withFirstNgo.right, withFirstNgo.left];
    expect(own).toMatchObject({ caseId: byPolice.id, reference: byPolice.reference });
    expect(other).toMatchObject({ caseId: null, reference: byFirstNgo.reference, ownedByYou: false });
    expect(withFirstNgo.allowedActions).toEqual(['case-duplicate.review', 'case-duplicate.view']);
    expect(await listPairs(as.stranger)).toEqual([]);
    const rapporteurList = await as.rapporteur.request('GET', '/api/case-duplicates');
    expect(rapporteurList.statusCode).toBe(403);
  });

  it('refuses a reviewer without rights: 404 for a pair they may not see, and nothing changes', async () => {
    const [pair] = await listPairs(as.police);
    const before = await decisions();
    const attempt = await as.stranger.request('POST', `/api/case-duplicates/${pair!.id}/confirm`, {
      reason: 'Looks the same to me',
    });
    expect(attempt.statusCode).toBe(404);
    expect((await as.stranger.request('GET', `/api/case-duplicates/${pair!.id}`)).statusCode).toBe(404);
    const rapporteur = await as.rapporteur.request('POST', `/api/case-duplicates/${pair!.id}/confirm`, {
      reason: 'Looks the same to me',
    });
    expect(rapporteur.statusCode).toBe(403);
    expect(await decisions()).toEqual(before);
    expect(await countRows('case_duplicate_link')).toBe(0);
  });

  it('refuses bad input with problem+json naming the field, and records nothing', async () => {
    const [pair] = await listPairs(as.police);
    const noReason = await as.police.request('POST', `/api/case-duplicates/${pair!.id}/confirm`, {});
    expect(noReason.statusCode).toBe(400);
    expect(noReason.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(noReason.json().errors.map((error: { pointer: string }) => error.pointer)).toEqual([
      '/body/reason',
    ]);
    const badId = await as.police.request('POST', '/api/case-duplicates/not-an-id/confirm', {
      reason: 'Same',
    });
    expect(badId.statusCode).toBe(400);
    expect(JSON.stringify(badId.json().errors)).toMatch(/candidateId/);
    const badStatus = await as.police.request('GET', '/api/case-duplicates?status=merged');
    expect(badStatus.statusCode).toBe(400);
    expect(JSON.stringify(badStatus.json().errors)).toMatch(/status/);
    expect(await countRows('case_duplicate_link')).toBe(0);
  });

  it('links the cases when reviewers of the organisations confirm; each keeps its own case', async () => {
    const find = (pairs: Pair[], ...cases: { reference: string }[]) =>
      pairs.find((pair) => references(pair) === pairOf(...cases))!;
    const first = await as.police.request(
      'POST',
      `/api/case-duplicates/${find(await listPairs(as.police), byPolice, byFirstNgo).id}/confirm`,
      { reason: 'Same passport number in both files' },
    );
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json()).toMatchObject({
      status: 'confirmed',
      decisionReason: 'Same passport number in both files',
    });
    const second = await as.secondNgo.request(
      'POST',
      `/api/case-duplicates/${find(await listPairs(as.secondNgo), byFirstNgo, bySecondNgo).id}/confirm`,
      { reason: 'The shelter confirmed it with her' },
    );
    expect(second.statusCode, second.body).toBe(200);
    // Another organisation sees the decision, but not the reason (free text may name someone).
    const seenByFirstNgo = (await listPairs(as.firstNgo, 'confirmed')).find(
      (pair) => references(pair) === pairOf(byFirstNgo, bySecondNgo),
    )!;
    expect(seenByFirstNgo).toMatchObject({ status: 'confirmed', decisionReason: null });
    // Deciding twice is refused.
    const again = await as.police.request(
      'POST',
      `/api/case-duplicates/${find(await listPairs(as.police, 'confirmed'), byPolice, byFirstNgo).id}/reject`,
      { reason: 'Changed my mind' },
    );
    expect(again.statusCode).toBe(409);
    // The cases are untouched: each organisation still opens its own.
    expect((await as.police.request('GET', `/api/cases/${byPolice.id}`)).statusCode).toBe(200);
    expect((await as.police.request('GET', `/api/cases/${byFirstNgo.id}`)).statusCode).toBe(404);
  });

  it('audits every decision and the run by id only', async () => {
    const entries = await listAudit(palermo.db, { limit: 200 });
    const ours = entries.filter((entry: { action: string }) => entry.action.startsWith('case-duplicate.'));
    expect(ours.map((entry: { action: string }) => entry.action).sort()).toEqual([
      'case-duplicate.confirm',
      'case-duplicate.confirm',
      'case-duplicate.search',
    ]);
    const text = JSON.stringify(ours);
    for (const value of ['Oksana', 'passport', 'shelter confirmed', 'dateOfBirth', '"year"'])
      expect(text).not.toContain(value);
  });

  it('rejects the twin; a re-run rescores the open pair and never proposes a decided one again', async () => {
    const twinPairs = (await listPairs(as.police)).filter((pair) =>
      references(pair).includes(twinSister.reference),
    );
    for (const pair of twinPairs) {
      const rejected = await as.police.request('POST', `/api/case-duplicates/${pair.id}/reject`, {
        reason: 'Her twin sister: another given name',
      });
      expect(rejected.statusCode, rejected.body).toBe(200);
    }
    const openBefore = (await listPairs(as.coordinator)).length;
    const rerun = await as.coordinator.request('POST', '/api/case-duplicates/runs', {});
    expect(rerun.statusCode).toBe(200);
    expect(rerun.json()).toMatchObject({ proposed: 0, rescored: openBefore });
    expect(rerun.json().leftDecided).toBe(2 + twinPairs.length);
    expect((await listPairs(as.coordinator)).map(references)).not.toContain(pairOf(byPolice, twinSister));
    expect((await listPairs(as.coordinator, 'rejected')).length).toBe(twinPairs.length);
  });

  it('counts one person for her three cases once the links are confirmed', async () => {
    const counted = await personsCount();
    // Six cases outside the notice: her three are one person; the twin and two others are three.
    expect(counted).toMatchObject({
      cases: 6,
      persons: 4,
      confirmedLinks: 2,
      disclosureControl: 'not_applied',
    });
    expect(typeof counted.lastRunAt).toBe('string');
    // The co-ordinator confirms the remaining pair: transitively nothing changes in the count.
    const remaining = (await listPairs(as.coordinator)).find(
      (pair) => references(pair) === pairOf(byPolice, bySecondNgo),
    )!;
    const confirmed = await as.coordinator.request('POST', `/api/case-duplicates/${remaining.id}/confirm`, {
      reason: 'Both organisations agree',
    });
    expect(confirmed.statusCode, confirmed.body).toBe(200);
    expect(await personsCount(as.coordinator)).toMatchObject({
      cases: 6,
      persons: 4,
      confirmedLinks: 3,
      openCandidates: 0,
    });
    // The count holds figures only.
    expect(Object.keys(counted).sort()).toEqual(
      [
        'cases',
        'confirmedLinks',
        'disclosureControl',
        'lastRunAt',
        'openCandidates',
        'persons',
        'rejectedCandidates',
      ].sort(),
    );
    // Nobody else reads it.
    expect((await as.stranger.request('GET', '/api/case-duplicates/persons-count')).statusCode).toBe(403);
  });
});
