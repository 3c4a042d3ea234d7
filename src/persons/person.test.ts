import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { documentNumberForLookup, identityWithoutContacts, mainIdentityDocument } from './person.js';
import { Identity, PartialDate } from './person.schema.js';

const anIdentity = (overrides: Partial<Identity> = {}): Identity => ({
  fullName: 'Марія Іваненко',
  sex: 'female',
  documents: [
    { kind: 'passport', number: 'FX 123-456', issuingCountry: 'UKR' },
    { kind: 'birth_certificate', number: 'I-KB 000111', issuingCountry: 'UKR' },
  ],
  contacts: [{ kind: 'address', value: 'Strada Exemplu 1, Chișinău' }],
  ...overrides,
});

describe('the person register rules', () => {
  it('looks a person up by the first identity document given', () => {
    expect(mainIdentityDocument(anIdentity())?.number).toBe('FX 123-456');
    expect(mainIdentityDocument(anIdentity({ documents: [] }))).toBeNull();
    expect(mainIdentityDocument(anIdentity({ documents: undefined }))).toBeNull();
  });

  it('compares document numbers without the spaces and dashes people type', () => {
    expect(documentNumberForLookup('AB 123-456')).toBe('AB123456');
    expect(documentNumberForLookup('AB\u00a0123\u2013456')).toBe('AB123456');
    expect(documentNumberForLookup('AB123/456')).toBe('AB123/456');
  });

  it('gives the same lookup form however a number is spaced, and never keeps a space or dash', () => {
    const number = fc.stringMatching(/^[A-Z0-9]{1,12}$/);
    const spacing = fc.array(fc.constantFrom(' ', '-', '\u2013', '\t'), { maxLength: 3 });
    fc.assert(
      fc.property(number, spacing, fc.nat(), (digits, separators, at) => {
        const position = at % (digits.length + 1);
        const typed = `${digits.slice(0, position)}${separators.join('')}${digits.slice(position)}`;
        expect(documentNumberForLookup(typed)).toBe(digits);
        expect(documentNumberForLookup(documentNumberForLookup(typed))).toBe(digits);
      }),
    );
  });

  it('leaves out contact details and nothing else for a reader without the contact category', () => {
    const { contacts, ...rest } = anIdentity();
    expect(contacts).toHaveLength(1);
    expect(identityWithoutContacts(anIdentity())).toEqual(rest);
  });
});

describe('the identity document', () => {
  it('accepts a date of birth known only to the year or month', () => {
    expect(PartialDate.safeParse({ year: 2009 }).success).toBe(true);
    expect(PartialDate.safeParse({ year: 2009, month: 4 }).success).toBe(true);
    expect(PartialDate.safeParse({ year: 2008, month: 2, day: 29 }).success).toBe(true);
  });

  it('refuses a day that does not exist, and a day without its month', () => {
    expect(PartialDate.safeParse({ year: 2009, month: 2, day: 29 }).success).toBe(false);
    expect(PartialDate.safeParse({ year: 2009, day: 3 }).success).toBe(false);
  });

  it('refuses unknown fields, so nothing is stored unseen', () => {
    expect(Identity.safeParse({ ...anIdentity(), ethnicity: 'x' }).success).toBe(false);
    expect(
      Identity.safeParse({
        ...anIdentity(),
        documents: [{ kind: 'passport', number: '- -', issuingCountry: 'UKR' }],
      }).success,
    ).toBe(false);
  });

  it('keeps names in any script as written', () => {
    const parsed = Identity.parse(anIdentity({ fullName: '  王秀英  ', latinName: 'Wang Xiuying' }));
    expect(parsed.fullName).toBe('王秀英');
  });
});
