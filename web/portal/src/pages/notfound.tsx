import { useApp } from '../context';
import { Link, Page } from '../components/ui';

export function NotFoundPage() {
  const { t } = useApp();
  return (
    <Page title={t('notFoundTitle')} narrow>
      <p>{t('notFoundBody')}</p>
      <p>
        <Link href="/" class="btn btn-primary">
          {t('goHome')}
        </Link>
      </p>
    </Page>
  );
}
