import { createHash } from 'node:crypto';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { loadDeployment } from '../../deployment.js';
import { type Problem, problem, validationProblem } from '../../http/problem.js';
import { newId } from '../../kernel/ids.js';
import type { Platform } from '../../platform.js';
import type { SystemActor } from '../../security/actor.js';
import { appendAudit } from '../../security/audit.store.js';
import { auditEntry } from '../../security/audit-entry.js';
import { LinkageInputError } from '../linkage-file.js';
import { readSecretFile, secretKeyCheck } from '../pprl-file.js';
import { recordPartnerCandidate } from '../register/match-candidate.store.js';
import { IsoDateText } from '../register/missing-person-report.schema.js';
import {
  type ExchangePartner,
  findPartner,
  insertExchangeCandidates,
  insertPartner,
  insertPartnerKey,
  insertUpload,
  listPartnerKeys,
  listPartners,
  listUploads,
  type PartnerKey,
  updatePartnerHub,
  updatePartnerStatus,
} from './exchange.store.js';
import { HubMatcher, matchUpload, schemaKeyOf } from './hub.js';
import { loadInstallationKey } from './hub-client.js';
import { identityExchangeRoutes } from './identity-exchange.routes.js';
import { decideKeyRotation, decidePartnerStatusChange, keyState } from './partner.js';
import { loadPartnerKeyring, standingOf } from './partner-keyring.js';
import { ClkSignatureError, parsePublicKeyPem, publicKeyFingerprint, readVerifiedClk } from './signature.js';

// Partner installations and the exchange hub (issue 5 acceptance 4 and 9; docs/decisions/0025).
// Partners are registered by the national coordinator or the system administrator; an upload is
// authenticated by its Ed25519 signature against the registered partners' keys, not by a session.
// Everything that crosses is encodings and pseudonymous record numbers; the audit holds ids and
// counts only.

/** The hub acts on an upload as a system actor: a partner installation is not a user. */
const exchangeHub: SystemActor = { kind: 'system', id: 'exchange-hub', organisationId: null, roles: [] };

/** Largest upload: about 250 000 balanced encodings. */
export const MAX_UPLOAD_BYTES = 64 * 1024 * 1024;
/** The name an upload goes by in messages. */
const UPLOAD_NAME = 'upload.clk';

const PartnerKeyView = z.object({
  publicKeyFingerprint: z.string(),
  registeredAt: z.string(),
  retiresOn: z.string().nullable(),
  state: z.enum(['current', 'retiring', 'retired']),
});

const PartnerView = z.object({
  id: z.string(),
  countryCode: z.string(),
  name: z.string(),
  publicKey: z.string(),
  publicKeyFingerprint: z.string(),
  registeredAt: z.string(),
  status: z.enum(['active', 'suspended']),
  hubUrl: z.string().nullable(),
  keys: z.array(PartnerKeyView),
});

const HubUrl = z
  .string({ error: 'Enter the address of the partner’s hub' })
  .trim()
  .max(500, 'An address is at most 500 characters')
  .regex(
    /^https?:\/\/[^\s]+$/,
    'Enter the address of the partner’s hub, such as https://palermo.example.org',
  );

const PartnerRegistration = z.strictObject({
  countryCode: z
    .string({ error: 'Enter the partner’s country code' })
    .regex(/^[A-Z]{2,3}$/, 'Enter the country code in capital letters (ISO 3166-1, e.g. MD or MDA)'),
  name: z
    .string({ error: 'Enter the name of the partner installation' })
    .trim()
    .min(1, 'Enter the name of the partner installation')
    .max(200, 'Give at most 200 characters'),
  publicKey: z
    .string({ error: 'Paste the partner’s public key' })
    .min(1, 'Paste the partner’s public key')
    .max(2000, 'A public key is shorter than this'),
  hubUrl: HubUrl.optional(),
});

const PartnerParams = z.strictObject({ partnerId: z.uuid('Not a partner id') });

const KeyRotation = z.strictObject({
  publicKey: z
    .string({ error: 'Paste the partner’s new public key' })
    .min(1, 'Paste the partner’s new public key')
    .max(2000, 'A public key is shorter than this'),
  /** The first day the old key is refused; absent: retired at once. */
  oldKeyRetiresOn: IsoDateText.optional(),
});

const HistoryEntry = z.object({
  id: z.string(),
  partnerId: z.string(),
  countryCode: z.string(),
  partnerName: z.string(),
  uploadedAt: z.string(),
  recordCount: z.number(),
  candidateCount: z.number(),
});

const UploadCandidate = z.object({
  left_id: z.string(),
  right_id: z.string(),
  right_country: z.string(),
  similarity: z.number(),
});

const partnerView = (partner: ExchangePartner, keys: readonly PartnerKey[], today: string) => ({
  id: partner.id,
  countryCode: partner.countryCode,
  name: partner.name,
  publicKey: partner.publicKey,
  publicKeyFingerprint: partner.publicKeyFingerprint,
  registeredAt: partner.registeredAt.toISOString(),
  status: partner.status,
  hubUrl: partner.hubUrl,
  keys: keys
    .filter((key) => key.partnerId === partner.id)
    .map((key) => ({
      publicKeyFingerprint: key.publicKeyFingerprint,
      registeredAt: key.registeredAt.toISOString(),
      retiresOn: key.retiresOn,
      state: keyState(key, today),
    })),
});

type UploadRefusal =
  | 'unsigned'
  | 'unknown-partner'
  | 'bad-signature'
  | 'partner-suspended'
  | 'key-retired'
  | 'invalid-file'
  | 'different-secret';

const uploadRefusals: Record<UploadRefusal, { status: number; title: string }> = {
  unsigned: { status: 401, title: 'The file is not signed' },
  'unknown-partner': { status: 403, title: 'The file is not signed by a registered partner installation' },
  'bad-signature': { status: 403, title: 'The signature of the file does not verify' },
  'partner-suspended': { status: 403, title: 'The partner installation is suspended' },
  'key-retired': { status: 403, title: 'The file is signed with a retired key' },
  'invalid-file': { status: 422, title: 'The file is not an encoding file this hub reads' },
  'different-secret': {
    status: 422,
    title: 'The file was encoded with another secret than this installation’s partners share',
  },
};

const uploadProblem = (refusal: UploadRefusal, detail: string): Problem =>
  problem(`/problems/exchange/${refusal}`, uploadRefusals[refusal], {
    detail: `${detail}. Nothing was stored.`,
  });

function refusalOf(error: LinkageInputError): UploadRefusal {
  if (!(error instanceof ClkSignatureError)) return 'invalid-file';
  if (error.reason === 'unsigned') return 'unsigned';
  if (error.reason === 'unknown-key') return 'unknown-partner';
  return 'bad-signature';
}

export const exchangeRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const { db, keyring } = platform;
  // Read at boot: a configured secret that cannot be read stops the server with its reason.
  const secret = platform.config.pprlSecretFile ? readSecretFile(platform.config.pprlSecretFile) : null;
  const ownCountry = loadDeployment(platform.config.deployment).settings.country.code;
  // Read at boot too: the installation's key signs identity-exchange messages (docs/decisions/0026).
  const installationKey = loadInstallationKey(platform.config.exchangeKeyFile);
  // Large uploads are scored on worker threads, started on first need and stopped with the server.
  const matcher = new HubMatcher();
  app.addHook('onClose', async () => {
    await matcher.close();
  });
  await app.register(identityExchangeRoutes, { platform, installationKey });

  const partnersWithKeys = async (partners: readonly ExchangePartner[], today: string) => {
    const keys = await listPartnerKeys(db);
    return partners.map((partner) => partnerView(partner, keys, today));
  };

  // Scoped to these routes: uploads are the `.clk` bytes as written by `palermo pprl sign`.
  app.addContentTypeParser(
    'application/octet-stream',
    { parseAs: 'buffer', bodyLimit: MAX_UPLOAD_BYTES },
    (_request, body, done) => done(null, body),
  );

  app.get(
    '/api/exchange/partners',
    {
      config: { action: 'exchange.partner.view' },
      schema: { tags: ['tracing'], response: { 200: z.object({ partners: z.array(PartnerView) }) } },
    },
    async (request) => ({ partners: await partnersWithKeys(await listPartners(db), request.clock.today()) }),
  );

  app.post(
    '/api/exchange/partners',
    {
      config: { action: 'exchange.partner.register' },
      schema: { tags: ['tracing'], body: PartnerRegistration, response: { 201: PartnerView } },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user registers a partner');
      const key = parsePublicKeyPem(request.body.publicKey);
      if (key === null)
        return reply.problem(
          validationProblem([
            {
              pointer: '/body/publicKey',
              detail:
                'This is not an Ed25519 public key in PEM form (the .pub file of `palermo pprl keygen`)',
            },
          ]),
        );
      const at = request.clock.now();
      const registered = await db.transaction(async (tx) => {
        const partner = await insertPartner(tx, {
          id: newId(),
          countryCode: request.body.countryCode,
          name: request.body.name,
          publicKey: key.export({ type: 'spki', format: 'pem' }).toString(),
          publicKeyFingerprint: publicKeyFingerprint(key),
          registeredBy: actor.id,
          registeredAt: at,
          status: 'active',
          hubUrl: request.body.hubUrl ?? null,
        });
        if (partner === null) return null;
        await appendAudit(
          tx,
          auditEntry(
            request,
            'exchange.partner.register',
            'success',
            { type: 'exchange-partner', id: partner.id },
            {
              countryCode: partner.countryCode,
            },
          ),
        );
        return partner;
      });
      if (registered === null)
        return reply.problem(
          problem(
            '/problems/exchange/partner-key-registered',
            { status: 409, title: 'This public key is registered already' },
            {
              detail: 'Nothing was recorded. A partner installation is registered once, by its key.',
              errors: [{ pointer: '/body/publicKey', detail: 'This public key is registered already' }],
            },
          ),
        );
      return reply.code(201).send((await partnersWithKeys([registered], request.clock.today()))[0]!);
    },
  );

  const partnerNotFound = () =>
    problem(
      '/problems/not-found',
      { status: 404, title: 'Not found' },
      { detail: 'No partner installation with this id' },
    );

  for (const [verb, to] of [
    ['suspend', 'suspended'],
    ['reinstate', 'active'],
  ] as const) {
    app.post(
      `/api/exchange/partners/:partnerId/${verb}`,
      {
        config: { action: 'exchange.partner.suspend' },
        schema: { tags: ['tracing'], params: PartnerParams, response: { 200: PartnerView } },
      },
      async (request, reply) => {
        const outcome = await db.transaction(async (tx) => {
          const partner = await findPartner(tx, request.params.partnerId);
          if (partner === null) return { problem: partnerNotFound() };
          const decision = decidePartnerStatusChange(partner.status, to);
          if (decision.outcome === 'refuse')
            return {
              problem: problem(
                '/problems/exchange/partner-already-in-status',
                { status: 409, title: 'The partner installation already has this status' },
                {
                  detail: `Nothing changed: the partner is ${partner.status}.`,
                  currentStatus: partner.status,
                },
              ),
            };
          const changed = await updatePartnerStatus(tx, partner.id, decision, request.clock.now());
          if (changed === null) return { problem: partnerNotFound() };
          await appendAudit(
            tx,
            auditEntry(
              request,
              `exchange.partner.${verb}`,
              'success',
              { type: 'exchange-partner', id: partner.id },
              {
                countryCode: partner.countryCode,
                from: decision.from,
                to: decision.to,
              },
            ),
          );
          return { partner: changed };
        });
        if (outcome.problem) return reply.problem(outcome.problem);
        return (await partnersWithKeys([outcome.partner], request.clock.today()))[0]!;
      },
    );
  }

  app.post(
    '/api/exchange/partners/:partnerId/keys',
    {
      config: { action: 'exchange.partner.rotate-key' },
      schema: { tags: ['tracing'], params: PartnerParams, body: KeyRotation, response: { 201: PartnerView } },
    },
    async (request, reply) => {
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user rotates a partner’s key');
      const key = parsePublicKeyPem(request.body.publicKey);
      if (key === null)
        return reply.problem(
          validationProblem([
            {
              pointer: '/body/publicKey',
              detail:
                'This is not an Ed25519 public key in PEM form (the .pub file of `palermo pprl keygen`)',
            },
          ]),
        );
      const today = request.clock.today();
      const decision = decideKeyRotation(request.body.oldKeyRetiresOn ?? null, today);
      if (decision.outcome === 'refuse')
        return reply.problem(
          validationProblem([
            {
              pointer: '/body/oldKeyRetiresOn',
              detail:
                decision.refusal.kind === 'retirement-in-the-past'
                  ? 'Give today or a later day, or leave it empty to retire the old key at once'
                  : `Give a day until ${decision.refusal.latest} at the latest`,
            },
          ]),
        );
      const outcome = await db.transaction(async (tx) => {
        const partner = await findPartner(tx, request.params.partnerId);
        if (partner === null) return { problem: partnerNotFound() };
        const rotated = await insertPartnerKey(
          tx,
          {
            partnerId: partner.id,
            publicKey: key.export({ type: 'spki', format: 'pem' }).toString(),
            publicKeyFingerprint: publicKeyFingerprint(key),
            registeredBy: actor.id,
            registeredAt: request.clock.now(),
          },
          decision.oldKeysRetireOn,
        );
        if (rotated === null)
          return {
            problem: problem(
              '/problems/exchange/partner-key-registered',
              { status: 409, title: 'This public key is registered already' },
              {
                detail: 'Nothing was recorded. A key is registered once, to one partner.',
                errors: [{ pointer: '/body/publicKey', detail: 'This public key is registered already' }],
              },
            ),
          };
        await appendAudit(
          tx,
          auditEntry(
            request,
            'exchange.partner.rotate-key',
            'success',
            { type: 'exchange-partner', id: partner.id },
            {
              countryCode: partner.countryCode,
              newKey: rotated.publicKeyFingerprint,
              oldKeysRetireOn: decision.oldKeysRetireOn,
            },
          ),
        );
        return { partner: rotated };
      });
      if (outcome.problem) return reply.problem(outcome.problem);
      return reply.code(201).send((await partnersWithKeys([outcome.partner], today))[0]!);
    },
  );

  app.post(
    '/api/exchange/partners/:partnerId/hub',
    {
      config: { action: 'exchange.partner.register' },
      schema: {
        tags: ['tracing'],
        params: PartnerParams,
        body: z.strictObject({ hubUrl: HubUrl.nullable() }),
        response: { 200: PartnerView },
      },
    },
    async (request, reply) => {
      const changed = await db.transaction(async (tx) => {
        const partner = await updatePartnerHub(tx, request.params.partnerId, request.body.hubUrl);
        if (partner === null) return null;
        await appendAudit(
          tx,
          auditEntry(
            request,
            'exchange.partner.hub',
            'success',
            { type: 'exchange-partner', id: partner.id },
            {
              countryCode: partner.countryCode,
              hasHub: partner.hubUrl !== null,
            },
          ),
        );
        return partner;
      });
      if (changed === null) return reply.problem(partnerNotFound());
      return (await partnersWithKeys([changed], request.clock.today()))[0]!;
    },
  );

  app.get(
    '/api/exchange/uploads',
    {
      config: { action: 'exchange.history.view' },
      schema: {
        tags: ['tracing'],
        querystring: z.strictObject({
          limit: z.coerce.number().int().min(1).max(200).default(50),
          offset: z.coerce.number().int().min(0).default(0),
        }),
        response: { 200: z.object({ uploads: z.array(HistoryEntry) }) },
      },
    },
    async (request) => ({
      uploads: (await listUploads(db, request.query)).map((entry) => ({
        ...entry,
        uploadedAt: entry.uploadedAt.toISOString(),
      })),
    }),
  );

  app.post(
    '/api/exchange/uploads',
    {
      // Authenticated by the file's signature against the registered partners' keys.
      config: { public: true },
      bodyLimit: MAX_UPLOAD_BYTES,
      schema: {
        tags: ['tracing'],
        response: {
          200: z.object({
            uploadId: z.string(),
            records: z.number(),
            candidates: z.array(UploadCandidate),
          }),
        },
      },
    },
    async (request, reply) => {
      const refuse = async (refusal: UploadRefusal, detail: string, partnerId?: string) => {
        // The refusal is audited (its reason only); nothing of the file is kept.
        await db.transaction((tx) =>
          appendAudit(
            tx,
            auditEntry(
              request,
              'exchange.upload',
              'denied',
              undefined,
              { reason: refusal, ...(partnerId ? { partnerId } : {}) },
              exchangeHub,
            ),
          ),
        );
        return reply.problem(uploadProblem(refusal, detail));
      };
      if (!Buffer.isBuffer(request.body))
        return refuse('invalid-file', `${UPLOAD_NAME}: send the signed file as application/octet-stream`);
      const bytes = request.body;
      // Every key, suspended partners' and retired ones too: the signature is proven first, the
      // signer's standing is judged after (docs/decisions/0026).
      const partnerKeys = await loadPartnerKeyring(db);
      let verified: ReturnType<typeof readVerifiedClk>;
      try {
        verified = readVerifiedClk(bytes, UPLOAD_NAME, partnerKeys.trusted, { requireSignature: true });
      } catch (error) {
        if (!(error instanceof LinkageInputError)) throw error;
        return refuse(refusalOf(error), error.message);
      }
      const { file } = verified;
      const { key, standing } = standingOf(partnerKeys, verified.signerFingerprint!, request.clock.today());
      if (standing !== 'accepted')
        return refuse(
          standing,
          standing === 'partner-suspended'
            ? `${UPLOAD_NAME}: the partner installation that signed it is suspended`
            : `${UPLOAD_NAME}: signed with a key that was retired on ${key.retiresOn}`,
          key.partnerId,
        );
      const partner = { id: key.partnerId, countryCode: key.countryCode };
      if (secret !== null && file.header.keyCheck !== secretKeyCheck(secret))
        return refuse(
          'different-secret',
          `${UPLOAD_NAME}: the key check ${file.header.keyCheck} is not that of the secret this installation shares with its partners`,
        );

      const { candidates, ownReportIds } = await matchUpload(
        db,
        keyring,
        { file, partnerId: partner.id },
        { secret, countryCode: ownCountry },
        matcher,
      );
      const uploadId = newId();
      const at = request.clock.now();
      const proposed = await db.transaction(async (tx) => {
        await insertUpload(tx, {
          id: uploadId,
          partnerId: partner.id,
          uploadedAt: at,
          recordCount: file.header.count,
          candidateCount: candidates.length,
          schemaKey: schemaKeyOf(file),
          keyCheck: file.header.keyCheck,
          fileSha256: createHash('sha256').update(bytes).digest('hex'),
          content: bytes,
        });
        await insertExchangeCandidates(
          tx,
          uploadId,
          candidates.map((candidate) => ({
            leftRecord: candidate.left_id,
            otherPartnerId: candidate.otherPartnerId,
            rightRecord: candidate.right_id,
            similarity: candidate.similarity,
          })),
        );
        // A candidate for one of this installation's reports waits in its review queue.
        let proposedForReview = 0;
        for (const candidate of candidates) {
          const reportId =
            candidate.otherPartnerId === null ? ownReportIds.get(candidate.right_id) : undefined;
          if (reportId === undefined) continue;
          const recorded = await recordPartnerCandidate(
            tx,
            {
              reportId,
              partnerId: partner.id,
              partnerRecord: `${partner.countryCode}:${candidate.left_id}`,
              similarity: candidate.similarity,
            },
            at,
          );
          if (recorded === 'proposed') proposedForReview += 1;
        }
        await appendAudit(
          tx,
          auditEntry(
            request,
            'exchange.upload',
            'success',
            { type: 'exchange-upload', id: uploadId },
            {
              partnerId: partner.id,
              records: file.header.count,
              candidates: candidates.length,
              proposedForReview,
            },
            exchangeHub,
          ),
        );
        return proposedForReview;
      });
      request.log.info(
        { uploadId, records: file.header.count, candidates: candidates.length, proposed },
        'exchange upload',
      );
      return {
        uploadId,
        records: file.header.count,
        candidates: candidates.map(({ left_id, right_id, right_country, similarity }) => ({
          left_id,
          right_id,
          right_country,
          similarity,
        })),
      };
    },
  );
};
