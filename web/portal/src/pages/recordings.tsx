// The recordings table shared by a room's Recordings tab and the administrators'
// Recordings tab (/admin/recordings): visibility, playback links, rename and delete (with
// confirmation). The administrators' table adds each recording's room and owner.

import { useEffect, useState } from 'preact/hooks';
import * as api from '../api';
import { hasPermission, useApp } from '../context';
import type { MsgKey, T } from '../i18n';
import { VISIBILITIES, type AdminRecording, type Recording, type Visibility } from '../types';
import { ConfirmDialog, ErrorBox, formatDateTime, Link, Loading, useErrorText } from '../components/ui';
import { NameDialog } from './rooms';

const KNOWN_FORMATS = ['presentation', 'video', 'podcast', 'screenshare'];

export function formatLabel(t: T, type: string): string {
  return KNOWN_FORMATS.includes(type) ? t(`format_${type}` as MsgKey) : type;
}

function isAdminRecording(r: Recording): r is AdminRecording {
  const a = r as Partial<AdminRecording>;
  return !!a.room && !!a.owner;
}

export interface RecordingsTableProps<R extends Recording> {
  recordings: R[];
  /** Called with the list after a change (visibility, rename, delete). */
  onChange: (update: (list: R[]) => R[]) => void;
  caption: string;
  /** The administrators' view: room and owner columns. */
  withRoom?: boolean;
  /** Room names link to the room's page (the viewer may manage every room). */
  linkRooms?: boolean;
  rowTestid: string;
  tableTestid?: string;
}

export function RecordingsTable<R extends Recording>(p: RecordingsTableProps<R>) {
  const { t, lang, announce } = useApp();
  const [rowError, setRowError] = useState<string | null>(null);
  const [renaming, setRenaming] = useState<R | null>(null);
  const [deleting, setDeleting] = useState<R | null>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const errText = useErrorText();

  // The answers to PATCH carry the plain Recording: keep the room and owner we have.
  const replace = (r: R) => p.onChange((list) => list.map((x) => (x.recordId === r.recordId ? r : x)));
  const merge = (rec: R, changed: Recording): R => ({ ...rec, ...changed });

  /** What names a recording for screen readers: its name, and in the admin view its room too. */
  const named = (rec: R) => (p.withRoom && isAdminRecording(rec) ? t('recordingInRoom', { name: rec.name, room: rec.room.name }) : rec.name);

  const setVisibility = async (rec: R, visibility: Visibility) => {
    setRowError(null);
    replace({ ...rec, visibility });
    try {
      const { recording } = await api.updateRecording(rec.recordId, { visibility });
      replace(merge(rec, recording));
      announce(t('recordingUpdated'));
    } catch (err) {
      replace(rec);
      setRowError(errText(err));
    }
  };

  return (
    <div>
      <ErrorBox message={rowError} testid="recording-error" />
      <div class="table-wrap">
        <table class="table" data-testid={p.tableTestid ?? 'recordings-table'}>
          <caption class="sr-only">{p.caption}</caption>
          <thead>
            <tr>
              <th scope="col">{t('colName')}</th>
              {p.withRoom && <th scope="col">{t('colRoom')}</th>}
              {p.withRoom && <th scope="col">{t('colOwner')}</th>}
              <th scope="col">{t('colDate')}</th>
              <th scope="col">{t('colLength')}</th>
              <th scope="col">{t('colParticipants')}</th>
              <th scope="col">{t('colVisibility')}</th>
              <th scope="col">{t('colPlayback')}</th>
              <th scope="col">{t('colActions')}</th>
            </tr>
          </thead>
          <tbody>
            {p.recordings.map((rec) => {
              const label = named(rec);
              const adminRec = p.withRoom && isAdminRecording(rec) ? rec : null;
              return (
                <tr key={rec.recordId} data-testid={p.rowTestid} data-record-id={rec.recordId} data-room={adminRec?.room.friendlyId}>
                  <th scope="row" class="cell-name">
                    {rec.name}
                  </th>
                  {p.withRoom && (
                    <td>
                      {adminRec ? (
                        <>
                          {p.linkRooms ? <Link href={`/rooms/${encodeURIComponent(adminRec.room.friendlyId)}`}>{adminRec.room.name}</Link> : adminRec.room.name}
                          <span class="muted mono cell-sub">{adminRec.room.friendlyId}</span>
                        </>
                      ) : null}
                    </td>
                  )}
                  {p.withRoom && <td>{adminRec?.owner.name}</td>}
                  <td>{formatDateTime(lang, rec.startTime)}</td>
                  <td>{t('minutes', { n: rec.lengthMinutes })}</td>
                  <td>{rec.participants}</td>
                  <td>
                    <select
                      value={rec.visibility}
                      aria-label={t('visibilityOf', { name: label })}
                      onChange={(e) => void setVisibility(rec, (e.currentTarget as HTMLSelectElement).value as Visibility)}
                      data-testid="visibility-select"
                    >
                      {VISIBILITIES.map((v) => (
                        <option key={v} value={v}>
                          {t(`vis_${v}` as MsgKey)}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td>
                    {rec.formats.length === 0 ? (
                      <span class="muted">{t('notAvailable')}</span>
                    ) : (
                      <ul class="inline-list">
                        {rec.formats.map((f) => (
                          <li key={f.type + f.url}>
                            <a href={f.url} target="_blank" rel="noopener noreferrer" data-testid="recording-play">
                              {formatLabel(t, f.type)}
                              <span class="sr-only"> – {label}</span>
                            </a>
                          </li>
                        ))}
                      </ul>
                    )}
                  </td>
                  <td class="cell-actions">
                    <button type="button" class="btn btn-small btn-ghost" onClick={() => setRenaming(rec)} data-testid="recording-rename">
                      {t('rename')}
                      <span class="sr-only"> – {label}</span>
                    </button>
                    <button
                      type="button"
                      class="btn btn-small btn-ghost btn-danger-text"
                      onClick={() => {
                        setDeleteError(null);
                        setDeleting(rec);
                      }}
                      data-testid="recording-delete"
                    >
                      {t('delete')}
                      <span class="sr-only"> – {label}</span>
                    </button>
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </div>
      {renaming && (
        <NameDialog
          title={t('renameRecordingTitle')}
          label={t('recordingName')}
          submitLabel={t('save')}
          busyLabel={t('saving')}
          initial={renaming.name}
          onClose={() => setRenaming(null)}
          onSubmit={async (name) => {
            const { recording } = await api.updateRecording(renaming.recordId, { name });
            replace(merge(renaming, recording));
            setRenaming(null);
            announce(t('recordingUpdated'));
          }}
          testid="recording-rename-dialog"
          fieldTestid="recording-name"
          submitTestid="recording-rename-submit"
        />
      )}
      {deleting && (
        <ConfirmDialog
          title={t('deleteRecordingTitle', { name: named(deleting) })}
          body={t('deleteRecordingBody')}
          confirmLabel={t('delete')}
          busy={deleteBusy}
          error={deleteError}
          onClose={() => {
            if (!deleteBusy) setDeleting(null);
          }}
          onConfirm={async () => {
            setDeleteBusy(true);
            setDeleteError(null);
            try {
              await api.deleteRecording(deleting.recordId);
              p.onChange((list) => list.filter((x) => x.recordId !== deleting.recordId));
              setDeleting(null);
              announce(t('recordingDeleted'));
            } catch (err) {
              setDeleteError(errText(err));
            } finally {
              setDeleteBusy(false);
            }
          }}
        />
      )}
    </div>
  );
}

/** The most recordings `GET /admin/recordings` answers with. */
export const ADMIN_RECORDINGS_LIMIT = 1000;

/** /admin/recordings (ManageRecordings): every recording of the site, newest first. */
export function AdminRecordingsTab() {
  const { t, user } = useApp();
  const errText = useErrorText();
  const [recs, setRecs] = useState<AdminRecording[] | null>(null);
  const [total, setTotal] = useState(0);
  const [error, setError] = useState<string | null>(null);

  const load = async () => {
    try {
      const r = await api.adminListRecordings();
      setRecs([...r.recordings].sort((a, b) => b.startTime - a.startTime));
      setTotal(r.recordings.length);
      setError(null);
    } catch (err) {
      setError(errText(err));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  return (
    <div data-testid="admin-recordings">
      <p>{t('adminRecordingsLead')}</p>
      {error && (
        <ErrorBox message={error} testid="admin-error">
          <button type="button" class="btn" onClick={() => void load()}>
            {t('retry')}
          </button>
        </ErrorBox>
      )}
      {recs === null && !error && <Loading />}
      {recs && recs.length === 0 && (
        <p class="empty" data-testid="admin-recordings-empty">
          {t('adminRecordingsEmpty')}
        </p>
      )}
      {recs && recs.length > 0 && (
        <>
          {total >= ADMIN_RECORDINGS_LIMIT && <p class="hint">{t('adminRecordingsLimit', { n: ADMIN_RECORDINGS_LIMIT })}</p>}
          <RecordingsTable
            recordings={recs}
            onChange={(update) => setRecs((rs) => update(rs ?? []))}
            caption={t('tabRecordings')}
            withRoom
            linkRooms={hasPermission(user, 'ManageRooms')}
            rowTestid="admin-recording-row"
            tableTestid="admin-recordings-table"
          />
        </>
      )}
    </div>
  );
}
