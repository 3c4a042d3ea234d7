import { Page } from '../components/Page.js';
import { t } from '../i18n.js';
import { Link } from '../router.js';

/** The shared page for an unknown address and for a record the user may not see: they look the same. */
export function NotFoundPage() {
  return (
    <Page title={t('notFound.title')}>
      <p className="body">{t('notFound.typed')}</p>
      <p className="body">{t('notFound.pasted')}</p>
      <p className="body">{t('notFound.noAccess')}</p>
      <p className="body">
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
