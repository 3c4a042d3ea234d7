import { useState } from 'react';
import { api } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { SuccessBanner } from '../../web/components/Banner.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { type FormErrors, noErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { SummaryList } from '../../web/components/SummaryList.js';
import type { Text } from '../../web/components/text.js';
import { t } from '../../web/i18n.js';
import { type Meta, regionName, useMeta } from '../../web/meta.js';
import { NotFoundPage } from '../../web/pages/NotFoundPage.js';
import { combine, useApi } from '../../web/resource.js';
import { getFlash, Link, usePathname } from '../../web/router.js';
import { fieldsOf, kindLabel, OrganisationForm, type OrganisationRequest } from './OrganisationForm.js';
import { type Organisation, organisationActions } from './types.js';

export function OrganisationPage({ id }: { id: string }) {
  const pathname = usePathname();
  const organisation = useApi<Organisation>(`/api/organisations/${encodeURIComponent(id)}`);
  const meta = useMeta();
  const both = combine(organisation, meta);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<Text | null>(null);
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  if (organisation.error?.status === 404) return <NotFoundPage />;

  const save = async (request: OrganisationRequest) => {
    const updated = await api.patch<Organisation>(`/api/organisations/${encodeURIComponent(id)}`, request);
    organisation.update(updated);
    setSaved({ key: 'organisation.saved' });
    setEditing(false);
  };

  if (editing && both.data) {
    const [loaded, loadedMeta] = both.data;
    return (
      <Page
        key="edit"
        title={t('organisation.edit.title')}
        heading={t('organisation.edit.heading', { name: loaded.name })}
        hasErrors={errors.summary.length > 0}
        focusOnMount
        before={<ErrorSummary items={errors.summary} />}
      >
        <OrganisationForm
          meta={loadedMeta}
          initial={fieldsOf(loaded)}
          submitLabel={t('common.saveChanges')}
          onSubmit={save}
          errors={errors}
          onErrors={setErrors}
          secondaryAction={
            <button
              className="button button--secondary"
              type="button"
              onClick={() => {
                setErrors(noErrors);
                setEditing(false);
              }}
            >
              {t('common.cancel')}
            </button>
          }
        />
      </Page>
    );
  }

  return (
    <Page
      key="view"
      title={t('organisation.title')}
      heading={organisation.data?.name ?? t('organisation.title')}
      caption={t('organisation.title')}
      focusOnMount={saved !== null}
      before={
        <>
          <Link className="back-link" href="/organisations">
            {t('organisation.backToList')}
          </Link>
          <SuccessBanner message={saved ?? getFlash(pathname)} />
        </>
      }
    >
      <AsyncState resource={both}>
        {([loaded, loadedMeta]) => (
          <>
            <OrganisationDetails organisation={loaded} meta={loadedMeta} />
            {loaded.allowedActions.includes(organisationActions.update) ? (
              <button
                className="button button--secondary"
                type="button"
                onClick={() => {
                  setSaved(null);
                  setEditing(true);
                }}
              >
                {t('organisation.change')}
              </button>
            ) : null}
          </>
        )}
      </AsyncState>
    </Page>
  );
}

function OrganisationDetails({ organisation, meta }: { organisation: Organisation; meta: Meta }) {
  const notProvided = <span className="not-provided">{t('common.notProvided')}</span>;
  const { phone, email, hours } = organisation.contactPoint;
  return (
    <SummaryList
      rows={[
        { key: 'kind', label: t('organisation.field.kind'), value: kindLabel(organisation.kind) },
        {
          key: 'region',
          label: t('organisation.field.region'),
          value: regionName(meta, organisation.region) || notProvided,
        },
        {
          key: 'phone',
          label: t('organisation.field.phone'),
          value: phone ? <a href={`tel:${phone.replace(/[^\d+]/g, '')}`}>{phone}</a> : notProvided,
        },
        {
          key: 'email',
          label: t('organisation.field.email'),
          value: email ? <a href={`mailto:${email}`}>{email}</a> : notProvided,
        },
        { key: 'hours', label: t('organisation.field.hours'), value: hours ?? notProvided },
        {
          key: 'availability',
          label: t('organisation.availability'),
          value: organisation.available24x7
            ? t('organisation.available24x7')
            : t('organisation.notAvailable24x7'),
        },
        {
          key: 'accommodation',
          label: t('organisation.field.accommodationPlaces'),
          value:
            organisation.accommodationPlaces === null
              ? notProvided
              : `${organisation.accommodationPlaces}${
                  organisation.accommodatesChildren
                    ? ` · ${t('organisation.field.accommodatesChildren')}`
                    : ''
                }`,
        },
      ]}
    />
  );
}
