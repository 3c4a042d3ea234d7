import { describe, expect, it } from 'vitest';
import { setLanguage } from '../../web/i18n.js';
import { detailRows } from './timeline-details.js';

setLanguage('en');
const nameOf = (id: string) => (id === 'org-1' ? 'Linden House Shelter' : 'Unknown organisation');

describe('the details of a timeline entry', () => {
  it('says a risk assessment’s coded answers in words, with the assessing organisation by name', () => {
    const rows = detailRows(
      'risk_assessed',
      {
        reason: 'initial',
        outcome: 'return_unsafe',
        familyMembersAtRisk: false,
        assessingOrganisationId: 'org-1',
      },
      nameOf,
    );
    expect(rows.map((row) => row.value)).toEqual(
      expect.arrayContaining(['Return is not safe', 'No', 'Linden House Shelter']),
    );
    expect(rows.some((row) => row.key === 'occurredOn')).toBe(false);
  });

  it('shows nothing where need-to-know withheld the details', () => {
    expect(detailRows('risk_assessed', null, nameOf)).toEqual([]);
  });

  it('leaves out fields it has no words for rather than showing them raw', () => {
    expect(detailRows('risk_assessed', { somethingNew: 'x' }, nameOf)).toEqual([]);
  });
});
