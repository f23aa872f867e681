// /admin and /admin/:tab: users, invitations, roles, rooms, recordings, site settings
// (with the logo), usage; each tab shown only with the permission that the API requires
// for it.

import { useEffect, useId, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { ApiError } from '../api';
import { canAdmin, hasPermission, useApp } from '../context';
import type { MsgKey } from '../i18n';
import { navigate } from '../router';
import { parseHex } from '../theme';
import {
  BOOLEAN_ROOM_OPTIONS,
  LOGO_MAX_BYTES,
  LOGO_TYPES,
  SITE_LINK_KEYS,
  type AdminUser,
  type Registration,
  type Role,
  type Room,
  type RoomOptions,
  type SiteLinkKey,
  type SiteSettings,
  type Usage,
  type UserStatus,
} from '../types';
import { checkName, checkSiteLink, formatSize, logoProblem, logoType } from '../validate';
import { ErrorBox, Field, fieldMessage, formatDateTime, Link, Loading, Page, Tabs, useErrorText } from '../components/ui';
import { useRequireUser } from './guard';
import { InvitationsTab } from './invitations';
import { AdminRecordingsTab } from './recordings';
import { RolesTab } from './roles';

const REGISTRATIONS: Registration[] = ['open', 'invite', 'approval'];
const STATUSES: UserStatus[] = ['active', 'pending', 'disabled'];

export function AdminPage({ tab }: { tab: string | null }) {
  const user = useRequireUser();
  const { t } = useApp();
  if (!user) return null;
  if (!canAdmin(user)) {
    return (
      <Page title={t('adminTitle')} narrow>
        <ErrorBox message={t('noAdminAccess')} testid="admin-denied" />
      </Page>
    );
  }
  const tabs = [];
  if (hasPermission(user, 'ManageUsers')) tabs.push({ id: 'users', label: t('tabUsers') });
  if (hasPermission(user, 'ManageUsers')) tabs.push({ id: 'invitations', label: t('tabInvitations') });
  if (hasPermission(user, 'ManageRoles')) tabs.push({ id: 'roles', label: t('tabRoles') });
  if (hasPermission(user, 'ManageRooms')) tabs.push({ id: 'rooms', label: t('tabRooms') });
  if (hasPermission(user, 'ManageRecordings')) tabs.push({ id: 'recordings', label: t('tabRecordings') });
  if (hasPermission(user, 'ManageSiteSettings')) tabs.push({ id: 'settings', label: t('tabSettings') });
  if (hasPermission(user, 'ManageUsers') || hasPermission(user, 'ManageSiteSettings')) tabs.push({ id: 'usage', label: t('tabUsage') });
  const current = tabs.find((x) => x.id === tab)?.id ?? tabs[0].id;
  return (
    <Page title={t('adminTitle')}>
      <Tabs label={t('adminSections')} tabs={tabs} selected={current} onSelect={(id) => navigate(`/admin/${id}`, { replace: true })} idPrefix="admin">
        {current === 'users' && <UsersTab />}
        {current === 'invitations' && <InvitationsTab />}
        {current === 'roles' && <RolesTab />}
        {current === 'rooms' && <RoomsTab />}
        {current === 'recordings' && <AdminRecordingsTab />}
        {current === 'settings' && <SettingsTab />}
        {current === 'usage' && <UsageTab />}
      </Tabs>
    </Page>
  );
}

function UsersTab() {
  const { t, lang, announce, user: me } = useApp();
  const errText = useErrorText();
  const [filter, setFilter] = useState<UserStatus | ''>('');
  const [users, setUsers] = useState<AdminUser[] | null>(null);
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busyId, setBusyId] = useState<string | null>(null);

  const load = async () => {
    try {
      const r = await api.adminListUsers(filter || undefined);
      setUsers(r.users);
      setError(null);
    } catch (err) {
      setError(errText(err));
    }
  };
  useEffect(() => {
    setUsers(null);
    void load();
  }, [filter]);
  useEffect(() => {
    api
      .adminListRoles()
      .then((r) => setRoles(r.roles))
      .catch(() => setRoles(null));
  }, []);

  const update = async (u: AdminUser, patch: { status?: UserStatus; roleId?: string }) => {
    setBusyId(u.id);
    setError(null);
    try {
      await api.adminUpdateUser(u.id, patch);
      announce(t('userUpdated', { name: u.name }));
      await load();
    } catch (err) {
      setError(errText(err));
    } finally {
      setBusyId(null);
    }
  };

  return (
    <div>
      <div class="toolbar">
        <div class="field field-inline">
          <label for="admin-status-filter">{t('filterStatus')}</label>
          <select id="admin-status-filter" value={filter} onChange={(e) => setFilter((e.currentTarget as HTMLSelectElement).value as UserStatus | '')} data-testid="admin-status-filter">
            <option value="">{t('statusAll')}</option>
            {STATUSES.map((s) => (
              <option key={s} value={s}>
                {t(`status_${s}` as MsgKey)}
              </option>
            ))}
          </select>
        </div>
      </div>
      <ErrorBox message={error} testid="admin-error" />
      {users === null && !error && <Loading />}
      {users && users.length === 0 && <p class="empty">{t('usersEmpty')}</p>}
      {users && users.length > 0 && (
        <div class="table-wrap">
          <table class="table" data-testid="admin-users">
            <caption class="sr-only">{t('tabUsers')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('colEmail')}</th>
                <th scope="col">{t('colRole')}</th>
                <th scope="col">{t('colStatus')}</th>
                <th scope="col">{t('colCreated')}</th>
                <th scope="col">{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {users.map((u) => {
                const self = u.id === me?.id;
                const busy = busyId === u.id;
                return (
                  <tr key={u.id} data-testid="admin-user-row" data-email={u.email} data-status={u.status}>
                    <th scope="row">
                      {u.name}
                      {!u.verified && <span class="badge badge-warn">{t('unverified')}</span>}
                    </th>
                    <td>{u.email}</td>
                    <td>
                      {roles && !self ? (
                        <select
                          value={u.role.id}
                          aria-label={t('roleOf', { name: u.name })}
                          disabled={busy}
                          onChange={(e) => void update(u, { roleId: (e.currentTarget as HTMLSelectElement).value })}
                          data-testid="admin-role-select"
                        >
                          {roles.map((r) => (
                            <option key={r.id} value={r.id}>
                              {r.name}
                            </option>
                          ))}
                        </select>
                      ) : (
                        u.role.name
                      )}
                    </td>
                    <td>
                      <span class={`badge badge-${u.status}`}>{t(`status_${u.status}` as MsgKey)}</span>
                    </td>
                    <td>{formatDateTime(lang, u.createdAt)}</td>
                    <td class="cell-actions">
                      {!self && u.status === 'pending' && (
                        <button type="button" class="btn btn-small btn-primary" disabled={busy} onClick={() => void update(u, { status: 'active' })} aria-label={t('approveNamed', { name: u.name })} data-testid="admin-approve">
                          {t('approve')}
                        </button>
                      )}
                      {!self && u.status !== 'disabled' && (
                        <button type="button" class="btn btn-small btn-ghost btn-danger-text" disabled={busy} onClick={() => void update(u, { status: 'disabled' })} aria-label={t('disableNamed', { name: u.name })} data-testid="admin-disable">
                          {t('disable')}
                        </button>
                      )}
                      {!self && u.status === 'disabled' && (
                        <button type="button" class="btn btn-small" disabled={busy} onClick={() => void update(u, { status: 'active' })} aria-label={t('enableNamed', { name: u.name })} data-testid="admin-enable">
                          {t('enable')}
                        </button>
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}

function RoomsTab() {
  const { t, lang } = useApp();
  const errText = useErrorText();
  const [rooms, setRooms] = useState<Room[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .adminListRooms()
      .then((r) => setRooms(r.rooms))
      .catch((err) => setError(errText(err)));
  }, []);
  if (error) return <ErrorBox message={error} />;
  if (!rooms) return <Loading />;
  if (rooms.length === 0) return <p class="empty">{t('roomsAdminEmpty')}</p>;
  return (
    <div class="table-wrap">
      <table class="table" data-testid="admin-rooms">
        <caption class="sr-only">{t('tabRooms')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('colName')}</th>
            <th scope="col">{t('roomId')}</th>
            <th scope="col">{t('colOwner')}</th>
            <th scope="col">{t('colRunning')}</th>
            <th scope="col">{t('colLastSession')}</th>
          </tr>
        </thead>
        <tbody>
          {rooms.map((r) => (
            <tr key={r.friendlyId} data-testid="admin-room-row">
              <th scope="row">
                <Link href={`/rooms/${encodeURIComponent(r.friendlyId)}`}>{r.name}</Link>
              </th>
              <td class="mono">{r.friendlyId}</td>
              <td>{r.owner.name}</td>
              <td>
                <span class={r.running ? 'badge badge-live' : 'badge'}>{r.running ? t('running') : t('notRunning')}</span>
              </td>
              <td>{r.lastSession ? formatDateTime(lang, r.lastSession) : t('neverUsed')}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SettingsTab() {
  const { t, announce, refreshSession } = useApp();
  const errText = useErrorText();
  const [settings, setSettings] = useState<SiteSettings | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [saveError, setSaveError] = useState<string | null>(null);
  const [nameError, setNameError] = useState<string | undefined>();
  const [colorError, setColorError] = useState<string | undefined>();
  const [linkErrors, setLinkErrors] = useState<Partial<Record<SiteLinkKey, string>>>({});
  const [busy, setBusy] = useState(false);

  // The links are empty strings when unset (and absent from an older server).
  const withLinks = (x: SiteSettings): SiteSettings => ({
    ...x,
    termsUrl: x.termsUrl ?? '',
    privacyUrl: x.privacyUrl ?? '',
    accessibilityUrl: x.accessibilityUrl ?? '',
    helpUrl: x.helpUrl ?? '',
  });

  useEffect(() => {
    api
      .adminGetSettings()
      .then((x) => setSettings(withLinks(x)))
      .catch((err) => setError(errText(err)));
  }, []);

  if (error) return <ErrorBox message={error} />;
  if (!settings) return <Loading />;
  const s = settings;
  const set = (patch: Partial<SiteSettings>) => setSettings({ ...s, ...patch });
  const setDefault = (k: keyof RoomOptions, v: boolean) => set({ defaultRoomOptions: { ...s.defaultRoomOptions, [k]: v } });
  const setForced = (k: keyof RoomOptions, v: boolean) =>
    set({ forcedRoomOptions: v ? [...s.forcedRoomOptions.filter((x) => x !== k), k] : s.forcedRoomOptions.filter((x) => x !== k) });

  const focusFirstInvalid = () =>
    window.setTimeout(() => (document.querySelector('.settings-form [aria-invalid="true"]') as HTMLElement | null)?.focus(), 0);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const ne = fieldMessage(t, checkName(s.name));
    const ce = parseHex(s.primaryColor) && s.primaryColor.trim().startsWith('#') ? undefined : t('settingColorInvalid');
    const le: Partial<Record<SiteLinkKey, string>> = {};
    for (const k of SITE_LINK_KEYS) if (checkSiteLink(s[k])) le[k] = t('settingLinkInvalid');
    setNameError(ne);
    setColorError(ce);
    setLinkErrors(le);
    if (ne || ce || Object.keys(le).length > 0) {
      focusFirstInvalid();
      return;
    }
    setBusy(true);
    setSaveError(null);
    try {
      await api.adminUpdateSettings({
        registration: s.registration,
        name: s.name.trim(),
        primaryColor: s.primaryColor.trim(),
        defaultRoomOptions: s.defaultRoomOptions,
        forcedRoomOptions: s.forcedRoomOptions,
        termsUrl: s.termsUrl.trim(),
        privacyUrl: s.privacyUrl.trim(),
        accessibilityUrl: s.accessibilityUrl.trim(),
        helpUrl: s.helpUrl.trim(),
      });
      setSettings(withLinks(await api.adminGetSettings()));
      await refreshSession();
      announce(t('siteSettingsSaved'));
    } catch (err) {
      // The server's invalidField is shown at its field (and the focus goes there).
      const field = err instanceof ApiError && err.code === 'invalidField' ? err.field : undefined;
      if (field && (SITE_LINK_KEYS as readonly string[]).includes(field)) {
        setLinkErrors({ [field as SiteLinkKey]: t('settingLinkInvalid') });
        focusFirstInvalid();
      } else if (field === 'name') {
        setNameError(fieldMessage(t, checkName(s.name)) ?? t('err_invalidField', { field: t('settingName') }));
        focusFirstInvalid();
      } else if (field === 'primaryColor') {
        setColorError(t('settingColorInvalid'));
        focusFirstInvalid();
      } else {
        setSaveError(errText(err));
      }
    } finally {
      setBusy(false);
    }
  };

  return (
    <div class="settings-stack">
      <LogoSection />
      <form class="settings-form" onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <ErrorBox message={saveError} testid="admin-settings-error" />
        <Field label={t('settingName')} value={s.name} onValue={(v) => set({ name: v })} error={nameError} required maxLength={255} testid="admin-site-name" />
        <Field label={t('settingColor')} value={s.primaryColor} onValue={(v) => set({ primaryColor: v })} error={colorError} hint={t('settingColorHint')} maxLength={7} autoComplete="off" testid="admin-site-color">
          <span class="swatch" aria-hidden="true" style={{ background: parseHex(s.primaryColor) ? s.primaryColor : 'transparent' }} />
        </Field>
        <fieldset class="fieldset">
          <legend>{t('settingRegistration')}</legend>
          {REGISTRATIONS.map((r) => (
            <div class="check" key={r}>
              <input type="radio" id={`reg-${r}`} name="registration" value={r} checked={s.registration === r} onChange={() => set({ registration: r })} data-testid={`admin-registration-${r}`} />
              <label for={`reg-${r}`}>{t(`reg_${r}` as MsgKey)}</label>
            </div>
          ))}
        </fieldset>
        <fieldset class="fieldset" data-testid="settings-links">
          <legend>{t('settingLinks')}</legend>
          <p class="hint">{t('settingLinksLead')}</p>
          {SITE_LINK_KEYS.map((k) => (
            <Field
              key={k}
              type="url"
              label={t(`setting_${k}` as MsgKey)}
              hint={t(`setting_${k}Hint` as MsgKey)}
              value={s[k]}
              onValue={(v) => set({ [k]: v })}
              error={linkErrors[k]}
              autoComplete="off"
              testid={`settings-${k}`}
            />
          ))}
        </fieldset>
        <fieldset class="fieldset">
          <legend>{t('defaultRoomOptions')}</legend>
          <p class="hint">{t('defaultRoomOptionsLead')}</p>
          <div class="table-wrap">
            <table class="table table-compact">
              <thead>
                <tr>
                  <th scope="col">{t('colOption')}</th>
                  <th scope="col">{t('colDefault')}</th>
                  <th scope="col">{t('colEnforced')}</th>
                </tr>
              </thead>
              <tbody>
                {BOOLEAN_ROOM_OPTIONS.map((k) => {
                  const label = t(`opt_${k}` as MsgKey);
                  return (
                    <tr key={k}>
                      <th scope="row">{label}</th>
                      <td>
                        <input
                          type="checkbox"
                          checked={s.defaultRoomOptions[k]}
                          onChange={(e) => setDefault(k, (e.currentTarget as HTMLInputElement).checked)}
                          aria-label={t('defaultNamed', { option: label })}
                          data-testid={`admin-default-${k}`}
                        />
                      </td>
                      <td>
                        <input
                          type="checkbox"
                          checked={s.forcedRoomOptions.includes(k)}
                          onChange={(e) => setForced(k, (e.currentTarget as HTMLInputElement).checked)}
                          aria-label={t('enforceNamed', { option: label })}
                          data-testid={`admin-forced-${k}`}
                        />
                      </td>
                    </tr>
                  );
                })}
              </tbody>
            </table>
          </div>
        </fieldset>
        <button type="submit" class="btn btn-primary" disabled={busy} data-testid="admin-settings-save">
          {busy ? t('saving') : t('save')}
        </button>
      </form>
    </div>
  );
}

/**
 * The site's logo (part of Site settings, saved on its own): a file input that uploads
 * the chosen image at once (PUT /admin/logo), a preview of the current logo and a remove
 * button. Problems (too large, unsupported type) are checked before sending and again
 * from the server's answer, and shown at the input (announced, and tied to it).
 */
function LogoSection() {
  const { t, lang, announce, session, refreshSession } = useApp();
  const errText = useErrorText();
  const [logoUrl, setLogoUrl] = useState<string | null>(session.site.logoUrl);
  const [error, setErrorText] = useState<string | null>(null);
  // Bumped with each error, so that the same message again is a new node (and read again).
  const [errorSeq, setErrorSeq] = useState(0);
  const setError = (text: string | null) => {
    setErrorText(text);
    if (text) setErrorSeq((n) => n + 1);
  };
  const [busy, setBusy] = useState<'upload' | 'remove' | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const headingId = `${id}-heading`;
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const max = formatSize(LOGO_MAX_BYTES, lang);

  // Follow the session (another tab, or the reload after a change).
  useEffect(() => setLogoUrl(session.site.logoUrl), [session.site.logoUrl]);

  const problemText = (problem: 'tooLarge' | 'unsupportedType', file: File) =>
    problem === 'tooLarge' ? t('logoTooLarge', { file: file.name, size: formatSize(file.size, lang), max }) : t('logoUnsupported', { file: file.name });

  const onChoose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file || busy) return;
    setError(null);
    const problem = logoProblem(file);
    const type = logoType(file);
    if (problem || !type) {
      setError(problemText(problem ?? 'unsupportedType', file));
      input.value = '';
      return;
    }
    setBusy('upload');
    try {
      const res = await api.adminUploadLogo(file, type);
      setLogoUrl(res.logoUrl);
      announce(t('logoUploaded'));
      await refreshSession();
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'tooLarge' || err.status === 413)) setError(problemText('tooLarge', file));
      else if (err instanceof ApiError && (err.code === 'unsupportedType' || err.status === 415)) setError(problemText('unsupportedType', file));
      else setError(errText(err));
    } finally {
      input.value = '';
      setBusy(null);
    }
  };

  const onRemove = async () => {
    setBusy('remove');
    setError(null);
    try {
      await api.adminDeleteLogo();
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) {
        setError(errText(err));
        setBusy(null);
        return;
      }
    }
    setLogoUrl(null);
    setBusy(null);
    announce(t('logoRemoved'));
    // The button is gone: continue at the file input.
    window.setTimeout(() => inputRef.current?.focus(), 0);
    await refreshSession();
  };

  return (
    <section class="card logo-section" aria-labelledby={headingId} aria-busy={busy !== null} data-testid="logo-section">
      <h2 id={headingId} class="section-title">
        {t('logoHeading')}
      </h2>
      <div class="logo-current">
        {logoUrl ? (
          <img src={logoUrl} alt={t('logoCurrent')} class="logo-preview" data-testid="logo-preview" />
        ) : (
          <p class="muted" data-testid="logo-none">
            {t('logoNone')}
          </p>
        )}
      </div>
      <div class={error ? 'field field-invalid' : 'field'}>
        <label for={id}>{t('logoInput')}</label>
        <input
          id={id}
          ref={inputRef}
          type="file"
          accept={LOGO_TYPES.join(',')}
          onChange={(e) => void onChoose(e.currentTarget as HTMLInputElement)}
          aria-describedby={error ? `${hintId} ${errId}` : hintId}
          aria-invalid={error ? 'true' : undefined}
          data-testid="logo-input"
        />
        <p class="hint" id={hintId}>
          {t('logoHint', { max })}
        </p>
        {/* A live region from the start: the error is read out when it appears, while the focus stays on the input. */}
        <div id={errId} role="alert">
          {error && (
            <p class="field-error" key={errorSeq} data-testid="logo-error">
              {error}
            </p>
          )}
        </div>
      </div>
      {busy === 'upload' && <Loading label={t('logoUploading')} />}
      {logoUrl && (
        <div>
          <button type="button" class="btn btn-danger-text" onClick={() => void onRemove()} disabled={busy !== null} data-testid="logo-remove">
            {busy === 'remove' ? t('logoRemoving') : t('logoRemove')}
          </button>
        </div>
      )}
    </section>
  );
}

function UsageTab() {
  const { t } = useApp();
  const errText = useErrorText();
  const [usage, setUsage] = useState<Usage | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    api
      .adminUsage()
      .then(setUsage)
      .catch((err) => setError(errText(err)));
  }, []);
  if (error) return <ErrorBox message={error} />;
  if (!usage) return <Loading />;
  const items: [MsgKey, number, string][] = [
    ['usageUsers', usage.users, 'users'],
    ['usageRooms', usage.rooms, 'rooms'],
    ['usageRunning', usage.runningMeetings, 'runningMeetings'],
    ['usageRecordings', usage.recordings, 'recordings'],
  ];
  return (
    <dl class="stats" data-testid="admin-usage">
      {items.map(([k, n, id]) => (
        <div class="stat card" key={id} data-testid={`usage-${id}`}>
          <dt>{t(k)}</dt>
          <dd>{n.toLocaleString()}</dd>
        </div>
      ))}
    </dl>
  );
}


