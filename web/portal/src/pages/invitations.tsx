// /admin/invitations (ManageUsers): invite by email, the open invitations, revoking.
// The invitation's link is in the answer to creating it only (for passing it on by
// hand when no mail server is configured), so it is shown right then.

import { useEffect, useId, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { ApiError } from '../api';
import { useApp } from '../context';
import type { Invitation } from '../types';
import { checkEmail } from '../validate';
import { ConfirmDialog, ErrorBox, Field, fieldMessage, formatDateTime, Loading, Notice, useCopyLink, useErrorText } from '../components/ui';

interface Created {
  email: string;
  link: string;
  mailed: boolean;
}

export function InvitationsTab() {
  const { t, lang, announce } = useApp();
  const errText = useErrorText();
  const copy = useCopyLink();
  const [invitations, setInvitations] = useState<Invitation[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [formError, setFormError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [created, setCreated] = useState<Created | null>(null);
  const [revoking, setRevoking] = useState<Invitation | null>(null);
  const [revokeBusy, setRevokeBusy] = useState(false);
  const [revokeError, setRevokeError] = useState<string | null>(null);
  const emailRef = useRef<HTMLInputElement>(null);
  const linkRef = useRef<HTMLInputElement>(null);
  const linkId = useId();
  const listHeadingId = useId();
  const listHeadingRef = useRef<HTMLHeadingElement>(null);

  const load = async () => {
    try {
      const r = await api.adminListInvitations();
      setInvitations([...r.invitations].sort((a, b) => b.createdAt - a.createdAt));
      setError(null);
    } catch (err) {
      setError(errText(err));
    }
  };
  useEffect(() => {
    void load();
  }, []);

  // The new link takes the focus, so that it can be copied at once.
  useEffect(() => {
    if (created) linkRef.current?.focus();
  }, [created]);

  const onInvite = async (e: Event) => {
    e.preventDefault();
    const fe = fieldMessage(t, checkEmail(email));
    setFieldError(fe);
    setFormError(null);
    if (fe) {
      emailRef.current?.focus();
      return;
    }
    setBusy(true);
    setCreated(null);
    try {
      const res = await api.adminCreateInvitation(email.trim());
      const inv = res.invitation;
      const mailed = api.invitationMailed(res);
      setCreated({ email: inv.email, link: inv.link, mailed });
      setEmail('');
      announce(`${t('invitationCreated', { email: inv.email })} ${mailed ? t('invitationMailed', { email: inv.email }) : t('invitationNotMailed', { email: inv.email })}`);
      setInvitations((list) => [{ id: inv.id, email: inv.email, createdAt: inv.createdAt, expiresAt: inv.expiresAt }, ...(list ?? []).filter((x) => x.id !== inv.id)]);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'emailTaken') setFieldError(errText(err));
      else if (err instanceof ApiError && err.code === 'invalidField' && (err.field === 'email' || !err.field)) setFieldError(fieldMessage(t, 'invalidEmail'));
      else setFormError(errText(err));
      emailRef.current?.focus();
    } finally {
      setBusy(false);
    }
  };

  const onRevoke = async (inv: Invitation) => {
    setRevokeBusy(true);
    setRevokeError(null);
    try {
      await api.adminDeleteInvitation(inv.id);
      announce(t('invitationRevoked', { email: inv.email }));
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) {
        setRevokeError(errText(err));
        setRevokeBusy(false);
        return;
      }
      announce(t('invitationGone', { email: inv.email }));
    }
    setInvitations((list) => (list ?? []).filter((x) => x.id !== inv.id));
    if (created && created.email === inv.email) setCreated(null);
    setRevokeBusy(false);
    setRevoking(null);
    // The row's button is gone: after the dialog has closed, land on the list's heading.
    window.setTimeout(() => listHeadingRef.current?.focus(), 0);
  };

  return (
    <div data-testid="admin-invitations">
      <p>{t('invitationsLead')}</p>
      <form onSubmit={(e) => void onInvite(e)} noValidate class="inline-form" aria-busy={busy}>
        <ErrorBox message={formError} testid="invite-error" />
        <Field label={t('inviteEmail')} type="email" value={email} onValue={setEmail} error={fieldError} inputRef={emailRef} autoComplete="off" maxLength={254} required testid="invite-email">
          <button type="submit" class="btn btn-primary" disabled={busy} data-testid="invite-submit">
            {busy ? t('inviting') : t('inviteSubmit')}
          </button>
        </Field>
      </form>
      {created && (
        <Notice kind={created.mailed ? 'success' : 'info'} testid="invite-result">
          <p>
            {t('invitationCreated', { email: created.email })}{' '}
            <span data-testid="invite-mailed" data-mailed={created.mailed ? 'true' : 'false'}>
              {created.mailed ? t('invitationMailed', { email: created.email }) : t('invitationNotMailed', { email: created.email })}
            </span>
          </p>
          <div class="field">
            <label for={linkId}>{t('invitationLink', { email: created.email })}</label>
            <div class="field-row">
              <input
                id={linkId}
                ref={linkRef}
                type="text"
                readOnly
                value={created.link}
                class="mono"
                aria-describedby={`${linkId}-hint`}
                onFocus={(e) => (e.currentTarget as HTMLInputElement).select()}
                data-testid="invite-link"
              />
              <button type="button" class="btn" onClick={() => copy(created.link)} data-testid="invite-copy">
                {t('copyLink')}
              </button>
            </div>
            <p class="hint" id={`${linkId}-hint`}>
              {t('invitationLinkOnce')}
            </p>
          </div>
        </Notice>
      )}
      <h2 id={listHeadingId} ref={listHeadingRef} tabIndex={-1} class="section-title">
        {t('invitationsOpen')}
      </h2>
      <ErrorBox message={error} testid="admin-error" />
      {invitations === null && !error && <Loading />}
      {invitations && invitations.length === 0 && <p class="empty">{t('invitationsEmpty')}</p>}
      {invitations && invitations.length > 0 && (
        <div class="table-wrap">
          <table class="table" aria-labelledby={listHeadingId} data-testid="invitations-table">
            <thead>
              <tr>
                <th scope="col">{t('colEmail')}</th>
                <th scope="col">{t('colInvited')}</th>
                <th scope="col">{t('colExpires')}</th>
                <th scope="col">{t('colActions')}</th>
              </tr>
            </thead>
            <tbody>
              {invitations.map((inv) => (
                <tr key={inv.id} data-testid="invitation-row" data-email={inv.email} data-id={inv.id}>
                  <th scope="row">{inv.email}</th>
                  <td>{formatDateTime(lang, inv.createdAt)}</td>
                  <td>{formatDateTime(lang, inv.expiresAt)}</td>
                  <td class="cell-actions">
                    <button
                      type="button"
                      class="btn btn-small btn-ghost btn-danger-text"
                      onClick={() => {
                        setRevokeError(null);
                        setRevoking(inv);
                      }}
                      aria-label={t('revokeNamed', { email: inv.email })}
                      data-testid="invitation-revoke"
                    >
                      {t('revoke')}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {revoking && (
        <ConfirmDialog
          title={t('revokeInvitationTitle', { email: revoking.email })}
          body={t('revokeInvitationBody')}
          confirmLabel={t('revoke')}
          busyLabel={t('revoking')}
          busy={revokeBusy}
          error={revokeError}
          onClose={() => {
            if (!revokeBusy) setRevoking(null);
          }}
          onConfirm={() => void onRevoke(revoking)}
        />
      )}
    </div>
  );
}
