import type { FastifyRequest } from 'fastify';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, problem } from '../http/problem.js';
import type { Platform } from '../platform.js';
import { appendAudit } from '../security/audit.store.js';
import { auditEntry } from '../security/audit-entry.js';
import { blindIndex } from '../security/field-encryption.js';
import {
  DOCUMENT_NUMBER_PURPOSE,
  documentNumberForLookup,
  identityWithoutContacts,
  type Person,
} from './person.js';
import { IdentityView, PersonLookup, PersonParams, PersonRegistration, PersonView } from './person.schema.js';
import {
  findPerson,
  findPersonWithIdentity,
  listPersonsByDocumentIndex,
  openIdentityUnlessErased,
  registerPerson,
} from './person.store.js';

export const personErased = () =>
  problem(
    '/problems/person/erased',
    { status: 410, title: "This person's identity was erased" },
    { detail: 'The identity can no longer be read; the pseudonymous record remains' },
  );

/** A look-up by document number finds one person, or a few registered by several agencies. */
export const LOOKUP_LIMIT = 50;

const subject = (person: Pick<Person, 'id'>) => ({ type: 'person', id: person.id });

export const personRoutes: FastifyPluginAsyncZod<{ platform: Platform }> = async (app, { platform }) => {
  const { db, keyring, policy } = platform;

  const view = (request: FastifyRequest, person: Person) => ({
    id: person.id,
    reference: person.reference,
    ownerOrganisationId: person.ownerOrganisationId,
    registeredAt: person.registeredAt.toISOString(),
    erasedAt: person.erasedAt?.toISOString() ?? null,
    allowedActions: request.allowedActions('person', person),
  });
  const mayRead = (request: FastifyRequest, person: Person, category: string) =>
    policy.decide({
      actor: request.actor,
      action: 'person.view',
      record: person,
      category,
      now: request.clock.now(),
    }).allowed;

  app.post(
    '/api/persons',
    {
      config: { action: 'person.register' },
      schema: { tags: ['persons'], body: PersonRegistration, response: { 201: PersonView } },
    },
    async (request, reply) => {
      request.authorize();
      const { actor } = request;
      if (actor.kind !== 'user') throw new Error('only a signed-in user registers a person');
      const registered = await db.transaction(async (tx) => {
        const person = await registerPerson(tx, keyring, {
          identity: request.body.identity,
          ownerOrganisationId: actor.organisationId,
          at: request.clock.now(),
        });
        await appendAudit(tx, auditEntry(request, 'person.register', 'success', subject(person)));
        return (await findPerson(tx, person.id))!;
      });
      return reply.code(201).send(view(request, registered));
    },
  );

  app.get(
    '/api/persons',
    {
      config: { action: 'person.view' },
      schema: {
        tags: ['persons'],
        querystring: PersonLookup,
        response: { 200: z.object({ persons: z.array(PersonView) }) },
      },
    },
    async (request) => {
      const documentIndex = blindIndex(
        keyring,
        DOCUMENT_NUMBER_PURPOSE,
        documentNumberForLookup(request.query.documentNumber),
      );
      // A look-up by document number uses identity data: it is audited, without the number.
      const persons = await db.transaction(async (tx) => {
        const found = await listPersonsByDocumentIndex(
          tx,
          documentIndex,
          request.permittedWhere(),
          LOOKUP_LIMIT,
        );
        await appendAudit(
          tx,
          auditEntry(request, 'person.lookup', 'success', undefined, { found: found.length }),
        );
        return found;
      });
      return { persons: persons.map((person) => view(request, person)) };
    },
  );

  app.get(
    '/api/persons/:personId',
    {
      config: { action: 'person.view' },
      schema: { tags: ['persons'], params: PersonParams, response: { 200: PersonView } },
    },
    async (request, reply) => {
      const person = await findPerson(db, request.params.personId, request.permittedWhere());
      if (!person) return reply.problem(notFound('person'));
      return view(request, person);
    },
  );

  app.get(
    '/api/persons/:personId/identity',
    {
      config: { action: 'person.view' },
      schema: { tags: ['persons'], params: PersonParams, response: { 200: IdentityView } },
    },
    async (request, reply) => {
      const read = await db.transaction(async (tx) => {
        const found = await findPersonWithIdentity(tx, request.params.personId, request.permittedWhere());
        if (!found) return null;
        const { person, sealedIdentity } = found;
        request.authorize(person, 'identity');
        const identity = await openIdentityUnlessErased(tx, keyring, { person, sealedIdentity });
        if (identity === null) {
          await appendAudit(
            tx,
            auditEntry(request, 'person.identity.read', 'failure', subject(person), { reason: 'erased' }),
          );
          return { person, identity };
        }
        const withContacts = mayRead(request, person, 'contact');
        await appendAudit(
          tx,
          auditEntry(request, 'person.identity.read', 'success', subject(person), {
            categories: withContacts ? 'identity contact' : 'identity',
          }),
        );
        return { person, identity: withContacts ? identity : identityWithoutContacts(identity) };
      });
      if (!read) return reply.problem(notFound('person'));
      if (!read.identity) return reply.problem(personErased());
      return { id: read.person.id, reference: read.person.reference, identity: read.identity };
    },
  );
};
