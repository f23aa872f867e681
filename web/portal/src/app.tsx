// The shell: loads the session, picks the language, applies the site's accent, renders
// header/nav/main and the page for the current path.

import { useCallback, useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { getSession, signOut } from './api';
import { canAdmin, Ctx, useApp, type AppContext } from './context';
import { LANG_STORAGE_KEY, LANGS, pickLanguage, translate, type MsgKey, type Params } from './i18n';
import { matchRoute, navigate, useLocation, type Loc, type Match } from './router';
import { applyTheme } from './theme';
import { SITE_LINK_KEYS, type Lang, type SessionInfo } from './types';
import { safeLink } from './validate';
import { errorText, Link } from './components/ui';
import { HomePage } from './pages/home';
import { ResetConfirmPage, ResetPage, SignInPage, SignUpPage, VerifyPage } from './pages/auth';
import { RoomsPage } from './pages/rooms';
import { RoomPage } from './pages/room';
import { JoinPage } from './pages/join';
import { AdminPage } from './pages/admin';
import { NotFoundPage } from './pages/notfound';

function storedLang(): string | null {
  try {
    return localStorage.getItem(LANG_STORAGE_KEY);
  } catch {
    return null;
  }
}

export function App() {
  const loc = useLocation();
  const [session, setSession] = useState<SessionInfo | null>(null);
  const [loadError, setLoadError] = useState<unknown>(null);
  const [lang, setLangState] = useState<Lang>(() => pickLanguage(storedLang(), navigator.languages ?? [navigator.language]));
  const [toast, setToast] = useState<{ id: number; text: string } | null>(null);
  const toastTimer = useRef<number | undefined>(undefined);

  const t = useCallback((key: MsgKey, params?: Params) => translate(lang, key, params), [lang]);

  const load = useCallback(async () => {
    try {
      const s = await getSession();
      setSession(s);
      setLoadError(null);
      // Without a remembered choice or a supported browser language, the site's default applies.
      setLangState(pickLanguage(storedLang(), navigator.languages ?? [navigator.language], s.site.defaultLanguage));
    } catch (e) {
      setLoadError(e);
    }
  }, []);

  useEffect(() => {
    void load();
  }, [load]);

  useEffect(() => {
    document.documentElement.lang = lang;
  }, [lang]);

  useEffect(() => {
    if (session) applyTheme(session.site.primaryColor);
  }, [session?.site.primaryColor]);

  const setLang = useCallback((l: Lang) => {
    try {
      localStorage.setItem(LANG_STORAGE_KEY, l);
    } catch {
      /* private mode: the choice lasts for this page only */
    }
    setLangState(l);
  }, []);

  const announce = useCallback((text: string) => {
    setToast({ id: Date.now(), text });
    window.clearTimeout(toastTimer.current);
    toastTimer.current = window.setTimeout(() => setToast(null), 6000);
  }, []);

  // After a navigation (not the first render), focus the new page's heading so screen
  // readers and keyboard users start at the top of the new content.
  const firstRender = useRef(true);
  useEffect(() => {
    if (firstRender.current) {
      firstRender.current = false;
      return;
    }
    const id = window.setTimeout(() => {
      const h = document.getElementById('page-title');
      if (h && !document.querySelector('dialog[open]')) h.focus({ preventScroll: false });
    }, 0);
    return () => window.clearTimeout(id);
  }, [loc.pathname]);

  if (!session) {
    return (
      <main id="main" class="boot">
        {loadError ? (
          <div class="alert alert-error" role="alert">
            <p>{errorText(t, lang, loadError)}</p>
            <button type="button" class="btn" onClick={() => void load()}>
              {t('retry')}
            </button>
          </div>
        ) : (
          <p class="loading" role="status">
            <span class="spinner" aria-hidden="true" />
            {t('loading')}
          </p>
        )}
      </main>
    );
  }

  const ctx: AppContext = {
    session,
    user: session.user,
    lang,
    t,
    setLang,
    refreshSession: load,
    announce,
  };

  return (
    <Ctx.Provider value={ctx}>
      <Shell loc={loc} toast={toast?.text ?? ''} onDismissToast={() => setToast(null)} />
    </Ctx.Provider>
  );
}

function Shell(p: { loc: Loc; toast: string; onDismissToast: () => void }) {
  const match = useMemo(() => matchRoute(p.loc.pathname), [p.loc.pathname]);
  const ctx = useApp();
  return (
        <div class="shell">
          <a class="skip-link" href="#main">
            {ctx.t('skipToContent')}
          </a>
          <Header ctx={ctx} match={match} />
          <main id="main" tabIndex={-1}>
            <RouteView match={match} loc={p.loc} />
          </main>
          <SiteFooter ctx={ctx} />
          <div class="toast-region" role="status" aria-live="polite" aria-atomic="true">
            {p.toast && (
              <div class="toast" data-testid="toast">
                <span>{p.toast}</span>
                <button type="button" class="btn-icon" onClick={p.onDismissToast} aria-label={ctx.t('close')}>
                  <span aria-hidden="true">×</span>
                </button>
              </div>
            )}
          </div>
        </div>
  );
}

function Header({ ctx, match }: { ctx: AppContext; match: Match }) {
  const { t, user, session } = ctx;
  const [busy, setBusy] = useState(false);
  const onSignOut = async () => {
    setBusy(true);
    try {
      await signOut();
    } catch {
      /* the session is gone either way once we reload it */
    }
    await ctx.refreshSession();
    setBusy(false);
    navigate('/');
  };
  const current = (names: string[]) => (names.includes(match.name) ? 'page' : undefined);
  return (
    <header class="site-header">
      <div class="header-inner">
        <Brand name={session.site.name} logoUrl={session.site.logoUrl} />
        <nav aria-label={t('mainNav')} class="main-nav">
          <ul>
            {user && (
              <li>
                <Link href="/rooms" aria-current={current(['rooms', 'room'])} data-testid="nav-rooms">
                  {t('navRooms')}
                </Link>
              </li>
            )}
            {canAdmin(user) && (
              <li>
                <Link href="/admin" aria-current={current(['admin'])} data-testid="nav-admin">
                  {t('navAdmin')}
                </Link>
              </li>
            )}
          </ul>
        </nav>
        <div class="header-tools">
          <LangSelect ctx={ctx} />
          {user ? (
            <>
              <span class="who" title={user.email} data-testid="who">
                <span class="sr-only">{t('signedInAs', { name: user.name })}</span>
                <span aria-hidden="true">{user.name}</span>
              </span>
              <button type="button" class="btn btn-ghost" onClick={() => void onSignOut()} disabled={busy} data-testid="signout">
                {t('signOut')}
              </button>
            </>
          ) : (
            <>
              <Link href="/signin" class="btn btn-ghost" aria-current={current(['signin'])} data-testid="nav-signin">
                {t('signIn')}
              </Link>
              {session.site.registration !== 'invite' && (
                <Link href="/signup" class="btn btn-primary" aria-current={current(['signup'])} data-testid="nav-signup">
                  {t('signUp')}
                </Link>
              )}
            </>
          )}
        </div>
      </div>
    </header>
  );
}

/**
 * The site's logo, named by its alt text (the site's name), else the mark and the name
 * as text; also when the logo cannot be loaded.
 */
function Brand({ name, logoUrl }: { name: string; logoUrl: string | null }) {
  const [failed, setFailed] = useState<string | null>(null);
  const showLogo = !!logoUrl && failed !== logoUrl;
  return (
    <Link href="/" class="brand" data-testid="brand">
      {showLogo ? (
        <img src={logoUrl} alt={name} class="brand-logo" onError={() => setFailed(logoUrl)} data-testid="site-logo" />
      ) : (
        <>
          <span class="brand-mark" aria-hidden="true" />
          <span class="brand-name">{name}</span>
        </>
      )}
    </Link>
  );
}

/**
 * The footer (a contentinfo landmark) with the site's links that are set (terms, privacy,
 * accessibility statement, help), as plain links opening in the same tab; none shown for
 * the unset ones, and no list at all without any.
 */
function SiteFooter({ ctx }: { ctx: AppContext }) {
  const { t, session } = ctx;
  const links = SITE_LINK_KEYS.flatMap((key) => {
    const href = safeLink(session.site[key]);
    return href ? [{ key, href }] : [];
  });
  return (
    <footer class="site-footer" data-testid="site-footer">
      {links.length > 0 && (
        <nav aria-label={t('footerLinks')} class="footer-nav">
          <ul class="footer-links">
            {links.map(({ key, href }) => (
              <li key={key}>
                <a href={href} data-testid={`footer-${key.replace(/Url$/, '')}`}>
                  {t(`link_${key}` as MsgKey)}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      <p>{t('footer')}</p>
    </footer>
  );
}

function LangSelect({ ctx }: { ctx: AppContext }) {
  return (
    <div class="lang-select">
      <label for="lang-select" class="sr-only">
        {ctx.t('language')}
      </label>
      <select id="lang-select" value={ctx.lang} onChange={(e) => ctx.setLang((e.currentTarget as HTMLSelectElement).value as Lang)} data-testid="lang-select">
        {LANGS.map((l) => (
          <option value={l} lang={l} key={l}>
            {ctx.t(`lang_${l}` as MsgKey)}
          </option>
        ))}
      </select>
    </div>
  );
}

function RouteView({ match, loc }: { match: Match; loc: Loc }) {
  const q = loc.search;
  switch (match.name) {
    case 'home':
      return <HomePage />;
    case 'signin':
      return <SignInPage next={q.get('next')} />;
    case 'signup':
      return <SignUpPage inviteToken={q.get('inviteToken') ?? q.get('invite') ?? q.get('token')} />;
    case 'verify':
      return <VerifyPage token={q.get('token')} />;
    case 'reset':
      return <ResetPage />;
    case 'resetConfirm':
      return <ResetConfirmPage token={q.get('token')} />;
    case 'rooms':
      return <RoomsPage />;
    case 'room':
      return <RoomPage key={match.params.friendlyId} friendlyId={match.params.friendlyId} />;
    case 'join':
      return <JoinPage key={match.params.friendlyId} friendlyId={match.params.friendlyId} />;
    case 'admin':
      return <AdminPage tab={match.params.tab ?? null} />;
    default:
      return <NotFoundPage />;
  }
}
