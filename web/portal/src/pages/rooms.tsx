// /rooms: my rooms and rooms shared with me, as cards.

import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { hasPermission, useApp } from '../context';
import type { Room } from '../types';
import { checkName } from '../validate';
import { ConfirmDialog, Dialog, ErrorBox, Field, fieldMessage, formatDateTime, Link, Loading, Page, useCopyLink, useErrorText } from '../components/ui';
import { useRequireUser } from './guard';
import { startAndGo } from './roomActions';

type DialogState = { kind: 'create' } | { kind: 'rename'; room: Room } | { kind: 'delete'; room: Room } | null;

export function RoomsPage() {
  const user = useRequireUser();
  const { t, announce } = useApp();
  const errText = useErrorText();
  const [rooms, setRooms] = useState<Room[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogState>(null);

  const load = async () => {
    try {
      const r = await api.listRooms();
      setRooms(r.rooms);
      setError(null);
    } catch (err) {
      setError(errText(err));
    }
  };
  useEffect(() => {
    if (user) void load();
  }, [user?.id]);

  if (!user) return null;
  const canCreate = hasPermission(user, 'CreateRoom');

  return (
    <Page
      title={t('roomsTitle')}
      actions={
        canCreate && (
          <button type="button" class="btn btn-primary" onClick={() => setDialog({ kind: 'create' })} data-testid="room-create">
            <span aria-hidden="true">+ </span>
            {t('newRoom')}
          </button>
        )
      }
    >
      <ErrorBox message={error}>
        <button type="button" class="btn" onClick={() => void load()}>
          {t('retry')}
        </button>
      </ErrorBox>
      {rooms === null && !error && <Loading />}
      {rooms && rooms.length === 0 && (
        <div class="empty" data-testid="rooms-empty">
          <p>{t('roomsEmpty')}</p>
          <p class="muted">{canCreate ? t('roomsEmptyHint') : t('roomsNoCreate')}</p>
        </div>
      )}
      {rooms && rooms.length > 0 && (
        <ul class="room-grid" data-testid="room-list">
          {rooms.map((room) => (
            <RoomCard
              key={room.friendlyId}
              room={room}
              onRename={() => setDialog({ kind: 'rename', room })}
              onDelete={() => setDialog({ kind: 'delete', room })}
            />
          ))}
        </ul>
      )}
      {dialog?.kind === 'create' && (
        <NameDialog
          title={t('createRoomTitle')}
          submitLabel={t('create')}
          busyLabel={t('creating')}
          initial=""
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            const { room } = await api.createRoom(name);
            setRooms((rs) => [room, ...(rs ?? [])]);
            setDialog(null);
            announce(t('roomCreated', { name: room.name }));
          }}
          testid="room-create-dialog"
          fieldTestid="room-name"
          submitTestid="room-create-submit"
        />
      )}
      {dialog?.kind === 'rename' && (
        <NameDialog
          title={t('renameRoomTitle')}
          submitLabel={t('save')}
          busyLabel={t('saving')}
          initial={dialog.room.name}
          onClose={() => setDialog(null)}
          onSubmit={async (name) => {
            const { room } = await api.updateRoom(dialog.room.friendlyId, { name });
            setRooms((rs) => (rs ?? []).map((r) => (r.friendlyId === room.friendlyId ? room : r)));
            setDialog(null);
            announce(t('roomRenamed'));
          }}
          testid="room-rename-dialog"
          fieldTestid="room-name"
          submitTestid="room-rename-submit"
        />
      )}
      {dialog?.kind === 'delete' && (
        <DeleteRoomDialog
          room={dialog.room}
          onClose={() => setDialog(null)}
          onDeleted={() => {
            setRooms((rs) => (rs ?? []).filter((r) => r.friendlyId !== dialog.room.friendlyId));
            setDialog(null);
            announce(t('roomDeleted', { name: dialog.room.name }));
          }}
        />
      )}
    </Page>
  );
}

function RoomCard({ room, onRename, onDelete }: { room: Room; onRename: () => void; onDelete: () => void }) {
  const { t, lang } = useApp();
  const errText = useErrorText();
  const copy = useCopyLink();
  const [starting, setStarting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const headingId = `room-${room.friendlyId}-name`;
  const start = async () => {
    setStarting(true);
    setError(null);
    try {
      await startAndGo(room.friendlyId);
    } catch (err) {
      setError(errText(err));
      setStarting(false);
    }
  };
  return (
    <li class="card room-card" data-testid="room-card" data-friendly-id={room.friendlyId} data-running={String(room.running)}>
      <div class="room-card-head">
        <h2 id={headingId} class="room-card-title">
          <Link href={`/rooms/${encodeURIComponent(room.friendlyId)}`}>{room.name}</Link>
        </h2>
        <span class={room.running ? 'badge badge-live' : 'badge'} data-testid="room-status">
          {room.running ? t('running') : t('notRunning')}
        </span>
      </div>
      <p class="muted room-meta">
        <span class="mono" aria-label={`${t('roomId')}: ${room.friendlyId}`}>
          {room.friendlyId}
        </span>
        <br />
        {room.mine ? (room.lastSession ? t('lastSession', { when: formatDateTime(lang, room.lastSession) }) : t('neverUsed')) : t('sharedBy', { name: room.owner.name })}
      </p>
      <ErrorBox message={error} testid="room-card-error" />
      <div class="room-card-actions">
        <button type="button" class="btn btn-primary" onClick={() => void start()} disabled={starting} aria-describedby={headingId} data-testid="room-start">
          {starting ? t('starting') : t('start')}
        </button>
        <Link href={`/rooms/${encodeURIComponent(room.friendlyId)}`} class="btn" aria-describedby={headingId} data-testid="room-open">
          {t('manage')}
        </Link>
        <button type="button" class="btn btn-ghost" onClick={() => copy(room.url)} aria-describedby={headingId} data-testid="room-copy">
          {t('copyLink')}
        </button>
        {room.mine && (
          <>
            <button type="button" class="btn btn-ghost" onClick={onRename} aria-describedby={headingId} data-testid="room-rename">
              {t('rename')}
            </button>
            <button type="button" class="btn btn-ghost btn-danger-text" onClick={onDelete} aria-describedby={headingId} data-testid="room-delete">
              {t('delete')}
            </button>
          </>
        )}
      </div>
    </li>
  );
}

/** A one-field dialog (create, rename). */
export function NameDialog(p: {
  title: string;
  label?: string;
  submitLabel: string;
  busyLabel: string;
  initial: string;
  onClose: () => void;
  onSubmit: (name: string) => Promise<void>;
  testid: string;
  fieldTestid: string;
  submitTestid: string;
}) {
  const { t } = useApp();
  const errText = useErrorText();
  const [name, setName] = useState(p.initial);
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const inputRef = useRef<HTMLInputElement>(null);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const fe = fieldMessage(t, checkName(name));
    setFieldError(fe);
    if (fe) {
      inputRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await p.onSubmit(name.trim());
    } catch (err) {
      setError(errText(err));
      setBusy(false);
    }
  };
  return (
    <Dialog title={p.title} onClose={p.onClose} testid={p.testid}>
      <form onSubmit={(e) => void onSubmit(e)} noValidate>
        <ErrorBox message={error} />
        <Field
          label={p.label ?? t('roomName')}
          value={name}
          onValue={setName}
          error={fieldError}
          inputRef={inputRef}
          required
          maxLength={255}
          autoFocus
          autoComplete="off"
          testid={p.fieldTestid}
        />
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={p.onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid={p.submitTestid}>
            {busy ? p.busyLabel : p.submitLabel}
          </button>
        </div>
      </form>
    </Dialog>
  );
}

function DeleteRoomDialog({ room, onClose, onDeleted }: { room: Room; onClose: () => void; onDeleted: () => void }) {
  const { t } = useApp();
  const errText = useErrorText();
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      title={t('deleteRoomTitle', { name: room.name })}
      body={t('deleteRoomBody')}
      confirmLabel={t('delete')}
      busy={busy}
      error={error}
      onClose={onClose}
      onConfirm={async () => {
        setBusy(true);
        setError(null);
        try {
          await api.deleteRoom(room.friendlyId);
          onDeleted();
        } catch (err) {
          setError(errText(err));
          setBusy(false);
        }
      }}
    />
  );
}
