// /r/:friendlyId: the room's shareable page. Guests give a name (where sign-in is not
// required), anyone gives the access code when one is needed; if the meeting has not
// started, the page waits (polling the status every 5 s) and then joins by itself.

import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { ApiError } from '../api';
import { useApp } from '../context';
import { isFullRoom, type PublicRoom, type Room } from '../types';
import { checkName } from '../validate';
import { ErrorBox, Field, fieldMessage, formatTime, Link, Loading, Notice, Page, useErrorText } from '../components/ui';
import { useFocusHeading } from './auth';
import { startAndGo } from './roomActions';

export const POLL_MS = 5000;
const GUEST_NAME_KEY = 'bluemeet.portal.guestName';

function rememberedName(): string {
  try {
    return localStorage.getItem(GUEST_NAME_KEY) ?? '';
  } catch {
    return '';
  }
}

export function JoinPage({ friendlyId }: { friendlyId: string }) {
  const { t, lang, user } = useApp();
  const errText = useErrorText();
  const [room, setRoom] = useState<Room | PublicRoom | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [name, setName] = useState(rememberedName);
  const [code, setCode] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [codeError, setCodeError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [waiting, setWaiting] = useState(false);
  const [lastCheck, setLastCheck] = useState<number | null>(null);
  const [joiningNow, setJoiningNow] = useState(false);
  const [codeNeeded, setCodeNeeded] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const codeRef = useRef<HTMLInputElement>(null);
  const request = useRef<api.JoinRequest>({});
  useFocusHeading(waiting);

  const load = async () => {
    try {
      const { room: r } = await api.getRoom(friendlyId);
      setRoom(r);
      setLoadError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setNotFound(true);
      else setLoadError(errText(err));
    }
  };
  useEffect(() => {
    void load();
  }, [friendlyId, user?.id]);

  const pub: PublicRoom | null = room
    ? isFullRoom(room)
      ? {
          friendlyId: room.friendlyId,
          name: room.name,
          ownerName: room.owner.name,
          running: room.running,
          viewerCodeRequired: false,
          moderatorCodeAvailable: false,
          requireSignIn: room.options.requireSignIn,
        }
      : room
    : null;

  const go = (joinUrl: string) => {
    setJoiningNow(true);
    window.location.assign(joinUrl);
  };

  /** One join attempt with the current request; true when it is over (joined or failed). */
  const attempt = async (): Promise<'joined' | 'waiting' | 'failed'> => {
    try {
      const res = await api.joinRoom(friendlyId, request.current);
      if (res.joinUrl) {
        go(res.joinUrl);
        return 'joined';
      }
      return 'waiting';
    } catch (err) {
      setWaiting(false);
      if (err instanceof ApiError && (err.code === 'accessCodeRequired' || err.code === 'wrongAccessCode')) {
        setCodeNeeded(true);
        setCodeError(errText(err));
        window.setTimeout(() => codeRef.current?.focus(), 0);
      } else {
        setError(errText(err));
      }
      return 'failed';
    }
  };

  // While waiting: poll the status every 5 s, and join as soon as it runs.
  useEffect(() => {
    if (!waiting) return;
    let stopped = false;
    let timer = 0;
    const tick = async () => {
      try {
        const s = await api.roomStatus(friendlyId);
        if (stopped) return;
        setLastCheck(Date.now());
        if (s.running) {
          const r = await attempt();
          if (stopped || r !== 'waiting') return;
        }
      } catch (err) {
        if (stopped) return;
        if (err instanceof ApiError && err.status >= 400 && err.status < 500) {
          setWaiting(false);
          setError(errText(err));
          return;
        }
        // network trouble: keep trying
      }
      timer = window.setTimeout(() => void tick(), POLL_MS);
    };
    timer = window.setTimeout(() => void tick(), POLL_MS);
    return () => {
      stopped = true;
      window.clearTimeout(timer);
    };
  }, [waiting]);

  if (notFound) {
    return (
      <Page title={t('notFoundTitle')} narrow>
        <p>{t('roomNotFound')}</p>
        <p>
          <Link href="/">{t('goHome')}</Link>
        </p>
      </Page>
    );
  }
  if (!pub) {
    return (
      <Page title={loadError ? t('notFoundTitle') : t('loading')} narrow>
        {loadError ? (
          <ErrorBox message={loadError}>
            <button type="button" class="btn" onClick={() => void load()}>
              {t('retry')}
            </button>
          </ErrorBox>
        ) : (
          <Loading />
        )}
      </Page>
    );
  }

  const full = room && isFullRoom(room) ? room : null;
  const needsSignIn = pub.requireSignIn && !user;
  const askName = !user;
  const showCode = pub.viewerCodeRequired || pub.moderatorCodeAvailable || codeNeeded;
  const here = `/r/${encodeURIComponent(friendlyId)}`;

  if (waiting) {
    return (
      <Page title={t('waitingTitle')} narrow sub={<p class="muted">{pub.name}</p>}>
        <div class="card waiting" data-testid="waiting" role="status" aria-live="polite">
          <span class="pulse" aria-hidden="true" />
          <p>{joiningNow ? t('meetingStarted') : t('waitingBody')}</p>
          {lastCheck && !joiningNow && <p class="muted small">{t('waitingChecked', { time: formatTime(lang, lastCheck) })}</p>}
        </div>
        <p>
          <button type="button" class="btn" onClick={() => setWaiting(false)} data-testid="waiting-cancel">
            {t('stopWaiting')}
          </button>
        </p>
      </Page>
    );
  }

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    setError(null);
    const ne = askName ? fieldMessage(t, checkName(name)) : undefined;
    const ce = pub.viewerCodeRequired && !code.trim() ? t('err_accessCodeRequired') : undefined;
    setNameError(ne);
    setCodeError(ce);
    if (ne) {
      nameRef.current?.focus();
      return;
    }
    if (ce) {
      codeRef.current?.focus();
      return;
    }
    const req: api.JoinRequest = {};
    if (askName) {
      req.name = name.trim();
      try {
        localStorage.setItem(GUEST_NAME_KEY, req.name);
      } catch {
        /* not remembered */
      }
    }
    if (code.trim()) req.accessCode = code.trim();
    request.current = req;
    setBusy(true);
    const r = await attempt();
    setBusy(false);
    if (r === 'waiting') {
      setLastCheck(Date.now());
      setWaiting(true);
    }
  };

  const onStart = async () => {
    setBusy(true);
    setError(null);
    try {
      await startAndGo(friendlyId);
    } catch (err) {
      setError(errText(err));
      setBusy(false);
    }
  };

  return (
    <Page title={t('joinTitle', { name: pub.name })} narrow sub={<p class="muted">{t('hostedBy', { name: pub.ownerName })}</p>}>
      <p class="status-line">
        <span class={pub.running ? 'badge badge-live' : 'badge'} data-testid="join-status">
          {pub.running ? t('running') : t('notRunning')}
        </span>{' '}
        <span class="muted">{pub.running ? t('runningNow') : t('notRunningYet')}</span>
      </p>
      {needsSignIn ? (
        <Notice kind="info" testid="join-signin-required">
          <p>{t('err_signInRequired')}</p>
          <p>
            <Link href={`/signin?next=${encodeURIComponent(here)}`} class="btn btn-primary" data-testid="join-signin">
              {t('signInToJoin')}
            </Link>
          </p>
        </Notice>
      ) : (
        <form onSubmit={(e) => void onSubmit(e)} noValidate class="card form-card" aria-busy={busy}>
          <ErrorBox message={error} testid="join-error" />
          {askName && (
            <Field label={t('yourName')} value={name} onValue={setName} error={nameError} inputRef={nameRef} autoComplete="name" required maxLength={255} testid="join-name" />
          )}
          {showCode && (
            <Field
              label={t('accessCode')}
              value={code}
              onValue={setCode}
              error={codeError}
              inputRef={codeRef}
              hint={pub.viewerCodeRequired ? undefined : t('accessCodeOptionalHint')}
              required={pub.viewerCodeRequired}
              autoComplete="off"
              maxLength={64}
              testid="join-code"
            />
          )}
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="join-submit">
            {busy ? t('joining') : t('joinSubmit')}
          </button>
        </form>
      )}
      {full && (
        <div class="button-row below-card">
          <button type="button" class="btn" onClick={() => void onStart()} disabled={busy} data-testid="join-start">
            {t('startMeeting')}
          </button>
          <Link href={`/rooms/${encodeURIComponent(friendlyId)}`} class="btn btn-ghost">
            {t('manageThisRoom')}
          </Link>
        </div>
      )}
    </Page>
  );
}
