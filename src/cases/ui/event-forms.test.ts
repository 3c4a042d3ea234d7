import { describe, expect, it } from 'vitest';
import { dictionaries, type MessageKey } from '../../web/i18n.js';
import { CaseEventInput, caseEventTypes } from '../case-events.js';
import {
  type Answers,
  buildEvent,
  type EventFormDescription,
  eventFormDescriptions,
  eventTypesWithoutForm,
  initialAnswers,
  noneValue,
  toMinorUnits,
} from './event-forms.js';

const organisationId = '0b7e1f4e-3c1a-4d0e-9a53-1a2b3c4d5e6f';
let counter = 0;
const newId = () => `00000000-0000-4000-8000-${String(++counter).padStart(12, '0')}`;

/** Every question answered with its first possible answer; `override` picks others. */
function answered(description: EventFormDescription, override: Answers = {}): Answers {
  const answers = initialAnswers(description, organisationId);
  for (const field of description.fields) {
    if (field.kind === 'date' && !field.defaultToday)
      answers[field.name] = { day: '27', month: '3', year: '2027' };
    if (field.kind === 'choice') answers[field.name] = field.values[0] ?? '';
    if (field.kind === 'multi') answers[field.name] = [field.values[0] ?? ''];
    if (field.kind === 'yesNo') answers[field.name] = 'yes';
    if (field.kind === 'confirm') answers[field.name] = true;
    if (field.kind === 'organisation') answers[field.name] = organisationId;
    if (field.kind === 'country') answers[field.name] = ' md ';
    if (field.kind === 'recordId') answers[field.name] = newId();
    if (field.kind === 'money') {
      answers[`${field.name}.amount`] = '1,500.50';
      answers[`${field.name}.currency`] = 'eur';
    }
  }
  return { ...answers, ...override };
}

function accepted(description: EventFormDescription, override: Answers = {}) {
  const built = buildEvent(description, answered(description, override), newId);
  if ('problems' in built) throw new Error(`${description.type}: ${JSON.stringify(built.problems)}`);
  return CaseEventInput.safeParse(built.event);
}

describe('event forms', () => {
  it('cover every event type but opening a case and the referral events', () => {
    const described = eventFormDescriptions.map((description) => description.type);
    expect(new Set(described).size).toBe(described.length);
    expect([...described, ...eventTypesWithoutForm].sort()).toEqual([...caseEventTypes].sort());
  });

  it.each(eventFormDescriptions.map((description) => [description.type, description] as const))(
    'build a %s event the server accepts',
    (_type, description) => {
      const result = accepted(description);
      expect(result.error?.issues ?? []).toEqual([]);
    },
  );

  it('build every kind of permit, with its ground only for a permanent permit', () => {
    for (const type of ['permit_applied', 'permit_granted'] as const) {
      const description = eventFormDescriptions.find((d) => d.type === type)!;
      for (const permitKind of ['temporary', 'witness', 'permanent']) {
        const result = accepted(description, { permitKind });
        expect(result.success, `${type} ${permitKind}`).toBe(true);
        expect('ground' in (result.data ?? {})).toBe(permitKind === 'permanent');
      }
    }
  });

  it('send an open-ended witness permit as valid until the end of proceedings', () => {
    const description = eventFormDescriptions.find((d) => d.type === 'permit_granted')!;
    const built = buildEvent(
      description,
      answered(description, { permitKind: 'witness', validUntil: { day: '', month: '', year: '' } }),
      newId,
    );
    expect(built).toMatchObject({ event: { permitKind: 'witness', validUntil: null } });
    const temporary = buildEvent(
      description,
      answered(description, { permitKind: 'temporary', validUntil: { day: '', month: '', year: '' } }),
      newId,
    );
    expect(temporary).toEqual({ problems: [{ field: 'validUntil', message: 'addEvent.error.date' }] });
  });

  it('send no amount for a rejected compensation claim, and minor units for an award', () => {
    const description = eventFormDescriptions.find((d) => d.type === 'compensation_decided')!;
    expect(buildEvent(description, answered(description, { outcome: 'rejected' }), newId)).toMatchObject({
      event: { awarded: null },
    });
    expect(buildEvent(description, answered(description, { outcome: 'awarded' }), newId)).toMatchObject({
      event: { awarded: { amountMinorUnits: 150050, currency: 'EUR' } },
    });
  });

  it('say which answers are missing', () => {
    const description = eventFormDescriptions.find((d) => d.type === 'risk_assessed')!;
    const built = buildEvent(description, initialAnswers(description, organisationId), newId);
    expect(built).toEqual({
      problems: [
        { field: 'reason', message: 'eventField.error.chooseFor' },
        { field: 'outcome', message: 'eventField.error.chooseFor' },
        { field: 'familyMembersAtRisk', message: 'eventField.error.chooseFor' },
      ],
    });
  });

  it('send "not yet" as null', () => {
    const description = eventFormDescriptions.find((d) => d.type === 'best_interests_determined')!;
    expect(
      buildEvent(description, answered(description, { recommendedSolution: noneValue }), newId),
    ).toMatchObject({ event: { recommendedSolution: null } });
  });

  it('read amounts written either way', () => {
    expect(toMinorUnits('1500')).toBe(150000);
    expect(toMinorUnits('1.500,5')).toBe(150050);
    expect(toMinorUnits('1,500.05')).toBe(150005);
    expect(toMinorUnits('abc')).toBeNull();
  });

  it('have words for every question and every value in both languages', () => {
    const keys: string[] = [];
    for (const description of eventFormDescriptions) {
      keys.push(description.intro, `event.${description.type}`, `eventDescription.${description.type}`);
      for (const field of description.fields) {
        keys.push(field.legend);
        if (field.hint) keys.push(field.hint);
        if ('values' in field) for (const value of field.values) keys.push(`${field.prefix}.${value}`);
      }
    }
    for (const key of keys) {
      expect(dictionaries.en[key as MessageKey], key).toBeTruthy();
      expect(dictionaries.ro[key as MessageKey], key).toBeTruthy();
    }
  });
});
