import { describe, expect, it } from 'vitest';
import { ApiError } from '../../web/api.js';
import {
  anOpening,
  contactPointErrors,
  emptyFields,
  normaliseTime,
  toRequest,
} from './contact-point-fields.js';

const aValidationProblem = (...pointers: string[]) =>
  new ApiError({
    type: '/problems/validation',
    title: 'The request is not valid',
    status: 400,
    errors: pointers.map((pointer) => ({ pointer, detail: `wrong at ${pointer}` })),
  });

describe('the contact point form', () => {
  it('reads times as people type them on the 24-hour clock', () => {
    expect(normaliseTime(' 8:30 ')).toBe('08:30');
    expect(normaliseTime('8.30')).toBe('08:30');
    expect(normaliseTime('0830')).toBe('08:30');
    expect(normaliseTime('22:00')).toBe('22:00');
    // Anything else goes as typed, so that the server names the field.
    expect(normaliseTime('late')).toBe('late');
  });

  it('sends ticked languages first, then the typed codes, and no hours for a 24/7 contact point', () => {
    const fields = {
      ...emptyFields('org'),
      name: 'Line',
      phone: ' ',
      languages: ['ro', 'uk'],
      otherLanguages: 'pl, vi;  ka',
      openings: [anOpening({ day: 'fri', opens: '20:00', closes: '4:00', closesNextDay: true })],
    };
    expect(toRequest(fields)).toMatchObject({
      phone: null,
      languages: ['ro', 'uk', 'pl', 'vi', 'ka'],
      alwaysOpen: false,
      weeklyHours: [{ day: 'fri', opens: '20:00', closes: '04:00', closesNextDay: true }],
    });
    expect(toRequest({ ...fields, hours: 'always' })).toMatchObject({ alwaysOpen: true, weeklyHours: [] });
  });

  it("shows an opening's error at its row and a language's error where it was entered, in page order", () => {
    const fields = {
      ...emptyFields('org'),
      languages: ['ro'],
      openings: [anOpening(), anOpening()],
    };
    const errors = contactPointErrors(
      aValidationProblem(
        '/body/weeklyHours/1/closes',
        '/body/languages/1',
        '/body/name',
        '/body/languages/0',
      ),
      fields,
    );
    expect(errors.summary.map((item) => item.field)).toEqual([
      'name',
      'languages',
      'otherLanguages',
      'opening-1-closes',
    ]);
    expect(errors.fields['opening-1-closes']).toBe('wrong at /body/weeklyHours/1/closes');
  });

  it('puts a problem that names no field at the top of the summary only', () => {
    const errors = contactPointErrors(
      new ApiError({
        type: '/problems/contact-point/retired',
        title: 'The contact point is retired',
        status: 409,
      }),
      emptyFields('org'),
    );
    expect(errors.fields).toEqual({});
    expect(errors.summary).toHaveLength(1);
  });
});
