import { useEffect, useRef, useState } from 'preact/hooks';
import { useApp } from '../context';
import { navigate, parseRoomInput } from '../router';
import { Field, Link, Page } from '../components/ui';

export function HomePage() {
  const { t, user, session } = useApp();
  useEffect(() => {
    if (user) navigate('/rooms', { replace: true });
  }, [user]);
  if (user) return null;
  return (
    <Page title={t('homeTitle')} sub={<p class="lead">{t('homeLead', { site: session.site.name })}</p>}>
      <div class="home-grid">
        <JoinBox />
        <section class="card" aria-labelledby="home-account">
          <h2 id="home-account">{t('homeAccountTitle')}</h2>
          <p>{t('homeAccountLead')}</p>
          <div class="button-row">
            <Link href="/signin" class="btn btn-primary" data-testid="home-signin">
              {t('signIn')}
            </Link>
            {session.site.registration !== 'invite' && (
              <Link href="/signup" class="btn" data-testid="home-signup">
                {t('signUp')}
              </Link>
            )}
          </div>
        </section>
      </div>
    </Page>
  );
}

function JoinBox() {
  const { t } = useApp();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const inputRef = useRef<HTMLInputElement>(null);
  const onSubmit = (e: Event) => {
    e.preventDefault();
    const id = parseRoomInput(value);
    if (!id) {
      setError(value.trim() ? t('homeJoinInvalid') : t('field_required'));
      inputRef.current?.focus();
      return;
    }
    navigate(`/r/${encodeURIComponent(id)}`);
  };
  return (
    <section class="card" aria-labelledby="home-join">
      <h2 id="home-join">{t('homeJoinTitle')}</h2>
      <form onSubmit={onSubmit} noValidate>
        <Field
          label={t('homeJoinLabel')}
          hint={t('homeJoinHint')}
          value={value}
          onValue={(v) => {
            setValue(v);
            setError(undefined);
          }}
          error={error}
          inputRef={inputRef}
          testid="home-join-input"
          autoComplete="off"
        />
        <button type="submit" class="btn btn-primary" data-testid="home-join-submit">
          {t('homeJoinSubmit')}
        </button>
      </form>
    </section>
  );
}
