// One description per event type (case-events.ts): its questions, in page order, with their words
// and vocabularies. The record-an-event screen is generated from these descriptions, so a new
// event type needs a description and its words (event-messages.ts), never a new screen. Pure:
// building the event from the answers is tested against the server's own schema.

import type { MessageKey } from '../../web/i18n.js';
import type { CaseEventType } from '../case-events.js';
import {
  closingReasons,
  compensationOutcomes,
  compensationRoutes,
  durableSolutions,
  employmentSituations,
  familyContactDecisions,
  familyRelations,
  permanentPermitGrounds,
  permitKinds,
  placements,
  proceedingsStages,
  protectiveMeasures,
  reflectionEndReasons,
  reopeningReasons,
  reTraffickingFindings,
  returnKinds,
  riskAssessmentReasons,
  riskOutcomes,
  serviceEndReasons,
  serviceKinds,
  socialNetworkSituations,
} from '../vocabulary.js';
import { type DateParts, emptyDate, isEmptyDate, todayParts, toIsoDate } from './dates.js';

export type Answers = Record<string, string | string[] | boolean | DateParts>;

type Condition = (answers: Answers) => boolean;

type Common = {
  /** The event's field (or, for `money`, the object) the answer goes to. */
  name: string;
  legend: MessageKey;
  hint?: MessageKey;
  /** Asked only when this holds; otherwise left out (or null, see `absentAs`). */
  when?: Condition;
  /** What the event carries when the question is not asked or not answered: nothing, or null. */
  absentAs?: 'omit' | 'null';
};

export type FieldSpec = Common &
  (
    | { kind: 'date'; defaultToday?: boolean; optional?: boolean | Condition }
    /** One value from a vocabulary; `noneLabel` adds an answer that sends null. */
    | { kind: 'choice'; prefix: string; values: readonly string[]; noneLabel?: MessageKey }
    | { kind: 'multi'; prefix: string; values: readonly string[]; atLeastOne?: boolean }
    | { kind: 'yesNo' }
    /** A statement the user confirms (sent as true; the server explains a refusal). */
    | { kind: 'confirm' }
    /** An organisation from the directory (/api/organisations). */
    | { kind: 'organisation'; defaultOwn?: boolean; optional?: boolean }
    /** An ISO 3166 country code such as MD. */
    | { kind: 'country' }
    /** An id recorded earlier in this case (a compensation claim), typed or pasted. */
    | { kind: 'recordId' }
    /** A new id the event introduces (a claim, a family member's person reference): not asked. */
    | { kind: 'newId' }
    /** An amount and a currency, sent as { amountMinorUnits, currency }. */
    | { kind: 'money' }
  );

export type EventFormDescription = {
  type: CaseEventType;
  group: EventGroup;
  /** Why the event matters, in one sentence, shown under the heading. */
  intro: MessageKey;
  fields: readonly FieldSpec[];
};

export const eventGroups = ['child', 'residence', 'services', 'safety', 'solutions', 'closing'] as const;
export type EventGroup = (typeof eventGroups)[number];

const occurredOn: FieldSpec = {
  name: 'occurredOn',
  kind: 'date',
  legend: 'addEvent.occurredOn',
  hint: 'addEvent.occurredOnHint',
  defaultToday: true,
};

const organisation = (
  name: string,
  legend: MessageKey,
  options: { defaultOwn?: boolean; optional?: boolean; hint?: MessageKey } = {},
): FieldSpec => ({
  name,
  kind: 'organisation',
  legend,
  defaultOwn: options.defaultOwn ?? true,
  ...(options.optional ? { optional: true, absentAs: 'null' as const } : {}),
  ...(options.hint ? { hint: options.hint } : {}),
});

const isPermanent: Condition = (answers) => answers.permitKind === 'permanent';
const hasAmount: Condition = (answers) => answers.outcome === 'awarded' || answers.outcome === 'settled';

/**
 * Every event type a case worker records by hand. Not here: `identified` (it opens the case) and
 * the referral events, which the referral screens produce (ADR 0011).
 */
export const eventFormDescriptions: readonly EventFormDescription[] = [
  // --- Children: a guardian and a best-interests determination come first (issue 3 §4).
  {
    type: 'age_assessed',
    group: 'child',
    intro: 'eventIntro.age_assessed',
    fields: [
      occurredOn,
      { name: 'isChild', kind: 'yesNo', legend: 'eventField.isChild', hint: 'eventField.isChild.hint' },
      organisation('assessingOrganisationId', 'eventField.assessingOrganisationId'),
    ],
  },
  {
    type: 'guardian_appointed',
    group: 'child',
    intro: 'eventIntro.guardian_appointed',
    fields: [
      occurredOn,
      organisation('guardianOrganisationId', 'eventField.guardianOrganisationId', {
        defaultOwn: false,
        hint: 'eventField.guardianOrganisationId.hint',
      }),
    ],
  },
  {
    type: 'best_interests_determined',
    group: 'child',
    intro: 'eventIntro.best_interests_determined',
    fields: [
      occurredOn,
      organisation('determiningOrganisationId', 'eventField.determiningOrganisationId'),
      {
        name: 'recommendedSolution',
        kind: 'choice',
        legend: 'eventField.recommendedSolution',
        prefix: 'durableSolution',
        values: durableSolutions,
        noneLabel: 'eventField.recommendedSolution.none',
      },
    ],
  },

  // --- Reflection period and residence (002 l. 1300-1322).
  {
    type: 'reflection_granted',
    group: 'residence',
    intro: 'eventIntro.reflection_granted',
    fields: [
      occurredOn,
      {
        name: 'endsOn',
        kind: 'date',
        legend: 'addEvent.endsOn',
        hint: 'addEvent.endsOnHint',
        optional: true,
      },
    ],
  },
  {
    type: 'reflection_ended',
    group: 'residence',
    intro: 'eventIntro.reflection_ended',
    fields: [
      occurredOn,
      {
        name: 'reason',
        kind: 'choice',
        legend: 'eventField.reflectionEndReason',
        prefix: 'reflectionEndReason',
        values: reflectionEndReasons,
      },
    ],
  },
  {
    type: 'permit_applied',
    group: 'residence',
    intro: 'eventIntro.permit_applied',
    fields: [
      occurredOn,
      {
        name: 'permitKind',
        kind: 'choice',
        legend: 'eventField.permitKind',
        prefix: 'permitKind',
        values: permitKinds,
      },
      {
        name: 'ground',
        kind: 'choice',
        legend: 'eventField.permitGround',
        hint: 'eventField.permitGround.hint',
        prefix: 'permitGround',
        values: permanentPermitGrounds,
        when: isPermanent,
      },
    ],
  },
  {
    type: 'permit_granted',
    group: 'residence',
    intro: 'eventIntro.permit_granted',
    fields: [
      occurredOn,
      {
        name: 'permitKind',
        kind: 'choice',
        legend: 'eventField.permitKind',
        prefix: 'permitKind',
        values: permitKinds,
      },
      {
        name: 'ground',
        kind: 'choice',
        legend: 'eventField.permitGround',
        hint: 'eventField.permitGround.hint',
        prefix: 'permitGround',
        values: permanentPermitGrounds,
        when: isPermanent,
      },
      {
        name: 'validUntil',
        kind: 'date',
        legend: 'eventField.validUntil',
        hint: 'eventField.validUntil.hint',
        // A witness's permit runs until the proceedings end (002 l. 1318); a permanent one may be open-ended.
        optional: (answers) => answers.permitKind !== 'temporary',
        absentAs: 'null',
        when: (answers) => answers.permitKind !== '',
      },
    ],
  },
  {
    type: 'permit_refused',
    group: 'residence',
    intro: 'eventIntro.permit_refused',
    fields: [
      occurredOn,
      {
        name: 'permitKind',
        kind: 'choice',
        legend: 'eventField.permitKind',
        prefix: 'permitKind',
        values: permitKinds,
      },
    ],
  },
  {
    type: 'permit_renewed',
    group: 'residence',
    intro: 'eventIntro.permit_renewed',
    fields: [occurredOn, { name: 'validUntil', kind: 'date', legend: 'eventField.validUntil' }],
  },
  { type: 'permit_expired', group: 'residence', intro: 'eventIntro.permit_expired', fields: [occurredOn] },

  // --- Services and the support plan (002 l. 1333-1367).
  {
    type: 'service_started',
    group: 'services',
    intro: 'eventIntro.service_started',
    fields: [
      occurredOn,
      {
        name: 'serviceKind',
        kind: 'choice',
        legend: 'addEvent.serviceKind',
        prefix: 'service',
        values: serviceKinds,
      },
      organisation('providerOrganisationId', 'eventField.providerOrganisationId'),
    ],
  },
  {
    type: 'service_ended',
    group: 'services',
    intro: 'eventIntro.service_ended',
    fields: [
      occurredOn,
      {
        name: 'serviceKind',
        kind: 'choice',
        legend: 'addEvent.serviceKind',
        prefix: 'service',
        values: serviceKinds,
      },
      organisation('providerOrganisationId', 'eventField.providerOrganisationId'),
      {
        name: 'reason',
        kind: 'choice',
        legend: 'eventField.serviceEndReason',
        hint: 'eventField.serviceEndReason.hint',
        prefix: 'serviceEndReason',
        values: serviceEndReasons,
      },
    ],
  },
  {
    type: 'support_plan_agreed',
    group: 'services',
    intro: 'eventIntro.support_plan_agreed',
    fields: [
      occurredOn,
      {
        name: 'services',
        kind: 'multi',
        legend: 'addEvent.services',
        prefix: 'service',
        values: serviceKinds,
      },
      {
        name: 'agreedWithPerson',
        kind: 'confirm',
        legend: 'addEvent.agreedWithPerson',
        hint: 'addEvent.agreedWithPersonHint',
      },
    ],
  },

  // --- Safety, co-operation and proceedings (000 l. 159-173; 002 C.4).
  {
    type: 'risk_assessed',
    group: 'safety',
    intro: 'eventIntro.risk_assessed',
    fields: [
      occurredOn,
      {
        name: 'reason',
        kind: 'choice',
        legend: 'addEvent.reason',
        prefix: 'riskReason',
        values: riskAssessmentReasons,
      },
      {
        name: 'outcome',
        kind: 'choice',
        legend: 'addEvent.outcome',
        prefix: 'riskOutcome',
        values: riskOutcomes,
      },
      { name: 'familyMembersAtRisk', kind: 'yesNo', legend: 'addEvent.familyMembersAtRisk' },
      organisation('assessingOrganisationId', 'eventField.assessingOrganisationId'),
    ],
  },
  { type: 'became_witness', group: 'safety', intro: 'eventIntro.became_witness', fields: [occurredOn] },
  {
    type: 'declined_to_testify',
    group: 'safety',
    intro: 'eventIntro.declined_to_testify',
    fields: [occurredOn],
  },
  {
    type: 'proceedings_stage',
    group: 'safety',
    intro: 'eventIntro.proceedings_stage',
    fields: [
      occurredOn,
      {
        name: 'stage',
        kind: 'choice',
        legend: 'eventField.proceedingsStage',
        prefix: 'proceedingsStage',
        values: proceedingsStages,
      },
      {
        name: 'protectiveMeasuresRequested',
        kind: 'multi',
        legend: 'eventField.protectiveMeasuresRequested',
        hint: 'eventField.protectiveMeasures.hint',
        prefix: 'protectiveMeasure',
        values: protectiveMeasures,
      },
      {
        name: 'protectiveMeasuresGranted',
        kind: 'multi',
        legend: 'eventField.protectiveMeasuresGranted',
        prefix: 'protectiveMeasure',
        values: protectiveMeasures,
      },
      {
        name: 'defendantReleased',
        kind: 'yesNo',
        legend: 'eventField.defendantReleased',
        hint: 'eventField.defendantReleased.hint',
      },
    ],
  },
  {
    type: 'compensation_claimed',
    group: 'safety',
    intro: 'eventIntro.compensation_claimed',
    fields: [
      occurredOn,
      { name: 'claimId', kind: 'newId', legend: 'eventField.claimId' },
      {
        name: 'route',
        kind: 'choice',
        legend: 'eventField.compensationRoute',
        prefix: 'compensationRoute',
        values: compensationRoutes,
      },
    ],
  },
  {
    type: 'compensation_decided',
    group: 'safety',
    intro: 'eventIntro.compensation_decided',
    fields: [
      occurredOn,
      { name: 'claimId', kind: 'recordId', legend: 'eventField.claimId', hint: 'eventField.claimId.hint' },
      {
        name: 'outcome',
        kind: 'choice',
        legend: 'eventField.compensationOutcome',
        prefix: 'compensationOutcome',
        values: compensationOutcomes,
      },
      { name: 'awarded', kind: 'money', legend: 'eventField.awarded', when: hasAmount, absentAs: 'null' },
    ],
  },

  // --- Family, placement and durable solutions (002 l. 1323-1324, 1340, 1359, 1411-1419).
  {
    type: 'family_member_linked',
    group: 'solutions',
    intro: 'eventIntro.family_member_linked',
    fields: [
      occurredOn,
      { name: 'familyMemberPersonId', kind: 'newId', legend: 'eventField.familyMember' },
      {
        name: 'relation',
        kind: 'choice',
        legend: 'eventField.familyRelation',
        prefix: 'familyRelation',
        values: familyRelations,
      },
      {
        name: 'atRiskInHomeCountry',
        kind: 'yesNo',
        legend: 'eventField.atRiskInHomeCountry',
        hint: 'eventField.atRiskInHomeCountry.hint',
      },
    ],
  },
  {
    type: 'family_contact_decided',
    group: 'solutions',
    intro: 'eventIntro.family_contact_decided',
    fields: [
      occurredOn,
      {
        name: 'decision',
        kind: 'choice',
        legend: 'eventField.familyContactDecision',
        prefix: 'familyContactDecision',
        values: familyContactDecisions,
      },
    ],
  },
  {
    type: 'placement_decided',
    group: 'solutions',
    intro: 'eventIntro.placement_decided',
    fields: [
      occurredOn,
      {
        name: 'placement',
        kind: 'choice',
        legend: 'eventField.placement',
        prefix: 'placement',
        values: placements,
      },
      organisation('providerOrganisationId', 'eventField.placementProvider', {
        defaultOwn: false,
        optional: true,
      }),
    ],
  },
  {
    type: 'return_decided',
    group: 'solutions',
    intro: 'eventIntro.return_decided',
    fields: [
      occurredOn,
      {
        name: 'returnKind',
        kind: 'choice',
        legend: 'eventField.returnKind',
        prefix: 'returnKind',
        values: returnKinds,
      },
      {
        name: 'destinationCountry',
        kind: 'country',
        legend: 'eventField.destinationCountry',
        hint: 'eventField.country.hint',
      },
      organisation('assistingOrganisationId', 'eventField.assistingOrganisationId', {
        defaultOwn: false,
        optional: true,
      }),
    ],
  },
  {
    type: 'reintegration_started',
    group: 'solutions',
    intro: 'eventIntro.reintegration_started',
    fields: [
      occurredOn,
      organisation('providerOrganisationId', 'eventField.providerOrganisationId'),
      {
        name: 'country',
        kind: 'country',
        legend: 'eventField.reintegrationCountry',
        hint: 'eventField.country.hint',
      },
    ],
  },
  {
    type: 'resettled',
    group: 'solutions',
    intro: 'eventIntro.resettled',
    fields: [
      occurredOn,
      {
        name: 'country',
        kind: 'country',
        legend: 'eventField.resettlementCountry',
        hint: 'eventField.country.hint',
      },
    ],
  },
  {
    type: 'inclusion_started',
    group: 'solutions',
    intro: 'eventIntro.inclusion_started',
    fields: [occurredOn, organisation('providerOrganisationId', 'eventField.providerOrganisationId')],
  },

  // --- Follow-up, closing and reopening (002 l. 1409, 1438-1439).
  {
    type: 'follow_up_done',
    group: 'closing',
    intro: 'eventIntro.follow_up_done',
    fields: [
      occurredOn,
      {
        name: 'employment',
        kind: 'choice',
        legend: 'eventField.employment',
        prefix: 'employment',
        values: employmentSituations,
      },
      {
        name: 'socialNetwork',
        kind: 'choice',
        legend: 'eventField.socialNetwork',
        prefix: 'socialNetwork',
        values: socialNetworkSituations,
      },
      {
        name: 'reTrafficking',
        kind: 'choice',
        legend: 'eventField.reTrafficking',
        prefix: 'reTrafficking',
        values: reTraffickingFindings,
      },
    ],
  },
  {
    type: 'closed',
    group: 'closing',
    intro: 'eventIntro.closed',
    fields: [
      occurredOn,
      {
        name: 'reason',
        kind: 'choice',
        legend: 'eventField.closingReason',
        prefix: 'closingReason',
        values: closingReasons,
      },
    ],
  },
  {
    type: 'reopened',
    group: 'closing',
    intro: 'eventIntro.reopened',
    fields: [
      occurredOn,
      {
        name: 'reason',
        kind: 'choice',
        legend: 'eventField.reopeningReason',
        prefix: 'reopeningReason',
        values: reopeningReasons,
      },
    ],
  },
];

/** Event types produced elsewhere: opening a case, and the referral screens. */
export const eventTypesWithoutForm: readonly CaseEventType[] = [
  'identified',
  'referral_sent',
  'referral_accepted',
  'referral_declined',
  'referral_completed',
];

export function findEventForm(type: string): EventFormDescription | undefined {
  return eventFormDescriptions.find((description) => description.type === type);
}

/** The questions shown for these answers (some depend on earlier answers). */
export function visibleFields(description: EventFormDescription, answers: Answers): FieldSpec[] {
  return description.fields.filter(
    (field) => field.kind !== 'newId' && (field.when === undefined || field.when(answers)),
  );
}

/** The starting answers: today for "when", the user's organisation where it is usually theirs. */
export function initialAnswers(description: EventFormDescription, ownOrganisationId: string): Answers {
  const answers: Answers = {};
  for (const field of description.fields) {
    switch (field.kind) {
      case 'date':
        answers[field.name] = field.defaultToday ? todayParts() : emptyDate;
        break;
      case 'multi':
        answers[field.name] = [];
        break;
      case 'confirm':
        answers[field.name] = false;
        break;
      case 'organisation':
        answers[field.name] = field.defaultOwn ? ownOrganisationId : '';
        break;
      case 'money':
        answers[`${field.name}.amount`] = '';
        answers[`${field.name}.currency`] = '';
        break;
      default:
        answers[field.name] = '';
    }
  }
  return answers;
}

/** A problem with one answer, as a message key. */
export type AnswerProblem = { field: string; message: MessageKey };

/** "1 500,50", "1,500.50", "1500" → 150050 minor units; null if it is not an amount. */
export function toMinorUnits(text: string): number | null {
  const cleaned = text.trim().replace(/[\s']/g, '');
  const match = /^(\d{1,3}(?:[.,]\d{3})*|\d+)(?:[.,](\d{1,2}))?$/.exec(cleaned);
  if (!match) return null;
  const whole = Number((match[1] ?? '').replace(/[.,]/g, ''));
  const fraction = Number((match[2] ?? '').padEnd(2, '0'));
  return whole * 100 + fraction;
}

/**
 * The event these answers describe, or the answers that are missing. Only what the user must
 * still answer is checked here; every rule about the case is the server's (and shown in its words).
 */
export function buildEvent(
  description: EventFormDescription,
  answers: Answers,
  newId: () => string,
): { event: Record<string, unknown> } | { problems: AnswerProblem[] } {
  const event: Record<string, unknown> = { type: description.type };
  const problems: AnswerProblem[] = [];
  for (const field of description.fields) {
    if (field.when && !field.when(answers)) {
      if (field.absentAs === 'null') event[field.name] = null;
      continue;
    }
    const value = answers[field.name];
    const missing = () => {
      if (field.absentAs === 'null') event[field.name] = null;
    };
    switch (field.kind) {
      case 'date': {
        const parts = (value as DateParts | undefined) ?? emptyDate;
        const optional = typeof field.optional === 'function' ? field.optional(answers) : field.optional;
        if (optional && isEmptyDate(parts)) {
          missing();
          break;
        }
        const iso = toIsoDate(parts);
        if (iso === null) problems.push({ field: field.name, message: 'addEvent.error.date' });
        else event[field.name] = iso;
        break;
      }
      case 'choice':
        if (value === '' || value === undefined)
          problems.push({ field: field.name, message: 'eventField.error.chooseFor' });
        else event[field.name] = value === noneValue ? null : value;
        break;
      case 'multi':
        event[field.name] = value ?? [];
        break;
      case 'yesNo':
        if (value === '' || value === undefined)
          problems.push({ field: field.name, message: 'eventField.error.chooseFor' });
        else event[field.name] = value === 'yes';
        break;
      case 'confirm':
        event[field.name] = value === true;
        break;
      case 'organisation':
        if (value === '' || value === undefined) {
          if (field.optional) missing();
          else problems.push({ field: field.name, message: 'eventField.error.organisation' });
        } else event[field.name] = value;
        break;
      case 'country': {
        const code = String(value ?? '')
          .trim()
          .toUpperCase();
        if (!/^[A-Z]{2}$/.test(code))
          problems.push({ field: field.name, message: 'eventField.error.country' });
        else event[field.name] = code;
        break;
      }
      case 'recordId': {
        const id = String(value ?? '')
          .trim()
          .toLowerCase();
        if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/.test(id))
          problems.push({ field: field.name, message: 'eventField.error.claimId' });
        else event[field.name] = id;
        break;
      }
      case 'newId':
        event[field.name] = newId();
        break;
      case 'money': {
        const amount = toMinorUnits(String(answers[`${field.name}.amount`] ?? ''));
        const currency = String(answers[`${field.name}.currency`] ?? '')
          .trim()
          .toUpperCase();
        if (amount === null)
          problems.push({ field: `${field.name}.amount`, message: 'eventField.error.amount' });
        if (!/^[A-Z]{3}$/.test(currency))
          problems.push({ field: `${field.name}.currency`, message: 'eventField.error.currency' });
        if (amount !== null && /^[A-Z]{3}$/.test(currency))
          event[field.name] = { amountMinorUnits: amount, currency };
        break;
      }
    }
  }
  return problems.length > 0 ? { problems } : { event };
}

/** The answer that stands for "none" in a choice with `noneLabel`. */
export const noneValue = '__none__';

/** The names of the form's fields in page order, as the error summary and server pointers use them. */
export function fieldNames(description: EventFormDescription): string[] {
  return description.fields.flatMap((field) =>
    field.kind === 'money' ? [`${field.name}.amount`, `${field.name}.currency`] : [field.name],
  );
}
