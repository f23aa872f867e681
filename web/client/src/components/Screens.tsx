// Full-page screens outside the meeting: connecting, waiting room, ended/denied, bad link.

import type { ComponentChildren } from 'preact';
import { useEffect } from 'preact/hooks';
import type { AppState } from '../state';
import { t } from '../i18n';
import { useCtx } from '../context';
import { IconAlert, IconClock, IconLeave, Logo } from './Icons';

/** How long the end message stays up before the page goes to logoutUrl. */
export const REDIRECT_DELAY_MS = 2000;

function Card({ children, testId }: { children: ComponentChildren; testId?: string }) {
  return (
    <main class="screen" data-testid={testId}>
      <div class="screen-card">
        <div class="screen-brand">
          <Logo size={32} />
          <span>{t.appName}</span>
        </div>
        {children}
      </div>
    </main>
  );
}

export function ConnectingScreen({ s }: { s: AppState }) {
  const { session } = useCtx();
  const struggling = s.conn.status === 'reconnecting' && s.conn.attempt >= 2;
  return (
    <Card>
      <div class="spinner" aria-hidden="true" />
      <h1 class="screen-title" data-testid="status" data-state={s.conn.status === 'reconnecting' ? 'reconnecting' : 'connecting'}>
        {t.connecting}
      </h1>
      <p class="screen-text">{struggling ? t.stillTrying : t.connectingDetail}</p>
      {struggling && (
        <button type="button" class="btn secondary" onClick={() => session.retryNow()}>
          {t.retryNow}
        </button>
      )}
    </Card>
  );
}

export function WaitingScreen({ s }: { s: AppState }) {
  const { send } = useCtx();
  const message = s.waitingMessage.trim();
  return (
    <Card testId="waiting">
      <div class="waiting-art" aria-hidden="true">
        <IconClock size={36} />
      </div>
      <h1 class="screen-title" data-testid="status" data-state="waiting">
        {t.waitingTitle}
      </h1>
      <p class="screen-text">{t.waitingDetail}</p>
      {message && <p class="screen-quote">{message}</p>}
      <div class="dots" aria-hidden="true">
        <span />
        <span />
        <span />
      </div>
      {s.conn.status !== 'open' && <p class="screen-text small">{t.reconnecting}</p>}
      <button type="button" class="btn secondary" data-testid="leave" onClick={() => send({ type: 'leave' }) || leaveTo(s.logoutUrl)}>
        <IconLeave size={18} />
        {t.leave}
      </button>
    </Card>
  );
}

function leaveTo(url: string): void {
  window.location.assign(url || '/');
}

export function EndedScreen({ s }: { s: AppState }) {
  const url = s.logoutUrl;
  useEffect(() => {
    if (!url) return undefined;
    const id = setTimeout(() => window.location.assign(url), REDIRECT_DELAY_MS);
    return () => clearTimeout(id);
  }, [url]);
  const title =
    s.phase === 'denied' ? t.deniedTitle : (s.endReason && t.endedTitle[s.endReason]) || t.endedGeneric;
  return (
    <Card testId="ended">
      <h1 class="screen-title" data-testid="status" data-state={s.phase} data-reason={s.endReason ?? undefined}>
        {title}
      </h1>
      {url && (
        <>
          <p class="screen-text">{t.redirecting}</p>
          <a class="btn primary" href={url}>
            {t.continue}
          </a>
        </>
      )}
    </Card>
  );
}

export function NoTokenScreen() {
  return (
    <Card testId="no-token">
      <div class="waiting-art warn" aria-hidden="true">
        <IconAlert size={32} />
      </div>
      <h1 class="screen-title" data-testid="status" data-state="error">
        {t.noToken}
      </h1>
      <p class="screen-text">{t.noTokenDetail}</p>
    </Card>
  );
}
