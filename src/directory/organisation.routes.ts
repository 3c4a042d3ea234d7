import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound, ProblemError, problem, validationProblem } from '../http/problem.js';
import { newId } from '../kernel/ids.js';
import type { Platform } from '../platform.js';
import { appendAudit } from '../security/audit.store.js';
import { auditEntry } from '../security/audit-entry.js';
import type { Organisation } from './organisation.js';
import {
  OrganisationChange,
  OrganisationInput,
  OrganisationParams,
  OrganisationView,
} from './organisation.schema.js';
import {
  findOrganisation,
  insertOrganisation,
  listOrganisations,
  updateOrganisation,
} from './organisation.store.js';

const nameTaken = () =>
  new ProblemError(
    problem(
      '/problems/organisation/name-taken',
      { status: 409, title: 'An organisation with this name exists' },
      { errors: [{ pointer: '/body/name', detail: 'An organisation with this name exists' }] },
    ),
  );

export const organisationRoutes: FastifyPluginAsyncZod<{
  platform: Platform;
  regions: readonly string[];
}> = async (app, { platform, regions }) => {
  const { db } = platform;
  const checkRegion = (region: string | undefined) => {
    if (region !== undefined && !regions.includes(region))
      throw new ProblemError(
        validationProblem([{ pointer: '/body/region', detail: 'Choose one of the regions' }]),
      );
  };

  app.get(
    '/api/organisations',
    {
      config: { action: 'organisation.view' },
      schema: {
        tags: ['directory'],
        response: { 200: z.object({ organisations: z.array(OrganisationView) }) },
      },
    },
    async (request) => {
      const organisations = await listOrganisations(db, request.permittedWhere());
      return {
        organisations: organisations.map((organisation) => ({
          ...organisation,
          allowedActions: request.allowedActions('organisation', organisation),
        })),
      };
    },
  );

  app.get(
    '/api/organisations/:organisationId',
    {
      config: { action: 'organisation.view' },
      schema: { tags: ['directory'], params: OrganisationParams, response: { 200: OrganisationView } },
    },
    async (request, reply) => {
      const organisation = await findOrganisation(
        db,
        request.params.organisationId,
        request.permittedWhere(),
      );
      if (!organisation) return reply.problem(notFound('organisation'));
      return { ...organisation, allowedActions: request.allowedActions('organisation', organisation) };
    },
  );

  app.post(
    '/api/organisations',
    {
      config: { action: 'organisation.create' },
      schema: { tags: ['directory'], body: OrganisationInput, response: { 201: OrganisationView } },
    },
    async (request, reply) => {
      checkRegion(request.body.region);
      request.authorize();
      const organisation: Organisation = { id: newId(), ...request.body };
      const created = await db.transaction(async (tx) => {
        const inserted = await insertOrganisation(tx, organisation, request.clock.now());
        if (!inserted) throw nameTaken();
        await appendAudit(tx, auditEntry(request, 'organisation.create', 'success', subject(inserted)));
        return inserted;
      });
      return reply
        .code(201)
        .send({ ...created, allowedActions: request.allowedActions('organisation', created) });
    },
  );

  app.patch(
    '/api/organisations/:organisationId',
    {
      config: { action: 'organisation.update' },
      schema: {
        tags: ['directory'],
        params: OrganisationParams,
        body: OrganisationChange,
        response: { 200: OrganisationView },
      },
    },
    async (request, reply) => {
      checkRegion(request.body.region);
      const updated = await db.transaction(async (tx) => {
        const current = await findOrganisation(
          tx,
          request.params.organisationId,
          request.permittedWhere('organisation.view'),
        );
        if (!current) return null;
        request.authorize(current);
        const changed = await updateOrganisation(
          tx,
          { ...current, ...request.body },
          request.clock.now(),
        ).catch((error: { constraint?: string }) => {
          if (error.constraint === 'organisation_name_unique') throw nameTaken();
          throw error;
        });
        await appendAudit(tx, auditEntry(request, 'organisation.update', 'success', subject(current)));
        return changed!;
      });
      if (!updated) return reply.problem(notFound('organisation'));
      return { ...updated, allowedActions: request.allowedActions('organisation', updated) };
    },
  );
};

const subject = (organisation: Organisation) => ({ type: 'organisation', id: organisation.id });
