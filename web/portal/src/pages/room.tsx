// /rooms/:friendlyId: the owner's (and co-owners') view of a room.

import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { ApiError } from '../api';
import { hasPermission, useApp } from '../context';
import type { MsgKey } from '../i18n';
import { navigate } from '../router';
import {
  BOOLEAN_ROOM_OPTIONS,
  isFullRoom,
  type AttendanceSession,
  type Recording,
  type Room,
  type RoomOptions,
  type RoomPresentation,
  type ShareUser,
} from '../types';
import { checkEmail, checkName, randomAccessCode } from '../validate';
import {
  Checkbox,
  Dialog,
  ErrorBox,
  Field,
  fieldMessage,
  formatDateTime,
  formatDuration,
  Link,
  Loading,
  Page,
  Tabs,
  useCopyLink,
  useErrorText,
} from '../components/ui';
import { useRequireUser } from './guard';
import { RecordingsTable } from './recordings';
import { startAndGo } from './roomActions';
import { PresentationSection } from './roomPresentation';

export function RoomPage({ friendlyId }: { friendlyId: string }) {
  const user = useRequireUser();
  const { t } = useApp();
  const errText = useErrorText();
  const copy = useCopyLink();
  const [room, setRoom] = useState<Room | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [notFound, setNotFound] = useState(false);
  const [settingsOpen, setSettingsOpen] = useState(false);
  const [starting, setStarting] = useState(false);
  const [startError, setStartError] = useState<string | null>(null);
  const [tab, setTab] = useState('recordings');

  const load = async () => {
    try {
      const { room: r } = await api.getRoom(friendlyId);
      if (!isFullRoom(r)) {
        navigate(`/r/${encodeURIComponent(friendlyId)}`, { replace: true });
        return;
      }
      setRoom(r);
      setError(null);
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) setNotFound(true);
      else setError(errText(err));
    }
  };
  useEffect(() => {
    if (user) void load();
  }, [user?.id, friendlyId]);

  // Keep the running badge fresh while the page is open.
  useEffect(() => {
    if (!room) return;
    const id = window.setInterval(() => {
      if (document.visibilityState !== 'visible') return;
      api
        .roomStatus(friendlyId)
        .then((s) => setRoom((r) => (r && r.running !== s.running ? { ...r, running: s.running } : r)))
        .catch(() => undefined);
    }, 15000);
    return () => window.clearInterval(id);
  }, [room?.friendlyId]);

  if (!user) return null;
  if (notFound) {
    return (
      <Page title={t('notFoundTitle')} narrow>
        <p>{t('roomNotFound')}</p>
        <p>
          <Link href="/rooms">{t('navRooms')}</Link>
        </p>
      </Page>
    );
  }
  if (!room) {
    return (
      <Page title={error ? t('notFoundTitle') : t('loading')}>
        {error ? (
          <ErrorBox message={error}>
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

  const start = async () => {
    setStarting(true);
    setStartError(null);
    try {
      await startAndGo(room.friendlyId);
    } catch (err) {
      setStartError(errText(err));
      setStarting(false);
    }
  };

  const tabs = [{ id: 'recordings', label: t('tabRecordings') }];
  if (room.mine || hasPermission(user, 'SharedList')) tabs.push({ id: 'sharing', label: t('tabSharing') });
  if (room.mine) tabs.push({ id: 'attendance', label: t('tabAttendance') });
  const current = tabs.some((x) => x.id === tab) ? tab : 'recordings';

  return (
    <Page
      title={room.name}
      sub={
        <p class="muted">
          <span class={room.running ? 'badge badge-live' : 'badge'} data-testid="room-status">
            {room.running ? t('running') : t('notRunning')}
          </span>{' '}
          {room.mine ? null : t('sharedBy', { name: room.owner.name })}
        </p>
      }
      actions={
        <>
          <button type="button" class="btn" onClick={() => setSettingsOpen(true)} data-testid="settings-open">
            {t('settings')}
          </button>
          <button type="button" class="btn btn-primary" onClick={() => void start()} disabled={starting} data-testid="room-start">
            {starting ? t('starting') : t('start')}
          </button>
        </>
      }
    >
      <ErrorBox message={startError} testid="room-start-error" />
      <section class="card link-card" aria-labelledby="room-link-label">
        <div class="field">
          <label id="room-link-label" for="room-link">
            {t('roomLink')}
          </label>
          <div class="field-row">
            <input id="room-link" type="text" readOnly value={room.url} class="mono" onFocus={(e) => (e.currentTarget as HTMLInputElement).select()} data-testid="room-url" />
            <button type="button" class="btn" onClick={() => copy(room.url)} data-testid="room-copy">
              {t('copyLink')}
            </button>
          </div>
        </div>
      </section>
      <Tabs label={t('roomSections')} tabs={tabs} selected={current} onSelect={setTab} idPrefix="room">
        {current === 'recordings' && <RecordingsPanel friendlyId={room.friendlyId} />}
        {current === 'sharing' && <SharingPanel friendlyId={room.friendlyId} canAdd={room.mine || hasPermission(user, 'SharedList')} />}
        {current === 'attendance' && <AttendancePanel friendlyId={room.friendlyId} />}
      </Tabs>
      {settingsOpen && (
        <SettingsDialog
          room={room}
          onClose={() => setSettingsOpen(false)}
          onPresentation={(presentation) => setRoom((r) => (r ? { ...r, presentation } : r))}
          onSaved={(r) => {
            setRoom(r);
            setSettingsOpen(false);
          }}
        />
      )}
    </Page>
  );
}

function SettingsDialog({
  room,
  onClose,
  onSaved,
  onPresentation,
}: {
  room: Room;
  onClose: () => void;
  onSaved: (r: Room) => void;
  onPresentation: (p: RoomPresentation | null) => void;
}) {
  const { t, announce } = useApp();
  const errText = useErrorText();
  const [name, setName] = useState(room.name);
  const [opts, setOpts] = useState<RoomOptions>({ ...room.options });
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const set = <K extends keyof RoomOptions>(k: K, v: RoomOptions[K]) => setOpts((o) => ({ ...o, [k]: v }));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const fe = fieldMessage(t, checkName(name));
    setNameError(fe);
    if (fe) {
      nameRef.current?.focus();
      return;
    }
    const changed: Partial<RoomOptions> = {};
    for (const k of Object.keys(opts) as (keyof RoomOptions)[]) {
      const v = typeof opts[k] === 'string' ? (opts[k] as string).trim() : opts[k];
      if (v !== room.options[k]) (changed as Record<string, unknown>)[k] = v;
    }
    const patch: api.RoomPatch = {};
    if (name.trim() !== room.name) patch.name = name.trim();
    if (Object.keys(changed).length) patch.options = changed;
    if (!patch.name && !patch.options) {
      onClose();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const { room: r } = await api.updateRoom(room.friendlyId, patch);
      announce(t('settingsSaved'));
      onSaved(r);
    } catch (err) {
      setError(errText(err));
      setBusy(false);
    }
  };

  const codeField = (k: 'viewerAccessCode' | 'moderatorAccessCode') => {
    const label = t(`opt_${k}` as MsgKey);
    return (
      <Field
        label={label}
        value={opts[k]}
        onValue={(v) => set(k, v)}
        hint={t('accessCodeHint')}
        autoComplete="off"
        maxLength={64}
        testid={`settings-${k}`}
      >
        <button type="button" class="btn" onClick={() => set(k, randomAccessCode())} aria-label={t('generateCodeFor', { option: label })} data-testid={`settings-generate-${k}`}>
          {t('generateCode')}
        </button>
      </Field>
    );
  };

  return (
    <Dialog title={t('settingsTitle')} onClose={onClose} testid="settings-dialog" wide>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <ErrorBox message={error} testid="settings-error" />
        <Field label={t('roomName')} value={name} onValue={setName} error={nameError} inputRef={nameRef} required maxLength={255} testid="settings-name" />
        <fieldset class="fieldset">
          <legend>{t('settings')}</legend>
          {BOOLEAN_ROOM_OPTIONS.map((k) => (
            <Checkbox key={k} label={t(`opt_${k}` as MsgKey)} checked={opts[k]} onChange={(v) => set(k, v)} testid={`settings-${k}`} />
          ))}
        </fieldset>
        <fieldset class="fieldset">
          <legend>{t('accessCodes')}</legend>
          {codeField('viewerAccessCode')}
          {codeField('moderatorAccessCode')}
        </fieldset>
        <PresentationSection room={room} onChange={onPresentation} />
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="settings-save">
            {busy ? t('saving') : t('save')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function RecordingsPanel({ friendlyId }: { friendlyId: string }) {
  const { t } = useApp();
  const errText = useErrorText();
  const [recs, setRecs] = useState<Recording[] | null>(null);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    try {
      const r = await api.listRecordings(friendlyId);
      setRecs(r.recordings);
      setError(null);
    } catch (err) {
      setError(errText(err));
    }
  };
  useEffect(() => {
    void load();
    // New recordings arrive through the gateway's callback; refresh now and then.
    const id = window.setInterval(() => {
      if (document.visibilityState === 'visible' && !document.querySelector('dialog[open]')) void load();
    }, 30000);
    return () => window.clearInterval(id);
  }, [friendlyId]);

  if (error) {
    return (
      <ErrorBox message={error}>
        <button type="button" class="btn" onClick={() => void load()}>
          {t('retry')}
        </button>
      </ErrorBox>
    );
  }
  if (!recs) return <Loading />;
  if (recs.length === 0) {
    return (
      <p class="empty" data-testid="recordings-empty">
        {t('recordingsEmpty')}
      </p>
    );
  }
  return <RecordingsTable recordings={recs} onChange={(update) => setRecs((rs) => update(rs ?? []))} caption={t('tabRecordings')} rowTestid="recording-row" />;
}

function SharingPanel({ friendlyId, canAdd }: { friendlyId: string; canAdd: boolean }) {
  const { t, announce } = useApp();
  const errText = useErrorText();
  const [users, setUsers] = useState<ShareUser[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);

  const load = async () => {
    try {
      const r = await api.listShares(friendlyId);
      setUsers(r.users);
    } catch (err) {
      setError(errText(err));
    }
  };
  useEffect(() => {
    void load();
  }, [friendlyId]);

  const onAdd = async (e: Event) => {
    e.preventDefault();
    const fe = fieldMessage(t, checkEmail(email));
    setFieldError(fe);
    if (fe) {
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    try {
      await api.addShare(friendlyId, email.trim());
      announce(t('shareAdded', { email: email.trim() }));
      setEmail('');
      await load();
    } catch (err) {
      setFieldError(err instanceof ApiError && err.status === 404 ? t('err_userNotFound') : errText(err));
      inputRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const onRemove = async (u: ShareUser) => {
    setError(null);
    try {
      await api.removeShare(friendlyId, u.id);
      setUsers((us) => (us ?? []).filter((x) => x.id !== u.id));
      announce(t('shareRemoved'));
      document.getElementById('page-title')?.focus();
    } catch (err) {
      setError(errText(err));
    }
  };

  return (
    <div>
      <p>{t('shareLead')}</p>
      {canAdd && (
        <form onSubmit={(e) => void onAdd(e)} noValidate class="inline-form">
          <Field label={t('shareEmail')} type="email" value={email} onValue={setEmail} error={fieldError} inputRef={inputRef} autoComplete="off" testid="share-email">
            <button type="submit" class="btn btn-primary" disabled={busy} data-testid="share-add">
              {busy ? t('adding') : t('shareAdd')}
            </button>
          </Field>
        </form>
      )}
      <ErrorBox message={error} />
      {users === null && !error && <Loading />}
      {users && users.length === 0 && <p class="empty">{t('shareEmpty')}</p>}
      {users && users.length > 0 && (
        <ul class="share-list" data-testid="share-list">
          {users.map((u) => (
            <li key={u.id} data-testid="share-item" data-email={u.email}>
              <span>
                <strong>{u.name}</strong> <span class="muted">{u.email}</span>
              </span>
              <button type="button" class="btn btn-small btn-ghost btn-danger-text" onClick={() => void onRemove(u)} aria-label={t('shareRemoveNamed', { name: u.name })} data-testid="share-remove">
                {t('shareRemove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}

function AttendancePanel({ friendlyId }: { friendlyId: string }) {
  const { t, lang } = useApp();
  const errText = useErrorText();
  const [sessions, setSessions] = useState<AttendanceSession[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .getAttendance(friendlyId)
      .then((r) => setSessions(r.sessions))
      .catch((err) => setError(errText(err)));
  }, [friendlyId]);
  if (error) return <ErrorBox message={error} />;
  if (!sessions) return <Loading />;
  if (sessions.length === 0) return <p class="empty">{t('attendanceEmpty')}</p>;
  return (
    <div class="attendance" data-testid="attendance">
      {sessions.map((s, i) => (
        <section key={`${s.startedAt}-${i}`} class="attendance-session" aria-labelledby={`att-${i}`}>
          <h2 id={`att-${i}`} class="h3">
            {t('sessionHeading', { start: formatDateTime(lang, s.startedAt) })}
            <span class="muted"> · {t('attendeesCount', { n: s.attendees.length })}</span>
          </h2>
          <div class="table-wrap">
            <table class="table">
              <thead>
                <tr>
                  <th scope="col">{t('colName')}</th>
                  <th scope="col">{t('colRole')}</th>
                  <th scope="col">{t('colJoined')}</th>
                  <th scope="col">{t('colLeft')}</th>
                  <th scope="col">{t('colDuration')}</th>
                </tr>
              </thead>
              <tbody>
                {s.attendees.map((a, j) => (
                  <tr key={j} data-testid="attendance-row">
                    <th scope="row">{a.name}</th>
                    <td>{a.moderator ? t('moderator') : t('viewer')}</td>
                    <td>{formatDateTime(lang, a.joinedAt)}</td>
                    <td>{a.leftAt ? formatDateTime(lang, a.leftAt) : t('stillIn')}</td>
                    <td>{formatDuration(a.durationSeconds)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
      ))}
    </div>
  );
}

