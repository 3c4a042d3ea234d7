import { z } from 'zod';
import { organisationKinds } from './organisation.js';

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max)
    .nullable()
    .transform((value) => (value === '' ? null : value));

const places = z
  .number({ error: 'Enter the number of places' })
  .int('Enter a whole number of places')
  .min(0, 'Places cannot be negative')
  .max(10000)
  .nullable();

export const ContactPointInput = z.strictObject({
  phone: optionalText(40).refine((phone) => phone === null || /^\+?[0-9 ()-]{3,40}$/.test(phone), {
    message: 'Enter a phone number using digits, spaces and an optional +',
  }),
  email: optionalText(254).refine((email) => email === null || z.email().safeParse(email).success, {
    message: 'Enter an email address like name@example.org',
  }),
  hours: optionalText(200),
});

export const OrganisationInput = z.strictObject({
  name: z.string().trim().min(1, 'Enter the name of the organisation').max(200),
  kind: z.enum(organisationKinds, { error: 'Choose the kind of organisation' }),
  region: z.string().trim().min(1, 'Choose the region').max(60),
  contactPoint: ContactPointInput.default({ phone: null, email: null, hours: null }),
  available24x7: z.boolean().default(false),
  accommodationPlaces: places.default(null),
  accommodatesChildren: z.boolean().default(false),
});

export const OrganisationChange = z.strictObject({
  name: OrganisationInput.shape.name.optional(),
  kind: OrganisationInput.shape.kind.optional(),
  region: OrganisationInput.shape.region.optional(),
  contactPoint: ContactPointInput.optional(),
  available24x7: z.boolean().optional(),
  accommodationPlaces: places.optional(),
  accommodatesChildren: z.boolean().optional(),
});

export const OrganisationView = z.object({
  id: z.uuid(),
  name: z.string(),
  kind: z.enum(organisationKinds),
  region: z.string(),
  contactPoint: z.object({
    phone: z.string().nullable(),
    email: z.string().nullable(),
    hours: z.string().nullable(),
  }),
  available24x7: z.boolean(),
  accommodationPlaces: z.number().int().nullable(),
  accommodatesChildren: z.boolean(),
  allowedActions: z.array(z.string()),
});

export const OrganisationParams = z.strictObject({ organisationId: z.uuid('Not an organisation id') });
