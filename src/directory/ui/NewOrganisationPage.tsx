import { useState } from 'react';
import { api } from '../../web/api.js';
import { AsyncState } from '../../web/components/AsyncState.js';
import { ErrorSummary } from '../../web/components/ErrorSummary.js';
import { type FormErrors, noErrors } from '../../web/components/form-errors.js';
import { Page } from '../../web/components/Page.js';
import { t } from '../../web/i18n.js';
import { useMeta } from '../../web/meta.js';
import { Link, navigate } from '../../web/router.js';
import { emptyOrganisation, OrganisationForm, type OrganisationRequest } from './OrganisationForm.js';
import type { Organisation } from './types.js';

export function NewOrganisationPage() {
  const meta = useMeta();
  const [errors, setErrors] = useState<FormErrors>(noErrors);

  const create = async (request: OrganisationRequest) => {
    const organisation = await api.post<Organisation>('/api/organisations', request);
    navigate(`/organisations/${encodeURIComponent(organisation.id)}`, {
      flash: { key: 'organisation.created' },
    });
  };

  return (
    <Page
      title={t('organisation.new.title')}
      hasErrors={errors.summary.length > 0}
      before={
        <>
          <Link className="back-link" href="/organisations">
            {t('organisation.backToList')}
          </Link>
          <ErrorSummary items={errors.summary} />
        </>
      }
    >
      <AsyncState resource={meta}>
        {(loaded) => (
          <OrganisationForm
            meta={loaded}
            initial={emptyOrganisation}
            submitLabel={t('organisation.new.submit')}
            onSubmit={create}
            errors={errors}
            onErrors={setErrors}
          />
        )}
      </AsyncState>
    </Page>
  );
}
