import type { FastifyReply, FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import type { Queryable } from '../../db/database.js';
import { sql } from '../../db/sql.js';
import { notFound, type Problem, type ProblemShape, problem } from '../../http/problem.js';
import { newId } from '../../kernel/ids.js';
import type { Platform } from '../../platform.js';
import type { SystemActor } from '../../security/actor.js';
import { appendAudit } from '../../security/audit.store.js';
import { auditEntry } from '../../security/audit-entry.js';
import { findCandidate, type MatchCandidate } from '../register/match-candidate.store.js';
import { IsoDateText, MissingPersonDetails } from '../register/missing-person-report.schema.js';
import { findReport, findReportWithDetails, openDetails } from '../register/missing-person-report.store.js';
import { type ExchangePartner, findPartner } from './exchange.store.js';
import { hubPaths, type InstallationKey, sendToHub } from './hub-client.js';
import {
  allowedFieldNames,
  decideIdentityRequest,
  decideIncomingRequest,
  decideRelease,
  type ExchangeBasis,
  exchangeBasisKinds,
  type IdentityFieldGroup,
  type IdentityRequestRefusal,
  type IncomingRequestRefusal,
  identityFieldGroups,
  pickIdentity,
  type ReleaseRefusal,
} from './identity-exchange.js';
import {
  findIdentityRequest,
  findIncomingByRequest,
  findIncomingRequest,
  findSealedAnswer,
  hasLiveIdentityRequest,
  type IdentityExchangeRequest,
  type IncomingIdentityRequest,
  insertIdentityRequest,
  insertIncomingRequest,
  listIdentityRequestsOfCandidate,
  listIncomingOfCandidate,
  openAnswerKey,
  openReceivedIdentity,
  recordDelivered,
  recordIdentityReceived,
  recordIncomingWithdrawn,
  recordRefusal,
  recordRelease,
  recordRequestEnded,
  withdrawIdentityRequest,
} from './identity-exchange.store.js';
import {
  IdentityPollMessage,
  IdentityReleaseMessage,
  IdentityRequestMessage,
  IdentityWithdrawMessage,
  isAnswerKey,
  isTimely,
  MESSAGE_FORMAT,
  MESSAGE_VERSION,
  newAnswerKey,
  openSealedIdentity,
  parseMessage,
  SignedEnvelope,
  sealForRequester,
  sealingContext,
  signMessage,
  verifyEnvelope,
} from './identity-message.js';
import { loadPartnerKeyring, standingOf } from './partner-keyring.js';

// The identity exchange after a confirmed cross-border match (issue 5 acceptance 5; seed 004 l. 41;
// docs/decisions/0026). On the requesting side a reviewer records the consent or legal basis and
// asks; the partner's hub keeps the request on its matching report; its reviewer confirms the same
// pair, records its own basis and releases only the fields both bases allow, encrypted to the
// requester; the requester pulls the answer. Signed messages carry record numbers and codes, never
// a name; the audit holds ids and codes only.

/** The hub acts on a partner's message as a system actor: a partner installation is not a user. */
const exchangeHub: SystemActor = { kind: 'system', id: 'exchange-hub', organisationId: null, roles: [] };

const text = (what: string, max: number) =>
  z
    .string({ error: `Enter the ${what}` })
    .trim()
    .min(1, `Enter the ${what}`)
    .max(max, `The ${what} is at most ${max} characters`);

/** The consent or legal basis as a reviewer records it, on either side. */
const BasisFields = {
  basisKind: z.enum(exchangeBasisKinds, {
    error: 'Choose the consent of the person, of their guardian, or a legal basis',
  }),
  basisReference: text('consent form number, or the law and article', 300),
  basisExpiresOn: IsoDateText.optional(),
  fields: z
    .array(
      z.enum(identityFieldGroups, {
        error: 'Choose from names, sex, birth, citizenship, parents, languages',
      }),
      {
        error: 'Choose the details the consent or legal basis allows',
      },
    )
    .min(1, 'Choose at least one kind of detail the consent or legal basis allows')
    .max(identityFieldGroups.length)
    .refine((fields) => new Set(fields).size === fields.length, 'Choose each kind of detail once'),
};
const IdentityRequestBody = z.strictObject(BasisFields);
const ReleaseBody = z.strictObject(BasisFields);
const RefuseBody = z.strictObject({ reason: text('reason', 2000) });

const basisOf = (body: z.infer<typeof IdentityRequestBody>): ExchangeBasis => ({
  kind: body.basisKind,
  reference: body.basisReference,
  expiresOn: body.basisExpiresOn ?? null,
  fields: body.fields,
});

const FieldGroups = z.array(z.enum(identityFieldGroups));

const OutgoingView = z.object({
  id: z.uuid(),
  candidateId: z.uuid(),
  reportId: z.uuid(),
  partnerId: z.uuid(),
  ownRecord: z.string(),
  partnerRecord: z.string(),
  basisKind: z.enum(exchangeBasisKinds),
  basisReference: z.string(),
  basisExpiresOn: z.string().nullable(),
  requestedFields: FieldGroups,
  status: z.enum(['sent', 'received', 'refused', 'withdrawn']),
  releasedFields: FieldGroups.nullable(),
  requestedAt: z.string(),
  answeredAt: z.string().nullable(),
  withdrawnAt: z.string().nullable(),
  /** Whether this actor may open the identity received (an audited read). */
  identityReadable: z.boolean(),
});

const IncomingView = z.object({
  id: z.uuid(),
  partnerId: z.uuid(),
  partnerRecord: z.string(),
  partnerBasisKind: z.enum(exchangeBasisKinds),
  requestedFields: FieldGroups,
  status: z.enum(['pending', 'released', 'refused', 'withdrawn']),
  receivedAt: z.string(),
  basisKind: z.enum(exchangeBasisKinds).nullable(),
  basisReference: z.string().nullable(),
  basisExpiresOn: z.string().nullable(),
  releasedFields: FieldGroups.nullable(),
  decidedAt: z.string().nullable(),
  refusalReason: z.string().nullable(),
  deliveredAt: z.string().nullable(),
});

const incomingView = (incoming: IncomingIdentityRequest) => ({
  id: incoming.id,
  partnerId: incoming.partnerId,
  partnerRecord: incoming.partnerRecord,
  partnerBasisKind: incoming.partnerBasisKind,
  requestedFields: incoming.requestedFields,
  status: incoming.status,
  receivedAt: incoming.receivedAt.toISOString(),
  basisKind: incoming.basisKind,
  basisReference: incoming.basisReference,
  basisExpiresOn: incoming.basisExpiresOn,
  releasedFields: incoming.releasedFields,
  decidedAt: incoming.decidedAt?.toISOString() ?? null,
  refusalReason: incoming.refusalReason,
  deliveredAt: incoming.deliveredAt?.toISOString() ?? null,
});

const CandidateParams = z.strictObject({ candidateId: z.uuid('Not a candidate id') });
const RequestParams = z.strictObject({ requestId: z.uuid('Not an identity exchange id') });
const IncomingParams = z.strictObject({ incomingId: z.uuid('Not an identity exchange id') });

// ---- Problems ------------------------------------------------------------------------------------

type UserRefusal =
  | IdentityRequestRefusal['kind']
  | ReleaseRefusal['kind']
  | 'exchange-not-configured'
  | 'partner-unreachable'
  | 'partner-refused'
  | 'answer-unreadable'
  | 'not-waiting'
  | 'identity-not-received';

const userRefusals = {
  'not-partner-candidate': { status: 422, title: 'This candidate is not a partner country’s record' },
  'match-not-confirmed': { status: 409, title: 'The cross-border match is not confirmed here' },
  'partner-suspended': { status: 409, title: 'The partner installation is suspended' },
  'partner-without-hub': { status: 409, title: 'No hub address is registered for the partner installation' },
  'basis-not-in-force': { status: 422, title: 'The consent or legal basis is no longer in force' },
  'no-fields': { status: 422, title: 'The consent or legal basis allows no identity details' },
  'already-requested': {
    status: 409,
    title: 'An identity exchange for this match is waiting or was answered',
  },
  'request-withdrawn': { status: 409, title: 'The partner withdrew this identity exchange request' },
  'request-decided': { status: 409, title: 'This identity exchange request was already decided' },
  'record-erased': { status: 410, title: 'The details of this report were erased' },
  'no-fields-in-common': {
    status: 422,
    title: 'Neither side’s consent or legal basis allows the same details',
  },
  'exchange-not-configured': {
    status: 503,
    title: 'This installation has no key for identity exchange (PALERMO_EXCHANGE_KEY_FILE)',
  },
  'partner-unreachable': { status: 502, title: 'The partner’s hub did not answer' },
  'partner-refused': { status: 409, title: 'The partner’s hub refused the message' },
  'answer-unreadable': { status: 502, title: 'The partner’s answer does not verify or does not open' },
  'not-waiting': { status: 409, title: 'This identity exchange is not waiting for an answer' },
  'identity-not-received': { status: 404, title: 'No identity was received for this exchange' },
} satisfies Record<UserRefusal, ProblemShape>;

const userProblem = (kind: UserRefusal, extensions: Record<string, unknown> = {}): Problem =>
  problem(`/problems/exchange/${kind}`, userRefusals[kind], {
    detail: 'Nothing was sent or recorded.',
    ...extensions,
  });

type HubRefusal =
  | 'unsigned'
  | 'unknown-partner'
  | 'bad-signature'
  | 'partner-suspended'
  | 'key-retired'
  | 'invalid-message'
  | 'not-for-this-installation'
  | 'stale-message'
  | 'unknown-request'
  | 'exchange-not-configured'
  | IncomingRequestRefusal['kind'];

const hubRefusals = {
  unsigned: { status: 401, title: 'The message is not signed' },
  'unknown-partner': { status: 403, title: 'The message is not signed by a registered partner installation' },
  'bad-signature': { status: 403, title: 'The signature of the message does not verify' },
  'partner-suspended': { status: 403, title: 'The partner installation is suspended' },
  'key-retired': { status: 403, title: 'The message is signed with a retired key' },
  'invalid-message': { status: 422, title: 'The message is not an identity-exchange message this hub reads' },
  'not-for-this-installation': { status: 422, title: 'The message is addressed to another installation' },
  'stale-message': { status: 422, title: 'The message was sent too long ago, or its clock is wrong' },
  'unknown-request': { status: 404, title: 'No identity exchange request of this partner has this id' },
  'exchange-not-configured': {
    status: 503,
    title: 'This installation has no key for identity exchange',
  },
  'unknown-record': { status: 404, title: 'No record of this installation has this number' },
  'record-erased': { status: 410, title: 'The details of this record were erased' },
  'no-candidate': { status: 409, title: 'This installation has no candidate match for these two records' },
  'match-rejected': { status: 409, title: 'This installation rejected the match of these two records' },
} satisfies Record<HubRefusal, ProblemShape>;

const hubProblem = (refusal: HubRefusal): Problem =>
  problem(`/problems/exchange/${refusal}`, hubRefusals[refusal], { detail: 'Nothing was stored.' });

// ---- Queries this module needs of the register (ids only) -------------------------------------------

async function findReportIdByReference(db: Queryable, reference: string): Promise<string | null> {
  const found = await db.query<{ id: string }>(
    sql`select id from tracing.missing_person_report where reference = ${reference}`,
  );
  return found.rows[0]?.id ?? null;
}

/** This installation's candidate pairing its report with the partner's record. */
async function findPartnerCandidateId(
  db: Queryable,
  reportId: string,
  partner: { id: string; countryCode: string },
  partnerRecord: string,
): Promise<string | null> {
  const found = await db.query<{ id: string }>(sql`
    select id from tracing.match_candidate
    where report_id = ${reportId} and other_kind = 'partner' and other_id = ${partner.id}
      and other_reference = ${`${partner.countryCode}:${partnerRecord}`}`);
  return found.rows[0]?.id ?? null;
}

/** The partner's record number in a candidate's other reference ("<country>:<record number>"). */
const partnerRecordOf = (candidate: MatchCandidate): string =>
  candidate.otherReference.slice(candidate.otherReference.indexOf(':') + 1);

const subjectOf = (id: string) => ({ type: 'identity-exchange', id });

export const identityExchangeRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  installationKey: InstallationKey | null;
}> = async (app, { platform, installationKey }) => {
  const { db, keyring } = platform;

  const outgoingView = (
    request: FastifyRequest,
    exchange: IdentityExchangeRequest,
    report: { ownerOrganisationId: string },
  ) => ({
    id: exchange.id,
    candidateId: exchange.candidateId,
    reportId: exchange.reportId,
    partnerId: exchange.partnerId,
    ownRecord: exchange.ownRecord,
    partnerRecord: exchange.partnerRecord,
    basisKind: exchange.basisKind,
    basisReference: exchange.basisReference,
    basisExpiresOn: exchange.basisExpiresOn,
    requestedFields: exchange.requestedFields,
    status: exchange.status,
    releasedFields: exchange.releasedFields,
    requestedAt: exchange.requestedAt.toISOString(),
    answeredAt: exchange.answeredAt?.toISOString() ?? null,
    withdrawnAt: exchange.withdrawnAt?.toISOString() ?? null,
    identityReadable:
      exchange.status === 'received' &&
      platform.policy.decide({
        actor: request.actor,
        action: 'exchange.identity.read',
        record: report,
        category: 'identity',
        now: request.clock.now(),
      }).allowed,
  });

  /** A message to a partner's hub, signed by this installation. */
  const signed = (partner: ExchangePartner, fields: Record<string, unknown>, now: Date) =>
    signMessage(
      {
        format: MESSAGE_FORMAT,
        version: MESSAGE_VERSION,
        ...fields,
        to: partner.publicKeyFingerprint,
        sentAt: now.toISOString(),
      },
      installationKey!.privateKey,
    );

  const partnerProblemType = (body: unknown): string | null =>
    typeof body === 'object' && body !== null && typeof (body as { type?: unknown }).type === 'string'
      ? (body as { type: string }).type
      : null;

  // ---- The requesting side ----------------------------------------------------------------------

  app.get(
    '/api/exchange/candidates/:candidateId/identity-exchanges',
    {
      config: { action: 'exchange.identity.view' },
      schema: {
        tags: ['tracing'],
        params: CandidateParams,
        response: { 200: z.object({ outgoing: z.array(OutgoingView), incoming: z.array(IncomingView) }) },
      },
    },
    async (request, reply) => {
      const candidate = await findCandidate(db, request.params.candidateId, request.permittedWhere());
      if (!candidate) return reply.problem(notFound('candidate match'));
      request.authorize(candidate);
      const report = { ownerOrganisationId: candidate.reportOwnerOrganisationId };
      const outgoing = await listIdentityRequestsOfCandidate(db, candidate.id);
      const incoming = await listIncomingOfCandidate(db, candidate.id);
      return {
        outgoing: outgoing.map((exchange) => outgoingView(request, exchange, report)),
        incoming: incoming.map(incomingView),
      };
    },
  );

  app.post(
    '/api/exchange/candidates/:candidateId/identity-exchanges',
    {
      config: { action: 'exchange.identity.request' },
      schema: {
        tags: ['tracing'],
        params: CandidateParams,
        body: IdentityRequestBody,
        response: { 201: OutgoingView },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user asks for an identity exchange');
      const candidate = await findCandidate(
        db,
        request.params.candidateId,
        request.permittedWhere('match.view'),
      );
      if (!candidate) return reply.problem(notFound('candidate match'));
      request.authorize(candidate);
      const refuse = async (kind: UserRefusal, extensions: Record<string, unknown> = {}) => {
        await db.transaction((tx) =>
          appendAudit(
            tx,
            auditEntry(
              request,
              'exchange.identity.request',
              'denied',
              { type: 'match-candidate', id: candidate.id },
              {
                reason: kind,
              },
            ),
          ),
        );
        return reply.problem(userProblem(kind, extensions));
      };
      if (installationKey === null) return refuse('exchange-not-configured');
      const partner = candidate.otherKind === 'partner' ? await findPartner(db, candidate.otherId) : null;
      const basis = basisOf(request.body);
      const decision = decideIdentityRequest({
        candidate: { kind: candidate.otherKind, status: candidate.status },
        partner: partner ?? { status: 'active', hubUrl: null },
        basis,
        hasLiveRequest: await hasLiveIdentityRequest(db, candidate.id),
        today: request.clock.today(),
      });
      if (decision.outcome === 'refuse') return refuse(decision.refusal.kind);
      const id = newId();
      const answerKey = newAnswerKey();
      const partnerRecord = partnerRecordOf(candidate);
      const now = request.clock.now();
      // Record numbers and codes only: never a name, and not the basis reference.
      const envelope = signed(
        partner!,
        {
          type: 'identity-request',
          requestId: id,
          fromRecord: candidate.reportReference,
          toRecord: partnerRecord,
          basis: basis.kind,
          fields: decision.fields,
          answerKey: answerKey.publicKey,
        },
        now,
      );
      const answer = await sendToHub(partner!.hubUrl!, hubPaths.request, envelope);
      if (answer.kind === 'unreachable')
        return refuse('partner-unreachable', { detail: `Nothing was recorded: ${answer.reason}.` });
      if (answer.status !== 202)
        return refuse('partner-refused', {
          detail: 'Nothing was recorded here. The partner’s hub gave the reason as a problem type.',
          partnerProblem: partnerProblemType(answer.body),
        });
      const recorded = await db.transaction(async (tx) => {
        const exchange = await insertIdentityRequest(
          tx,
          keyring,
          {
            id,
            candidateId: candidate.id,
            reportId: candidate.reportId,
            partnerId: partner!.id,
            ownRecord: candidate.reportReference,
            partnerRecord,
            basisKind: basis.kind,
            basisReference: basis.reference,
            basisExpiresOn: basis.expiresOn,
            requestedFields: decision.fields,
            requestedBy: actor.id,
            requestedAt: now,
          },
          answerKey.privateKeyPem,
        );
        if (exchange === null) return null;
        await appendAudit(
          tx,
          auditEntry(request, 'exchange.identity.request', 'success', subjectOf(id), {
            candidateId: candidate.id,
            reportId: candidate.reportId,
            partnerId: partner!.id,
            basis: basis.kind,
            fields: decision.fields.join(','),
          }),
        );
        return exchange;
      });
      if (recorded === null) return reply.problem(userProblem('already-requested'));
      return reply
        .code(201)
        .send(outgoingView(request, recorded, { ownerOrganisationId: candidate.reportOwnerOrganisationId }));
    },
  );

  /** The exchange and its candidate, when the actor may act on it. */
  async function loadOwnExchange(request: FastifyRequest, id: string) {
    const exchange = await findIdentityRequest(db, id);
    if (!exchange) return null;
    const candidate = await findCandidate(db, exchange.candidateId, request.permittedWhere('match.view'));
    if (!candidate) return null;
    request.authorize(candidate);
    return { exchange, candidate };
  }

  app.post(
    '/api/exchange/identity-exchanges/:requestId/check',
    {
      config: { action: 'exchange.identity.request' },
      schema: { tags: ['tracing'], params: RequestParams, response: { 200: OutgoingView } },
    },
    async (request, reply) => {
      const loaded = await loadOwnExchange(request, request.params.requestId);
      if (!loaded) return reply.problem(notFound('identity exchange'));
      const { exchange, candidate } = loaded;
      const report = { ownerOrganisationId: candidate.reportOwnerOrganisationId };
      if (exchange.status !== 'sent') return reply.problem(userProblem('not-waiting'));
      if (installationKey === null) return reply.problem(userProblem('exchange-not-configured'));
      const partner = (await findPartner(db, exchange.partnerId))!;
      if (partner.status !== 'active') return reply.problem(userProblem('partner-suspended'));
      if (partner.hubUrl === null) return reply.problem(userProblem('partner-without-hub'));
      const now = request.clock.now();
      const answer = await sendToHub(
        partner.hubUrl,
        hubPaths.answer,
        signed(partner, { type: 'identity-poll', requestId: exchange.id }, now),
      );
      if (answer.kind === 'unreachable')
        return reply.problem(
          userProblem('partner-unreachable', { detail: `Nothing changed: ${answer.reason}.` }),
        );
      if (answer.status !== 200)
        return reply.problem(
          userProblem('partner-refused', {
            detail: 'Nothing changed here.',
            partnerProblem: partnerProblemType(answer.body),
          }),
        );
      const answered = z
        .object({
          status: z.enum(['pending', 'released', 'refused', 'withdrawn']),
          answer: SignedEnvelope.optional(),
        })
        .safeParse(answer.body);
      if (!answered.success) return reply.problem(userProblem('answer-unreadable'));
      if (answered.data.status === 'pending') return outgoingView(request, exchange, report);
      if (answered.data.status !== 'released') {
        const ended = await db.transaction(async (tx) => {
          const updated = await recordRequestEnded(
            tx,
            exchange.id,
            answered.data.status === 'refused' ? 'refused' : 'withdrawn',
            now,
          );
          await appendAudit(
            tx,
            auditEntry(request, 'exchange.identity.answer', 'success', subjectOf(exchange.id), {
              partnerId: partner.id,
              answer: answered.data.status,
            }),
          );
          return updated;
        });
        return outgoingView(request, ended ?? exchange, report);
      }
      // Released: the answer must be signed by this partner, for this request, and open with our key.
      const partnerKeys = await loadPartnerKeyring(db, partner.id);
      const verified = verifyEnvelope(answered.data.answer, partnerKeys.trusted);
      const release =
        verified.ok &&
        standingOf(partnerKeys, verified.signerFingerprint, request.clock.today()).standing === 'accepted'
          ? parseMessage(IdentityReleaseMessage, verified.text)
          : null;
      const unreadable = async () => {
        await db.transaction((tx) =>
          appendAudit(
            tx,
            auditEntry(request, 'exchange.identity.receive', 'failure', subjectOf(exchange.id), {
              partnerId: partner.id,
              reason: 'answer-unreadable',
            }),
          ),
        );
        return reply.problem(userProblem('answer-unreadable'));
      };
      if (
        release === null ||
        release.requestId !== exchange.id ||
        release.to !== installationKey.fingerprint ||
        release.fromRecord !== exchange.partnerRecord ||
        release.toRecord !== exchange.ownRecord ||
        !release.fields.every((group) => exchange.requestedFields.includes(group))
      )
        return unreadable();
      const received = await db.transaction(async (tx) => {
        const privateKeyPem = await openAnswerKey(tx, keyring, exchange.id);
        if (privateKeyPem === null) return 'not-waiting' as const;
        const opened = openSealedIdentity(
          release.sealed,
          privateKeyPem,
          sealingContext(exchange.id, release.fromRecord, release.toRecord),
        );
        if (opened === null) return 'unreadable' as const;
        let identity: unknown;
        try {
          identity = JSON.parse(opened);
        } catch {
          return 'unreadable' as const;
        }
        // Only the fields of the released groups are kept, and only in the register's own shape.
        const allowed = allowedFieldNames(release.fields);
        const kept = Object.fromEntries(
          Object.entries(identity as Record<string, unknown>).filter(([field]) => allowed.has(field)),
        );
        const checked = MissingPersonDetails.partial().safeParse(kept);
        if (!checked.success) return 'unreadable' as const;
        const updated = await recordIdentityReceived(
          tx,
          keyring,
          exchange.id,
          { fields: release.fields, identity: JSON.stringify(checked.data) },
          now,
        );
        if (updated === null) return 'not-waiting' as const;
        await appendAudit(
          tx,
          auditEntry(request, 'exchange.identity.receive', 'success', subjectOf(exchange.id), {
            partnerId: partner.id,
            reportId: exchange.reportId,
            partnerBasis: release.basis,
            fields: release.fields.join(','),
          }),
        );
        return updated;
      });
      if (received === 'not-waiting') return reply.problem(userProblem('not-waiting'));
      if (received === 'unreadable') return unreadable();
      return outgoingView(request, received, report);
    },
  );

  app.post(
    '/api/exchange/identity-exchanges/:requestId/withdraw',
    {
      config: { action: 'exchange.identity.request' },
      schema: {
        tags: ['tracing'],
        params: RequestParams,
        response: { 200: OutgoingView.extend({ partnerTold: z.boolean() }) },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user withdraws an identity exchange');
      const loaded = await loadOwnExchange(request, request.params.requestId);
      if (!loaded) return reply.problem(notFound('identity exchange'));
      const { exchange, candidate } = loaded;
      if (exchange.status !== 'sent' && exchange.status !== 'received')
        return reply.problem(
          userProblem('not-waiting', { detail: 'Nothing changed: the exchange has ended.' }),
        );
      const now = request.clock.now();
      // Withdrawn here whatever the partner says: the consent is gone, and so is what it allowed.
      const withdrawn = await db.transaction(async (tx) => {
        const updated = await withdrawIdentityRequest(tx, exchange.id, actor.id, now);
        if (updated === null) return null;
        return updated;
      });
      if (withdrawn === null) return reply.problem(userProblem('not-waiting'));
      const partner = await findPartner(db, exchange.partnerId);
      let partnerTold = false;
      if (installationKey !== null && partner?.hubUrl) {
        const answer = await sendToHub(
          partner.hubUrl,
          hubPaths.withdrawal,
          signed(partner, { type: 'identity-withdraw', requestId: exchange.id }, now),
        );
        partnerTold = answer.kind === 'answered' && answer.status === 200;
      }
      await db.transaction((tx) =>
        appendAudit(
          tx,
          auditEntry(request, 'exchange.identity.withdraw', 'success', subjectOf(exchange.id), {
            partnerId: exchange.partnerId,
            previousStatus: exchange.status,
            partnerTold,
          }),
        ),
      );
      return {
        ...outgoingView(request, withdrawn, { ownerOrganisationId: candidate.reportOwnerOrganisationId }),
        partnerTold,
      };
    },
  );

  app.get(
    '/api/exchange/identity-exchanges/:requestId/identity',
    {
      config: { action: 'exchange.identity.read' },
      schema: {
        tags: ['tracing'],
        params: RequestParams,
        response: {
          200: z.object({
            id: z.uuid(),
            reportId: z.uuid(),
            partnerRecord: z.string(),
            fields: FieldGroups,
            person: MissingPersonDetails.partial(),
          }),
        },
      },
    },
    async (request, reply) => {
      const read = await db.transaction(async (tx) => {
        const exchange = await findIdentityRequest(tx, request.params.requestId);
        if (!exchange) return null;
        const report = await findReport(tx, exchange.reportId, request.permittedWhere());
        if (!report) return null;
        request.authorize(report, 'identity');
        const identity =
          exchange.status === 'received' ? await openReceivedIdentity(tx, keyring, exchange.id) : null;
        await appendAudit(
          tx,
          auditEntry(
            request,
            'exchange.identity.read',
            identity === null ? 'failure' : 'success',
            subjectOf(exchange.id),
            identity === null
              ? { reportId: report.id, reason: exchange.status }
              : { reportId: report.id, partnerId: exchange.partnerId },
          ),
        );
        return { exchange, identity };
      });
      if (!read) return reply.problem(notFound('identity exchange'));
      if (read.identity === null)
        return reply.problem(
          read.exchange.status === 'withdrawn'
            ? problem(
                '/problems/exchange/identity-erased',
                { status: 410, title: 'The identity received was erased when the request was withdrawn' },
                { detail: 'It can no longer be read.' },
              )
            : userProblem('identity-not-received', { detail: `The exchange is ${read.exchange.status}.` }),
        );
      return {
        id: read.exchange.id,
        reportId: read.exchange.reportId,
        partnerRecord: read.exchange.partnerRecord,
        fields: read.exchange.releasedFields ?? [],
        person: JSON.parse(read.identity) as Partial<MissingPersonDetails>,
      };
    },
  );

  // ---- The asked side: the reviewer releases or refuses ------------------------------------------

  async function loadIncoming(request: FastifyRequest, id: string) {
    const incoming = await findIncomingRequest(db, id);
    if (!incoming) return null;
    const candidate = await findCandidate(db, incoming.candidateId, request.permittedWhere('match.view'));
    if (!candidate) return null;
    request.authorize(candidate);
    return { incoming, candidate };
  }

  app.post(
    '/api/exchange/incoming-identity-requests/:incomingId/release',
    {
      config: { action: 'exchange.identity.release' },
      schema: {
        tags: ['tracing'],
        params: IncomingParams,
        body: ReleaseBody,
        response: { 200: IncomingView },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user releases an identity');
      const loaded = await loadIncoming(request, request.params.incomingId);
      if (!loaded) return reply.problem(notFound('identity exchange request'));
      const basis = basisOf(request.body);
      const outcome = await db.transaction(async (tx) => {
        const { incoming } = loaded;
        const candidate = (await findCandidate(tx, incoming.candidateId))!;
        const partner = (await findPartner(tx, incoming.partnerId))!;
        const found = await findReportWithDetails(tx, incoming.reportId, sql.true);
        const details =
          found?.sealed == null ? null : await openDetails(tx, keyring, found.report.id, found.sealed);
        const decision = decideRelease({
          request: { status: incoming.status, requestedFields: incoming.requestedFields },
          candidate: { kind: candidate.otherKind, status: candidate.status },
          partner,
          basis,
          reportErased: details === null,
          today: request.clock.today(),
        });
        const deny = async (kind: UserRefusal) => {
          await appendAudit(
            tx,
            auditEntry(request, 'exchange.identity.release', 'denied', subjectOf(incoming.id), {
              reason: kind,
            }),
          );
          return { problem: userProblem(kind) };
        };
        if (decision.outcome === 'refuse') return deny(decision.refusal.kind);
        if (installationKey === null) return deny('exchange-not-configured');
        const context = sealingContext(incoming.requestId, found!.report.reference, incoming.partnerRecord);
        const sealedIdentity = sealForRequester(
          JSON.stringify(pickIdentity(details!, decision.fields)),
          incoming.answerKey,
          context,
        );
        const answer = signMessage(
          {
            format: MESSAGE_FORMAT,
            version: MESSAGE_VERSION,
            type: 'identity-release',
            requestId: incoming.requestId,
            to: partner.publicKeyFingerprint,
            sentAt: request.clock.now().toISOString(),
            fromRecord: found!.report.reference,
            toRecord: incoming.partnerRecord,
            basis: basis.kind,
            fields: decision.fields,
            sealed: sealedIdentity,
          },
          installationKey.privateKey,
        );
        const released = await recordRelease(
          tx,
          incoming.id,
          {
            basisKind: basis.kind,
            basisReference: basis.reference,
            basisExpiresOn: basis.expiresOn,
            fields: decision.fields,
            sealedAnswer: answer,
            by: actor.id,
          },
          request.clock.now(),
        );
        if (released === null) return deny('request-decided');
        await appendAudit(
          tx,
          auditEntry(request, 'exchange.identity.release', 'success', subjectOf(incoming.id), {
            reportId: incoming.reportId,
            candidateId: incoming.candidateId,
            partnerId: incoming.partnerId,
            basis: basis.kind,
            partnerBasis: incoming.partnerBasisKind,
            fields: decision.fields.join(','),
          }),
        );
        return { released };
      });
      if ('problem' in outcome) return reply.problem(outcome.problem);
      return incomingView(outcome.released);
    },
  );

  app.post(
    '/api/exchange/incoming-identity-requests/:incomingId/refuse',
    {
      config: { action: 'exchange.identity.release' },
      schema: {
        tags: ['tracing'],
        params: IncomingParams,
        body: RefuseBody,
        response: { 200: IncomingView },
      },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user refuses an identity exchange');
      const loaded = await loadIncoming(request, request.params.incomingId);
      if (!loaded) return reply.problem(notFound('identity exchange request'));
      const refused = await db.transaction(async (tx) => {
        const updated = await recordRefusal(
          tx,
          loaded.incoming.id,
          { reason: request.body.reason, by: actor.id },
          request.clock.now(),
        );
        if (updated === null) return null;
        // The reason is free text and may name someone: it stays in the row, not in the log, and never crosses.
        await appendAudit(
          tx,
          auditEntry(request, 'exchange.identity.refuse', 'success', subjectOf(updated.id), {
            reportId: updated.reportId,
            partnerId: updated.partnerId,
          }),
        );
        return updated;
      });
      if (refused === null)
        return reply.problem(
          userProblem(loaded.incoming.status === 'withdrawn' ? 'request-withdrawn' : 'request-decided'),
        );
      return incomingView(refused);
    },
  );

  // ---- The hub: signed messages of partner installations ------------------------------------------

  /** A refusal at the hub: audited with its reason (and the signer, once proven) only; nothing stored. */
  async function refuseAtHub(
    request: FastifyRequest,
    reply: FastifyReply,
    action: string,
    refusal: HubRefusal,
    partnerId?: string,
  ): Promise<FastifyReply> {
    await db.transaction((tx) =>
      appendAudit(
        tx,
        auditEntry(
          request,
          action,
          'denied',
          undefined,
          { reason: refusal, ...(partnerId ? { partnerId } : {}) },
          exchangeHub,
        ),
      ),
    );
    return reply.problem(hubProblem(refusal));
  }

  /**
   * Verifies a partner's signed message: signed by a registered key, of an active partner, a key not
   * retired, addressed to this installation, recent, and of the expected kind. Any refusal is
   * audited with its reason only, and nothing is stored.
   */
  async function receiveMessage<Schema extends z.ZodType>(
    request: FastifyRequest,
    reply: FastifyReply,
    action: string,
    schema: Schema,
  ): Promise<{ message: z.infer<Schema>; partner: ExchangePartner } | { refused: FastifyReply }> {
    const refuse = async (refusal: HubRefusal, partnerId?: string) => ({
      refused: await refuseAtHub(request, reply, action, refusal, partnerId),
    });
    if (installationKey === null) return refuse('exchange-not-configured');
    const keyring = await loadPartnerKeyring(db);
    const verified = verifyEnvelope(request.body, keyring.trusted);
    if (!verified.ok)
      return refuse(
        verified.refusal === 'unknown-key'
          ? 'unknown-partner'
          : verified.refusal === 'bad-signature'
            ? 'bad-signature'
            : 'unsigned',
      );
    const { key, standing } = standingOf(keyring, verified.signerFingerprint, request.clock.today());
    if (standing !== 'accepted') return refuse(standing, key.partnerId);
    const message = parseMessage(schema, verified.text) as
      | (z.infer<Schema> & { to: string; sentAt: string })
      | null;
    if (message === null) return refuse('invalid-message', key.partnerId);
    if (message.to !== installationKey.fingerprint) return refuse('not-for-this-installation', key.partnerId);
    if (!isTimely(message.sentAt, request.clock.now())) return refuse('stale-message', key.partnerId);
    return { message, partner: (await findPartner(db, key.partnerId))! };
  }

  app.post(
    hubPaths.request,
    {
      // Authenticated by the message's signature against the registered partners' keys.
      config: { public: true },
      schema: {
        tags: ['tracing'],
        response: { 202: z.object({ status: z.enum(['pending', 'released', 'refused', 'withdrawn']) }) },
      },
    },
    async (request, reply) => {
      const received = await receiveMessage(
        request,
        reply,
        'exchange.identity.incoming',
        IdentityRequestMessage,
      );
      if ('refused' in received) return received.refused;
      const { message, partner } = received;
      const refuse = (refusal: HubRefusal) =>
        refuseAtHub(request, reply, 'exchange.identity.incoming', refusal, partner.id);
      if (!isAnswerKey(message.answerKey)) return refuse('invalid-message');
      const reportId = await findReportIdByReference(db, message.toRecord);
      const found = reportId === null ? null : await findReportWithDetails(db, reportId, sql.true);
      const candidateId =
        reportId === null ? null : await findPartnerCandidateId(db, reportId, partner, message.fromRecord);
      const candidate = candidateId === null ? null : await findCandidate(db, candidateId);
      const decision = decideIncomingRequest({
        report: found === null ? null : { erased: found.sealed === null },
        candidate: candidate === null ? null : { kind: candidate.otherKind, status: candidate.status },
      });
      if (decision.outcome === 'refuse') return refuse(decision.refusal.kind);
      const kept = await db.transaction(async (tx) => {
        const stored = await insertIncomingRequest(tx, {
          id: newId(),
          partnerId: partner.id,
          requestId: message.requestId,
          partnerRecord: message.fromRecord,
          reportId: reportId!,
          candidateId: candidateId!,
          partnerBasisKind: message.basis,
          requestedFields: [...new Set(message.fields)] as IdentityFieldGroup[],
          answerKey: message.answerKey,
          receivedAt: request.clock.now(),
        });
        if (stored.isNew)
          await appendAudit(
            tx,
            auditEntry(
              request,
              'exchange.identity.incoming',
              'success',
              subjectOf(stored.incoming.id),
              {
                partnerId: partner.id,
                reportId: reportId!,
                candidateId: candidateId!,
                partnerBasis: message.basis,
                fields: stored.incoming.requestedFields.join(','),
              },
              exchangeHub,
            ),
          );
        return stored.incoming;
      });
      return reply.code(202).send({ status: kept.status });
    },
  );

  app.post(
    hubPaths.answer,
    {
      config: { public: true },
      schema: {
        tags: ['tracing'],
        response: {
          200: z.object({
            status: z.enum(['pending', 'released', 'refused', 'withdrawn']),
            answer: SignedEnvelope.optional(),
          }),
        },
      },
    },
    async (request, reply) => {
      const received = await receiveMessage(request, reply, 'exchange.identity.deliver', IdentityPollMessage);
      if ('refused' in received) return received.refused;
      const { message, partner } = received;
      const incoming = await findIncomingByRequest(db, partner.id, message.requestId);
      if (incoming === null)
        return refuseAtHub(request, reply, 'exchange.identity.deliver', 'unknown-request', partner.id);
      if (incoming.status !== 'released') return { status: incoming.status };
      const answer = await db.transaction(async (tx) => {
        const sealed = await findSealedAnswer(tx, incoming.id);
        if (sealed === null) return null;
        await recordDelivered(tx, incoming.id, request.clock.now());
        await appendAudit(
          tx,
          auditEntry(
            request,
            'exchange.identity.deliver',
            'success',
            subjectOf(incoming.id),
            {
              partnerId: partner.id,
              reportId: incoming.reportId,
              fields: (incoming.releasedFields ?? []).join(','),
            },
            exchangeHub,
          ),
        );
        return sealed;
      });
      return answer === null ? { status: 'withdrawn' as const } : { status: 'released' as const, answer };
    },
  );

  app.post(
    hubPaths.withdrawal,
    {
      config: { public: true },
      schema: { tags: ['tracing'], response: { 200: z.object({ status: z.literal('withdrawn') }) } },
    },
    async (request, reply) => {
      const received = await receiveMessage(
        request,
        reply,
        'exchange.identity.withdrawn',
        IdentityWithdrawMessage,
      );
      if ('refused' in received) return received.refused;
      const { message, partner } = received;
      const incoming = await findIncomingByRequest(db, partner.id, message.requestId);
      if (incoming === null)
        return refuseAtHub(request, reply, 'exchange.identity.withdrawn', 'unknown-request', partner.id);
      await db.transaction(async (tx) => {
        const withdrawn = await recordIncomingWithdrawn(tx, incoming.id, request.clock.now());
        await appendAudit(
          tx,
          auditEntry(
            request,
            'exchange.identity.withdrawn',
            'success',
            subjectOf(incoming.id),
            {
              partnerId: partner.id,
              reportId: incoming.reportId,
              previousStatus: incoming.status,
              changed: withdrawn !== null,
            },
            exchangeHub,
          ),
        );
      });
      return { status: 'withdrawn' as const };
    },
  );
};
