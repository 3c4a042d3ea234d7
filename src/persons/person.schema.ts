import { z } from 'zod';

// The identity document (DESIGN §3): encrypted as one JSON document under the person's data key.
// Names may be in any script; `latinName` is how they are written in Latin letters (for look-ups and
// the courts), as the person or their documents give it. Strict: an unknown field is refused, never
// stored unseen.

export const sexes = ['female', 'male', 'not_known'] as const;
export const identityDocumentKinds = [
  'passport',
  'national_identity_card',
  'residence_permit',
  'travel_document',
  'birth_certificate',
  'driving_licence',
  'other',
] as const;
export const contactKinds = ['phone', 'email', 'address'] as const;

const name = (what: string) =>
  z.string().trim().min(1, `Enter the ${what}`).max(200, `The ${what} is at most 200 characters`);
/** ISO 3166-1 alpha-3 (ICAO 9303 also uses XXA, XXB, XXC and XXX for stateless persons and refugees). */
const countryCode = z
  .string()
  .trim()
  .regex(/^[A-Z]{3}$/, 'Enter a three-letter country code (ISO 3166-1 alpha-3), such as ROU');

const daysInMonth = (year: number, month: number) => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A date of birth as far as it is known: a year, perhaps a month, perhaps a day. */
export const PartialDate = z
  .strictObject({
    year: z.number().int().min(1900).max(2100),
    month: z.number().int().min(1).max(12).optional(),
    day: z.number().int().min(1).max(31).optional(),
  })
  .superRefine((date, context) => {
    if (date.day === undefined) return;
    if (date.month === undefined)
      context.addIssue({ code: 'custom', path: ['month'], message: 'Give the month when the day is known' });
    else if (date.day > daysInMonth(date.year, date.month))
      context.addIssue({ code: 'custom', path: ['day'], message: 'This day does not exist in that month' });
  });

const documentNumber = z
  .string()
  .trim()
  .min(1, 'Enter the document number')
  .max(60, 'A document number is at most 60 characters')
  .regex(/[\p{L}\p{N}]/u, 'A document number has letters or digits');

export const IdentityDocument = z.strictObject({
  kind: z.enum(identityDocumentKinds, { error: 'Choose the kind of document' }),
  number: documentNumber,
  issuingCountry: countryCode,
});
export type IdentityDocument = z.infer<typeof IdentityDocument>;

export const Contact = z.strictObject({
  kind: z.enum(contactKinds, { error: 'Choose phone, email or address' }),
  value: z.string().trim().min(1, 'Enter the contact detail').max(500),
});

export const Identity = z.strictObject({
  fullName: name('full name'),
  latinName: name('name in Latin letters').optional(),
  aliases: z.array(name('alias')).max(20).optional(),
  sex: z.enum(sexes, { error: 'Choose female, male or not known' }),
  dateOfBirth: PartialDate.optional(),
  ageEstimate: z.number().int().min(0).max(120).optional(),
  citizenship: countryCode.optional(),
  languages: z.array(z.string().trim().min(1).max(60)).max(20).optional(),
  documents: z.array(IdentityDocument).max(20).optional(),
  contacts: z.array(Contact).max(20).optional(),
});
export type Identity = z.infer<typeof Identity>;

export const PersonRegistration = z.strictObject({ identity: Identity });

export const PersonParams = z.strictObject({ personId: z.uuid('Not a person id') });

export const PersonLookup = z.strictObject({
  documentNumber,
});

/** The pseudonymous record: an allow-list, so no identity field can leak into it. */
export const PersonView = z.object({
  id: z.uuid(),
  reference: z.string(),
  ownerOrganisationId: z.uuid(),
  registeredAt: z.iso.datetime(),
  erasedAt: z.iso.datetime().nullable(),
  allowedActions: z.array(z.string()),
});

/** The decrypted identity, for readers of the `identity` data category (contacts only with `contact`). */
export const IdentityView = z.object({
  id: z.uuid(),
  reference: z.string(),
  identity: z.object({
    fullName: z.string(),
    latinName: z.string().optional(),
    aliases: z.array(z.string()).optional(),
    sex: z.enum(sexes),
    dateOfBirth: z
      .object({ year: z.number(), month: z.number().optional(), day: z.number().optional() })
      .optional(),
    ageEstimate: z.number().optional(),
    citizenship: z.string().optional(),
    languages: z.array(z.string()).optional(),
    documents: z
      .array(
        z.object({ kind: z.enum(identityDocumentKinds), number: z.string(), issuingCountry: z.string() }),
      )
      .optional(),
    contacts: z.array(z.object({ kind: z.enum(contactKinds), value: z.string() })).optional(),
  }),
});
