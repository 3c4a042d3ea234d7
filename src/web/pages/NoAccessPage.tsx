import { Page } from '../components/Page.js';
import { t } from '../i18n.js';
import { Link } from '../router.js';

/** A page the user's roles do not include: say who can give access. */
export function NoAccessPage() {
  return (
    <Page title={t('noAccess.title')}>
      <p className="body">{t('noAccess.body')}</p>
      <p className="body">{t('noAccess.whoGrants')}</p>
      <p className="body">
        <Link href="/">{t('notFound.home')}</Link>
      </p>
    </Page>
  );
}
