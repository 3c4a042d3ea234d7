import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decideKeyRotation, decidePartnerStatusChange, keyStanding, keyState } from './partner.js';

describe('keyStanding', () => {
  it('accepts a key of an active partner until its retirement day, and refuses it from that day', () => {
    expect(keyStanding({ retiresOn: null }, 'active', '2026-03-27')).toBe('accepted');
    expect(keyStanding({ retiresOn: '2026-03-28' }, 'active', '2026-03-27')).toBe('accepted');
    expect(keyStanding({ retiresOn: '2026-03-27' }, 'active', '2026-03-27')).toBe('key-retired');
  });

  it('refuses every key of a suspended partner', () => {
    fc.assert(
      fc.property(fc.option(fc.constantFrom('2026-01-01', '2027-01-01'), { nil: null }), (retiresOn) => {
        expect(keyStanding({ retiresOn }, 'suspended', '2026-03-27')).toBe('partner-suspended');
      }),
    );
  });

  it('names the state shown on the partners page', () => {
    expect(keyState({ retiresOn: null }, '2026-03-27')).toBe('current');
    expect(keyState({ retiresOn: '2026-04-01' }, '2026-03-27')).toBe('retiring');
    expect(keyState({ retiresOn: '2026-03-27' }, '2026-03-27')).toBe('retired');
  });
});

describe('decideKeyRotation', () => {
  it('retires the old keys at once when no day is given', () => {
    expect(decideKeyRotation(null, '2026-03-27')).toEqual({
      outcome: 'rotate',
      oldKeysRetireOn: '2026-03-27',
    });
  });

  it('keeps the old keys until a day within 90 days', () => {
    expect(decideKeyRotation('2026-06-25', '2026-03-27')).toEqual({
      outcome: 'rotate',
      oldKeysRetireOn: '2026-06-25',
    });
    expect(decideKeyRotation('2026-06-26', '2026-03-27')).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'overlap-too-long', retiresOn: '2026-06-26', latest: '2026-06-25' },
    });
  });

  it('refuses a day in the past', () => {
    expect(decideKeyRotation('2026-03-26', '2026-03-27')).toMatchObject({
      refusal: { kind: 'retirement-in-the-past' },
    });
  });
});

describe('decidePartnerStatusChange', () => {
  it('suspends an active partner and reinstates a suspended one, and refuses a change to the same status', () => {
    expect(decidePartnerStatusChange('active', 'suspended')).toEqual({
      outcome: 'change',
      from: 'active',
      to: 'suspended',
    });
    expect(decidePartnerStatusChange('suspended', 'suspended')).toEqual({
      outcome: 'refuse',
      refusal: { kind: 'already-in-status', status: 'suspended' },
    });
  });
});
