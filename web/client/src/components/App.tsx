import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isModerator, visibleUsers, type AppState } from '../state';
import { t } from '../i18n';
import { useAppState, useCtx, useMediaQuery, useTick } from '../context';
import { ActionBar } from './ActionBar';
import { Chat } from './Chat';
import { ConfirmDialog } from './Dialog';
import { GuestPanel } from './GuestPanel';
import { Banner, Header } from './Header';
import { IconWifiOff, IconX } from './Icons';
import { LiveRegion } from './LiveRegion';
import { LockDialog } from './LockDialog';
import { ConnectingScreen, EndedScreen, NoTokenScreen, WaitingScreen } from './Screens';
import { Stage } from './Stage';
import { Toasts } from './Toasts';
import { UiContext, type ConfirmRequest, type Ui } from './ui';
import { UserList } from './UserList';

/** If the server does not answer `leave` with `ended` in time, go anyway. */
const LEAVE_FALLBACK_MS = 4000;

export function App() {
  const s = useAppState();
  useEffect(() => {
    document.title = s.meeting?.name ? `${s.meeting.name} · ${t.appName}` : t.appName;
  }, [s.meeting?.name]);

  let screen;
  switch (s.phase) {
    case 'noToken':
      screen = <NoTokenScreen />;
      break;
    case 'connecting':
      screen = <ConnectingScreen s={s} />;
      break;
    case 'waiting':
      screen = <WaitingScreen s={s} />;
      break;
    case 'ended':
    case 'denied':
      screen = <EndedScreen s={s} />;
      break;
    case 'meeting':
      screen = <Meeting s={s} />;
      break;
  }
  return (
    <>
      {screen}
      <Toasts toasts={s.toasts} />
      <LiveRegion a={s.announcement} />
    </>
  );
}

type DialogState = { kind: 'confirm'; req: ConfirmRequest } | { kind: 'lock' } | null;

function Meeting({ s }: { s: AppState }) {
  const { send } = useCtx();
  const narrow = useMediaQuery('(max-width: 860px)');
  const [panelOpen, setPanelOpen] = useState(false);
  const [dialog, setDialog] = useState<DialogState>(null);
  const users = useMemo(() => visibleUsers(s), [s.users, s.you, s.lock]);
  const mod = isModerator(s.you);
  const leaveTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => {
    if (leaveTimer.current) clearTimeout(leaveTimer.current);
  }, []);

  // The drawer only exists on small screens.
  useEffect(() => {
    if (!narrow) setPanelOpen(false);
  }, [narrow]);

  // Drawer focus: into the panel when it opens, back to its toggle when it closes.
  const wasOpen = useRef(false);
  useEffect(() => {
    if (!narrow) return;
    if (panelOpen) document.querySelector<HTMLElement>('.drawer-close')?.focus();
    else if (wasOpen.current) document.querySelector<HTMLElement>('[data-testid=participants-toggle]')?.focus();
    wasOpen.current = panelOpen;
  }, [panelOpen, narrow]);

  useEffect(() => {
    if (!narrow || !panelOpen) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape' && !document.querySelector('dialog[open]')) setPanelOpen(false);
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [narrow, panelOpen]);

  const ui: Ui = useMemo(
    () => ({
      confirm: (req) => setDialog({ kind: 'confirm', req }),
      openLockSettings: () => setDialog({ kind: 'lock' }),
    }),
    [],
  );

  const leave = () => {
    const logout = s.meeting?.logoutUrl || '/';
    if (!send({ type: 'leave' })) {
      window.location.assign(logout);
      return;
    }
    leaveTimer.current = setTimeout(() => window.location.assign(logout), LEAVE_FALLBACK_MS);
  };

  const drawer = narrow;
  return (
    <UiContext.Provider value={ui}>
      <div class="app">
        <Header
          s={s}
          participantCount={users.length}
          narrow={narrow}
          participantsOpen={panelOpen}
          onToggleParticipants={() => setPanelOpen(!panelOpen)}
          onLeave={leave}
          onToggleRecording={() => send({ type: 'recordingSet', recording: !s.meeting?.recording })}
          onEndMeeting={() =>
            ui.confirm({
              title: t.endMeetingConfirmTitle,
              body: t.endMeetingConfirmBody,
              confirmLabel: t.endMeeting,
              danger: true,
              onConfirm: () => send({ type: 'meetingEnd' }),
            })
          }
          onLockSettings={ui.openLockSettings}
          waitingGuests={mod ? s.guests.length : 0}
        />
        {s.meeting?.bannerText && <Banner text={s.meeting.bannerText} color={s.meeting.bannerColor} />}
        {s.conn.status !== 'open' && <ReconnectBanner s={s} />}
        <div class="layout">
          {drawer && panelOpen && <div class="scrim" aria-hidden="true" onClick={() => setPanelOpen(false)} />}
          <aside
            id="participants-panel"
            class={`sidebar${drawer ? ' drawer' : ''}${drawer && panelOpen ? ' open' : ''}`}
            aria-label={t.participants}
            hidden={drawer && !panelOpen ? true : undefined}
          >
            {drawer && (
              <button type="button" class="btn-icon ghost drawer-close" aria-label={t.closePanel} onClick={() => setPanelOpen(false)}>
                <IconX size={18} />
              </button>
            )}
            {mod && <GuestPanel guests={s.guests} />}
            <UserList s={s} users={users} />
          </aside>
          <main class="main">
            <Stage s={s} users={users} narrow={narrow} />
            <ActionBar s={s} />
          </main>
          <aside class="chat-col" aria-label={t.chat}>
            <Chat s={s} />
          </aside>
        </div>
      </div>
      {dialog?.kind === 'confirm' && <ConfirmDialog {...dialog.req} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'lock' && <LockDialog lock={s.lock} onClose={() => setDialog(null)} />}
    </UiContext.Provider>
  );
}

function ReconnectBanner({ s }: { s: AppState }) {
  const { session } = useCtx();
  useTick(500);
  const secs = Math.max(0, Math.ceil((s.conn.retryAt - Date.now()) / 1000));
  return (
    <div class="reconnect" role="status" data-testid="status" data-state={s.conn.status}>
      <IconWifiOff size={18} />
      <span>{s.conn.status === 'reconnecting' && secs > 0 ? t.reconnectingIn(secs) : t.reconnecting}</span>
      {secs > 0 && (
        <button type="button" class="btn small secondary" onClick={() => session.retryNow()}>
          {t.retryNow}
        </button>
      )}
    </div>
  );
}
