// /admin/roles (ManageRoles): the roles with their permissions and user counts;
// creating, editing and deleting them. Built-in roles keep their names and cannot be
// deleted; the Administrator role keeps every permission (the server enforces both).

import { useEffect, useId, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { ApiError } from '../api';
import { useApp } from '../context';
import { hasKey, type T } from '../i18n';
import { isAdministratorRole, permissionChoices, type Permission, type Role } from '../types';
import { checkName, MAX_NAME } from '../validate';
import { Checkbox, ConfirmDialog, Dialog, ErrorBox, Field, fieldMessage, Loading, useErrorText } from '../components/ui';

export function permissionLabel(t: T, p: Permission): string {
  const key = `perm_${p}`;
  return hasKey(key) ? t(key) : p;
}

type DialogState = { kind: 'create' } | { kind: 'edit'; role: Role } | { kind: 'delete'; role: Role } | null;

export function RolesTab() {
  const { t, announce, user: me, refreshSession } = useApp();
  const errText = useErrorText();
  const [roles, setRoles] = useState<Role[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [dialog, setDialog] = useState<DialogState>(null);
  const [deleteBusy, setDeleteBusy] = useState(false);
  const [deleteError, setDeleteError] = useState<string | null>(null);
  const createRef = useRef<HTMLButtonElement>(null);
  const listHeadingId = useId();

  const load = async () => {
    try {
      const r = await api.adminListRoles();
      setRoles(r.roles);
      setError(null);
    } catch (err) {
      setError(errText(err));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  const choices = permissionChoices(roles ?? []);

  const onDelete = async (role: Role) => {
    setDeleteBusy(true);
    setDeleteError(null);
    try {
      await api.adminDeleteRole(role.id);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) {
        setDeleteError(errText(err));
        setDeleteBusy(false);
        return;
      }
    }
    setRoles((rs) => (rs ?? []).filter((r) => r.id !== role.id));
    setDeleteBusy(false);
    setDialog(null);
    announce(t('roleDeleted', { name: role.name }));
    // The row's buttons are gone: after the dialog has closed, land on "New role".
    window.setTimeout(() => createRef.current?.focus(), 0);
  };

  return (
    <div data-testid="admin-roles">
      <div class="toolbar">
        <p>{t('rolesLead')}</p>
        <button type="button" ref={createRef} class="btn btn-primary" onClick={() => setDialog({ kind: 'create' })} data-testid="role-create">
          {t('newRole')}
        </button>
      </div>
      <h2 id={listHeadingId} class="sr-only">
        {t('tabRoles')}
      </h2>
      <ErrorBox message={error} testid="admin-error" />
      {roles === null && !error && <Loading />}
      {roles && (
        <div class="table-wrap">
          <table class="table" aria-labelledby={listHeadingId} data-testid="roles-table">
            <thead>
              <tr>
                <th scope="col">{t('colName')}</th>
                <th scope="col">{t('colPermissions')}</th>
                <th scope="col">{t('colUsers')}</th>
                <th scope="col">{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {roles.map((r) => (
                <tr key={r.id} data-testid="role-row" data-role-id={r.id} data-name={r.name} data-builtin={r.builtin ? 'true' : 'false'} data-users={r.users}>
                  <th scope="row">
                    {r.name}
                    {r.builtin && <span class="badge">{t('builtin')}</span>}
                  </th>
                  <td>
                    {r.permissions.length === 0 ? (
                      <span class="muted">{t('noPermissions')}</span>
                    ) : (
                      <ul class="perm-list">
                        {choices
                          .filter((p) => r.permissions.includes(p))
                          .map((p) => (
                            <li key={p} class="badge" data-permission={p}>
                              {permissionLabel(t, p)}
                            </li>
                          ))}
                      </ul>
                    )}
                  </td>
                  <td data-testid="role-users">{r.users.toLocaleString()}</td>
                  <td class="cell-actions">
                    <button type="button" class="btn btn-small" onClick={() => setDialog({ kind: 'edit', role: r })} aria-label={t('editRoleNamed', { name: r.name })} data-testid="role-edit">
                      {t('edit')}
                    </button>
                    {!r.builtin && (
                      <button
                        type="button"
                        class="btn btn-small btn-ghost btn-danger-text"
                        onClick={() => {
                          setDeleteError(null);
                          setDialog({ kind: 'delete', role: r });
                        }}
                        aria-label={t('deleteRoleNamed', { name: r.name })}
                        data-testid="role-delete"
                      >
                        {t('delete')}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {(dialog?.kind === 'create' || dialog?.kind === 'edit') && (
        <RoleDialog
          role={dialog.kind === 'edit' ? dialog.role : null}
          choices={choices}
          onClose={() => setDialog(null)}
          onSaved={async (role, created) => {
            setRoles((rs) => (created ? [...(rs ?? []), role] : (rs ?? []).map((r) => (r.id === role.id ? { ...r, ...role } : r))));
            setDialog(null);
            announce(t(created ? 'roleCreated' : 'roleSaved', { name: role.name }));
            // Editing one's own role changes what one may do (and see) at once.
            if (!created && me?.role.id === role.id) await refreshSession();
          }}
        />
      )}
      {dialog?.kind === 'delete' && (
        <ConfirmDialog
          title={t('deleteRoleTitle', { name: dialog.role.name })}
          body={dialog.role.users > 0 ? t('deleteRoleInUse', { n: dialog.role.users.toLocaleString() }) : t('deleteRoleBody')}
          confirmLabel={t('delete')}
          busy={deleteBusy}
          error={deleteError}
          onClose={() => {
            if (!deleteBusy) setDialog(null);
          }}
          onConfirm={() => void onDelete(dialog.role)}
        />
      )}
    </div>
  );
}

function RoleDialog(p: { role: Role | null; choices: Permission[]; onClose: () => void; onSaved: (role: Role, created: boolean) => Promise<void> }) {
  const { t } = useApp();
  const errText = useErrorText();
  const role = p.role;
  const nameLocked = !!role?.builtin;
  const permsLocked = !!role && isAdministratorRole(role);
  const [name, setName] = useState(role?.name ?? '');
  const [perms, setPerms] = useState<Permission[]>(role ? [...role.permissions] : []);
  const [nameError, setNameError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const nameRef = useRef<HTMLInputElement>(null);
  const permsHintId = useId();
  // Permissions that the role has but that are not among the choices (none, normally).
  const choices = [...p.choices, ...perms.filter((x) => !p.choices.includes(x))];

  const toggle = (perm: Permission, on: boolean) => setPerms((ps) => (on ? [...ps.filter((x) => x !== perm), perm] : ps.filter((x) => x !== perm)));
  const ordered = (ps: Permission[]) => choices.filter((c) => ps.includes(c));

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const ne = nameLocked ? undefined : fieldMessage(t, checkName(name));
    setNameError(ne);
    if (ne) {
      nameRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    try {
      if (!role) {
        const res = await api.adminCreateRole(name.trim(), ordered(perms));
        await p.onSaved(res.role, true);
        return;
      }
      const patch: { name?: string; permissions?: Permission[] } = {};
      if (!nameLocked && name.trim() !== role.name) patch.name = name.trim();
      const before = ordered(role.permissions);
      const after = ordered(perms);
      if (!permsLocked && (before.length !== after.length || before.some((x, i) => x !== after[i]))) patch.permissions = after;
      if (patch.name === undefined && patch.permissions === undefined) {
        p.onClose();
        return;
      }
      const res = await api.adminUpdateRole(role.id, patch);
      await p.onSaved(res.role, false);
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError && err.code === 'invalidField' && err.field === 'name') {
        setNameError(nameLocked ? t('roleNameBuiltin') : t('roleNameInvalid'));
        setError(t('formHasErrors'));
        window.setTimeout(() => nameRef.current?.focus(), 0);
        return;
      }
      if (err instanceof ApiError && err.code === 'invalidField' && err.field === 'permissions') {
        setError(permsLocked || (role && isAdministratorRole(role)) ? t('adminRoleAllPermissions') : errText(err));
        return;
      }
      setError(errText(err));
    }
  };

  return (
    <Dialog title={role ? t('editRoleTitle', { name: role.name }) : t('createRoleTitle')} onClose={p.onClose} testid="role-dialog">
      <form onSubmit={(e) => void onSubmit(e)} noValidate aria-busy={busy}>
        <ErrorBox message={error} testid="role-error" />
        <Field
          label={t('roleName')}
          value={name}
          onValue={setName}
          error={nameError}
          inputRef={nameRef}
          required={!nameLocked}
          readOnly={nameLocked}
          hint={nameLocked ? t('roleNameBuiltin') : undefined}
          maxLength={MAX_NAME}
          autoFocus={!nameLocked}
          autoComplete="off"
          testid="role-name"
        />
        <fieldset class="fieldset" aria-describedby={permsLocked ? permsHintId : undefined}>
          <legend>{t('permissionsLegend')}</legend>
          {permsLocked && (
            <p class="hint" id={permsHintId}>
              {t('adminRoleAllPermissions')}
            </p>
          )}
          <div class="perm-grid">
            {choices.map((perm) => (
              <Checkbox
                key={perm}
                label={permissionLabel(t, perm)}
                checked={perms.includes(perm)}
                disabled={permsLocked}
                onChange={(on) => toggle(perm, on)}
                testid={`role-permission-${perm}`}
              />
            ))}
          </div>
        </fieldset>
        <div class="dialog-actions">
          <button type="button" class="btn" onClick={p.onClose}>
            {t('cancel')}
          </button>
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="role-save">
            {busy ? t('saving') : role ? t('save') : t('create')}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
