import { type FormEvent, type ReactNode, useRef, useState } from 'react';
import { toApiError } from '../../web/api.js';
import { Checkbox, Select, SubmitButton, TextInput } from '../../web/components/fields.js';
import { type FormErrors, noErrors, problemToFormErrors } from '../../web/components/form-errors.js';
import { compareText, t } from '../../web/i18n.js';
import type { Meta } from '../../web/meta.js';
import { kindKey, type Organisation, organisationKinds } from './types.js';

export type OrganisationFields = {
  name: string;
  kind: string;
  region: string;
  phone: string;
  email: string;
  hours: string;
  available24x7: boolean;
  accommodationPlaces: string;
  accommodatesChildren: boolean;
};

export type OrganisationRequest = {
  name: string;
  kind: string;
  region: string;
  contactPoint: { phone: string | null; email: string | null; hours: string | null };
  available24x7: boolean;
  /** A whole number, or the text as typed so that the server names the field. */
  accommodationPlaces: number | string | null;
  accommodatesChildren: boolean;
};

const fieldNames = [
  'name',
  'kind',
  'region',
  'phone',
  'email',
  'hours',
  'available24x7',
  'accommodationPlaces',
  'accommodatesChildren',
] as const;

export const emptyOrganisation: OrganisationFields = {
  name: '',
  kind: '',
  region: '',
  phone: '',
  email: '',
  hours: '',
  available24x7: false,
  accommodationPlaces: '',
  accommodatesChildren: false,
};

export function fieldsOf(organisation: Organisation): OrganisationFields {
  return {
    name: organisation.name,
    kind: organisation.kind,
    region: organisation.region ?? '',
    phone: organisation.contactPoint.phone ?? '',
    email: organisation.contactPoint.email ?? '',
    hours: organisation.contactPoint.hours ?? '',
    available24x7: organisation.available24x7,
    accommodationPlaces:
      organisation.accommodationPlaces === null ? '' : String(organisation.accommodationPlaces),
    accommodatesChildren: organisation.accommodatesChildren,
  };
}

function toRequest(fields: OrganisationFields): OrganisationRequest {
  const optional = (value: string) => (value.trim() === '' ? null : value.trim());
  return {
    name: fields.name.trim(),
    kind: fields.kind,
    region: fields.region,
    contactPoint: {
      phone: optional(fields.phone),
      email: optional(fields.email),
      hours: optional(fields.hours),
    },
    available24x7: fields.available24x7,
    accommodationPlaces: placesOf(fields.accommodationPlaces),
    accommodatesChildren: fields.accommodatesChildren,
  };
}

function placesOf(text: string): number | string | null {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  return /^\d+$/.test(trimmed) ? Number(trimmed) : trimmed;
}

export function kindLabel(kind: string): string {
  const key = kindKey(kind);
  return key ? t(key) : kind;
}

type OrganisationFormProps = {
  meta: Meta;
  initial: OrganisationFields;
  submitLabel: string;
  /** Sends the request; resolves when saved, rejects with the API's problem. */
  onSubmit: (request: OrganisationRequest) => Promise<void>;
  /** The page owns the errors, so that the summary sits above its h1. */
  errors: FormErrors;
  onErrors: (errors: FormErrors) => void;
  secondaryAction?: ReactNode;
};

/** Add or change an organisation. */
export function OrganisationForm({
  meta,
  initial,
  submitLabel,
  onSubmit,
  errors,
  onErrors,
  secondaryAction,
}: OrganisationFormProps) {
  const [fields, setFields] = useState<OrganisationFields>(initial);
  const [sending, setSending] = useState(false);
  const sendingRef = useRef(false);

  const set =
    <K extends keyof OrganisationFields>(key: K) =>
    (value: OrganisationFields[K]) =>
      setFields((current) => ({ ...current, [key]: value }));

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (sendingRef.current) return;
    sendingRef.current = true;
    setSending(true);
    try {
      await onSubmit(toRequest(fields));
      onErrors(noErrors);
    } catch (failure) {
      onErrors(problemToFormErrors(toApiError(failure), fieldNames));
    } finally {
      sendingRef.current = false;
      setSending(false);
    }
  };

  const kinds: readonly string[] =
    meta.organisationKinds.length > 0 ? meta.organisationKinds : organisationKinds;
  const kindOptions = kinds
    .map((kind) => ({ value: kind, label: kindLabel(kind) }))
    .sort((a, b) => compareText(a.label, b.label));
  const regionOptions = meta.regions
    .map((region) => ({ value: region.code, label: region.name }))
    .sort((a, b) => compareText(a.label, b.label));

  return (
    <form className="form" noValidate onSubmit={(event) => void submit(event)}>
      <TextInput
        name="name"
        label={t('organisation.field.name')}
        value={fields.name}
        onChange={set('name')}
        error={errors.fields.name}
      />
      <Select
        name="kind"
        label={t('organisation.field.kind')}
        placeholder={t('organisation.field.kindPlaceholder')}
        options={kindOptions}
        value={fields.kind}
        onChange={set('kind')}
        error={errors.fields.kind}
      />
      <Select
        name="region"
        label={t('organisation.field.region')}
        placeholder={t('organisation.field.regionPlaceholder')}
        options={regionOptions}
        value={fields.region}
        onChange={set('region')}
        error={errors.fields.region}
      />
      <fieldset className="fieldset">
        <legend className="fieldset__legend fieldset__legend--m">
          {t('organisation.field.contactPoint')}
        </legend>
        <p className="hint">{t('organisation.field.contactPointHint')}</p>
        <TextInput
          name="phone"
          label={t('organisation.field.phone')}
          optional
          type="tel"
          width="medium"
          value={fields.phone}
          onChange={set('phone')}
          error={errors.fields.phone}
        />
        <TextInput
          name="email"
          label={t('organisation.field.email')}
          optional
          type="email"
          spellCheck={false}
          value={fields.email}
          onChange={set('email')}
          error={errors.fields.email}
        />
        <TextInput
          name="hours"
          label={t('organisation.field.hours')}
          hint={t('organisation.field.hoursHint')}
          optional
          value={fields.hours}
          onChange={set('hours')}
          error={errors.fields.hours}
        />
        <Checkbox
          name="available24x7"
          label={t('organisation.field.available24x7')}
          checked={fields.available24x7}
          onChange={set('available24x7')}
          error={errors.fields.available24x7}
        />
      </fieldset>
      <fieldset className="fieldset">
        <legend className="fieldset__legend fieldset__legend--m">{t('organisation.accommodation')}</legend>
        <TextInput
          name="accommodationPlaces"
          label={t('organisation.field.accommodationPlaces')}
          hint={t('organisation.field.accommodationPlacesHint')}
          optional
          inputMode="numeric"
          value={fields.accommodationPlaces}
          onChange={set('accommodationPlaces')}
          error={errors.fields.accommodationPlaces}
        />
        <Checkbox
          name="accommodatesChildren"
          label={t('organisation.field.accommodatesChildren')}
          checked={fields.accommodatesChildren}
          onChange={set('accommodatesChildren')}
          error={errors.fields.accommodatesChildren}
        />
      </fieldset>
      <SubmitButton sending={sending} secondary={secondaryAction}>
        {submitLabel}
      </SubmitButton>
    </form>
  );
}
