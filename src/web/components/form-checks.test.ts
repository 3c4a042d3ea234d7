import { describe, expect, it } from 'vitest';
import { ApiError } from '../api.js';
import { errorsInPageOrder, renamePointers } from './form-checks.js';

describe('errorsInPageOrder', () => {
  it('lists the summary in page order, whatever order the checks found them in', () => {
    const errors = errorsInPageOrder(['fullName', 'sex', 'channel'] as const, {
      channel: { key: 'newCase.error.channel' },
      fullName: { key: 'newCase.error.fullName' },
    });
    expect(errors.summary).toEqual([
      { field: 'fullName', message: { key: 'newCase.error.fullName' } },
      { field: 'channel', message: { key: 'newCase.error.channel' } },
    ]);
    expect(errors.fields).toEqual({
      fullName: { key: 'newCase.error.fullName' },
      channel: { key: 'newCase.error.channel' },
    });
  });

  it('finds nothing to show when the checks found nothing', () => {
    expect(errorsInPageOrder(['fullName'], {})).toEqual({ summary: [], fields: {} });
  });
});

describe('renamePointers', () => {
  const toForm = { dateOfBirth: 'dateOfBirth', day: 'dateOfBirth', occurredOn: 'identifiedOn' };
  const problem = (pointers: string[]) =>
    new ApiError({
      type: '/problems/validation',
      title: 'Invalid request',
      status: 400,
      errors: pointers.map((pointer) => ({ pointer, detail: `bad ${pointer}` })),
    });

  it('names each field as the form does, by the last segment the form knows', () => {
    const renamed = renamePointers(
      problem(['/body/identity/dateOfBirth/day', '/body/identified/occurredOn', '/body/other/thing']),
      toForm,
    );
    expect(renamed.problem.errors).toEqual([
      { pointer: '/body/dateOfBirth', detail: 'bad /body/identity/dateOfBirth/day' },
      { pointer: '/body/identifiedOn', detail: 'bad /body/identified/occurredOn' },
      { pointer: '/body/other/thing', detail: 'bad /body/other/thing' },
    ]);
    expect(renamed.status).toBe(400);
  });

  it('leaves a problem without field errors as it is', () => {
    const refusal = new ApiError({ type: '/problems/case/closed', title: 'Closed', status: 409 });
    expect(renamePointers(refusal, toForm)).toBe(refusal);
  });
});
