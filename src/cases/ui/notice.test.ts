import { describe, expect, it } from 'vitest';
import { mayFlagNotice, noticeStanding } from './notice.js';

const owner = { id: 'u-owner', organisationId: 'org-owner' };
const officer = { id: 'u-officer', organisationId: 'org-police' };
const ownersView = {
  ownerOrganisationId: 'org-owner',
  allowedActions: ['case.view', 'restricted-notice.flag'],
  readableCategories: ['identity', 'contact', 'statistics'],
};

describe('the restricted-notice banner', () => {
  it('shows nothing on an owner’s case whose identity the owner reads', () => {
    expect(noticeStanding(ownersView, owner)).toBe('none');
    expect(mayFlagNotice(ownersView, 'none')).toBe(true);
  });

  it('shows the notice to the owner once the owner reads statistics only', () => {
    const restricted = { ...ownersView, readableCategories: ['statistics'] };
    expect(noticeStanding(restricted, owner)).toBe('in-force');
    expect(mayFlagNotice(restricted, 'in-force')).toBe(false);
  });

  it('tells the designated officer, whom only the lift action names', () => {
    const officersView = {
      ownerOrganisationId: 'org-owner',
      allowedActions: ['case.view', 'restricted-notice.lift'],
      readableCategories: ['identity', 'contact', 'statistics'],
    };
    expect(noticeStanding(officersView, officer)).toBe('designated-officer');
  });

  it('says nothing to an organisation that reads a referred case without identity', () => {
    const referred = { ...ownersView, allowedActions: ['case.view'], readableCategories: ['statistics'] };
    expect(noticeStanding(referred, officer)).toBe('none');
  });

  it('believes the case view when it names the notice', () => {
    const named = {
      ...ownersView,
      restrictedNotice: { flaggedOn: '2026-11-01', designatedOfficerId: 'u-officer' },
    };
    expect(noticeStanding(named, owner)).toBe('in-force');
    expect(noticeStanding(named, officer)).toBe('designated-officer');
    expect(noticeStanding({ ...ownersView, restrictedNotice: null }, owner)).toBe('none');
  });
});
