// Sign in, sign up (+ "check your email"), email verification, password reset.

import { useEffect, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { ApiError } from '../api';
import { useApp } from '../context';
import { navigate, safeNext } from '../router';
import { checkConfirm, checkEmail, checkName, checkPassword, MIN_PASSWORD, type FieldProblem } from '../validate';
import { ErrorBox, Field, fieldMessage, Link, Loading, Notice, Page, useErrorText } from '../components/ui';

/** Focuses the page heading when `dep` changes after the first render (a new state of the same page). */
export function useFocusHeading(dep: unknown): void {
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.getElementById('page-title')?.focus();
  }, [dep]);
}

type Errors<K extends string> = Partial<Record<K, string>>;

function focusFirstInvalid(form: HTMLFormElement | null): void {
  window.setTimeout(() => (form?.querySelector('[aria-invalid="true"]') as HTMLElement | null)?.focus(), 0);
}

export function SignInPage({ next }: { next: string | null }) {
  const { t, user, refreshSession } = useApp();
  const errText = useErrorText();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors<'email' | 'password'>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);

  useEffect(() => {
    if (user && !busy) navigate(safeNext(next), { replace: true });
  }, [user]);

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const fe: Errors<'email' | 'password'> = {
      email: fieldMessage(t, checkEmail(email)),
      password: fieldMessage(t, password ? null : 'required'),
    };
    setErrors(fe);
    if (fe.email || fe.password) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.signIn(email.trim(), password);
      await refreshSession();
      navigate(safeNext(next), { replace: true });
    } catch (err) {
      setError(errText(err));
      setBusy(false);
    }
  };

  return (
    <Page title={t('signInTitle')} narrow>
      <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate class="card form-card" aria-busy={busy}>
        <ErrorBox message={error} testid="signin-error" />
        <Field label={t('email')} type="email" value={email} onValue={setEmail} error={errors.email} autoComplete="username" required testid="signin-email" />
        <Field
          label={t('password')}
          type="password"
          value={password}
          onValue={setPassword}
          error={errors.password}
          autoComplete="current-password"
          required
          testid="signin-password"
        />
        <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="signin-submit">
          {busy ? t('signingIn') : t('signIn')}
        </button>
        <p class="form-links">
          <Link href="/reset" data-testid="signin-forgot">
            {t('forgotPassword')}
          </Link>
        </p>
      </form>
      <SignUpHint />
    </Page>
  );
}

function SignUpHint() {
  const { t, session } = useApp();
  if (session.site.registration === 'invite') return null;
  return (
    <p class="below-card">
      {t('noAccount')} <Link href="/signup">{t('signUp')}</Link>
    </p>
  );
}

type SignUpState = { kind: 'form' } | { kind: 'checkEmail'; email: string } | { kind: 'approval' };

export function SignUpPage({ inviteToken }: { inviteToken: string | null }) {
  const { t, lang, session, user, refreshSession } = useApp();
  const errText = useErrorText();
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Errors<'name' | 'email' | 'password'>>({});
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [state, setState] = useState<SignUpState>({ kind: 'form' });
  const formRef = useRef<HTMLFormElement>(null);
  useFocusHeading(state.kind);

  useEffect(() => {
    if (user && state.kind === 'form' && !busy) navigate('/rooms', { replace: true });
  }, [user]);

  if (state.kind === 'checkEmail') {
    return (
      <Page title={t('checkEmailTitle')} narrow>
        <Notice kind="success" testid="signup-check-email">
          <p>{t('checkEmailBody', { email: state.email })}</p>
        </Notice>
        <p>
          <Link href="/signin">{t('backToSignIn')}</Link>
        </p>
      </Page>
    );
  }
  if (state.kind === 'approval') {
    return (
      <Page title={t('awaitingApprovalTitle')} narrow>
        <Notice kind="success" testid="signup-pending">
          <p>{t('awaitingApprovalBody')}</p>
        </Notice>
        <p>
          <Link href="/">{t('goHome')}</Link>
        </p>
      </Page>
    );
  }

  const inviteOnly = session.site.registration === 'invite' && !inviteToken;

  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const fe: Errors<'name' | 'email' | 'password'> = {
      name: fieldMessage(t, checkName(name)),
      email: fieldMessage(t, checkEmail(email)),
      password: fieldMessage(t, checkPassword(password)),
    };
    setErrors(fe);
    if (fe.name || fe.email || fe.password) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const res = await api.signUp({
        name: name.trim(),
        email: email.trim(),
        password,
        language: lang,
        ...(inviteToken ? { inviteToken } : {}),
      });
      if (res.user && !res.verificationRequired && !res.approvalRequired) {
        await refreshSession();
        navigate('/rooms', { replace: true });
        return;
      }
      setBusy(false);
      setState(res.verificationRequired ? { kind: 'checkEmail', email: email.trim() } : { kind: 'approval' });
    } catch (err) {
      setBusy(false);
      if (err instanceof ApiError) {
        const f: Errors<'name' | 'email' | 'password'> = {};
        if (err.code === 'inviteMismatch') {
          // The invitation was for another address: say so at the top and at the field.
          setErrors({ email: t('inviteMismatchField') });
          setError(t('err_inviteMismatch'));
          focusFirstInvalid(formRef.current);
          return;
        }
        if (inviteToken && (err.code === 'registrationClosed' || err.code === 'invalidToken')) {
          setError(t('inviteInvalid'));
          return;
        }
        if (err.code === 'emailTaken') f.email = errText(err);
        else if (err.code === 'weakPassword') f.password = errText(err);
        else if (err.code === 'invalidField' && (err.field === 'name' || err.field === 'email' || err.field === 'password'))
          f[err.field] = fieldMessage(t, (err.field === 'email' ? 'invalidEmail' : 'required') as FieldProblem);
        if (Object.keys(f).length) {
          setErrors(f);
          setError(t('formHasErrors'));
          focusFirstInvalid(formRef.current);
          return;
        }
      }
      setError(errText(err));
    }
  };

  return (
    <Page title={t('signUpTitle')} narrow>
      {inviteOnly ? (
        <Notice kind="info" testid="signup-invite-only">
          <p>{t('inviteRequired')}</p>
        </Notice>
      ) : (
        <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate class="card form-card" aria-busy={busy}>
          {inviteToken ? (
            <Notice kind="info" testid="signup-invited">
              <p>{t('inviteWelcome')}</p>
            </Notice>
          ) : (
            session.site.registration === 'approval' && (
              <Notice kind="info">
                <p>{t('approvalNotice')}</p>
              </Notice>
            )
          )}
          <ErrorBox message={error} testid="signup-error" />
          <Field label={t('fullName')} value={name} onValue={setName} error={errors.name} autoComplete="name" required maxLength={255} testid="signup-name" />
          <Field label={t('email')} type="email" value={email} onValue={setEmail} error={errors.email} autoComplete="email" required testid="signup-email" />
          <Field
            label={t('password')}
            type="password"
            value={password}
            onValue={setPassword}
            error={errors.password}
            hint={t('passwordHint', { min: MIN_PASSWORD })}
            autoComplete="new-password"
            required
            testid="signup-password"
          />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="signup-submit">
            {busy ? t('signingUp') : t('signUpSubmit')}
          </button>
        </form>
      )}
      <p class="below-card">
        {t('haveAccount')} <Link href="/signin">{t('signIn')}</Link>
      </p>
    </Page>
  );
}

export function VerifyPage({ token }: { token: string | null }) {
  const { t, refreshSession } = useApp();
  const errText = useErrorText();
  const [state, setState] = useState<'working' | 'done' | 'error'>(token ? 'working' : 'error');
  const [error, setError] = useState<string | null>(token ? null : t('verifyMissingToken'));
  const started = useRef(false);
  useEffect(() => {
    if (!token || started.current) return;
    started.current = true;
    api
      .verifyEmail(token)
      .then(async () => {
        await refreshSession();
        setState('done');
      })
      .catch((err) => {
        setError(errText(err));
        setState('error');
      });
  }, [token]);
  return (
    <Page title={t('verifyTitle')} narrow>
      {state === 'working' && <Loading label={t('verifying')} />}
      {state === 'done' && (
        <>
          <Notice kind="success" live testid="verify-done">
            <p>{t('verifiedBody')}</p>
          </Notice>
          <p>
            <Link href="/rooms" class="btn btn-primary" data-testid="verify-continue">
              {t('continueToRooms')}
            </Link>
          </p>
        </>
      )}
      {state === 'error' && (
        <>
          <ErrorBox message={error} testid="verify-error" />
          <p>
            <Link href="/signin">{t('backToSignIn')}</Link>
          </p>
        </>
      )}
    </Page>
  );
}

export function ResetPage() {
  const { t } = useApp();
  const errText = useErrorText();
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [error, setError] = useState<string | null>(null);
  const [sentTo, setSentTo] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const fe = fieldMessage(t, checkEmail(email));
    setFieldError(fe);
    if (fe) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.requestPasswordReset(email.trim());
      setSentTo(email.trim());
    } catch (err) {
      setError(errText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('resetTitle')} narrow>
      {sentTo ? (
        <Notice kind="success" live testid="reset-sent">
          <p>{t('resetSent', { email: sentTo })}</p>
        </Notice>
      ) : (
        <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate class="card form-card" aria-busy={busy}>
          <p>{t('resetLead')}</p>
          <ErrorBox message={error} />
          <Field label={t('email')} type="email" value={email} onValue={setEmail} error={fieldError} autoComplete="email" required testid="reset-email" />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="reset-submit">
            {busy ? t('sending') : t('resetSubmit')}
          </button>
        </form>
      )}
      <p class="below-card">
        <Link href="/signin">{t('backToSignIn')}</Link>
      </p>
    </Page>
  );
}

export function ResetConfirmPage({ token }: { token: string | null }) {
  const { t } = useApp();
  const errText = useErrorText();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [errors, setErrors] = useState<Errors<'password' | 'confirm'>>({});
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const [busy, setBusy] = useState(false);
  const formRef = useRef<HTMLFormElement>(null);
  if (!token) {
    return (
      <Page title={t('resetConfirmTitle')} narrow>
        <ErrorBox message={t('resetMissingToken')} />
        <p>
          <Link href="/reset">{t('resetAskNew')}</Link>
        </p>
      </Page>
    );
  }
  const onSubmit = async (e: Event) => {
    e.preventDefault();
    const fe = { password: fieldMessage(t, checkPassword(password)), confirm: fieldMessage(t, checkConfirm(password, confirm)) };
    setErrors(fe);
    if (fe.password || fe.confirm) {
      focusFirstInvalid(formRef.current);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      await api.confirmPasswordReset(token, password);
      setDone(true);
    } catch (err) {
      if (err instanceof ApiError && err.code === 'weakPassword') setErrors({ password: errText(err) });
      setError(errText(err));
    } finally {
      setBusy(false);
    }
  };
  return (
    <Page title={t('resetConfirmTitle')} narrow>
      {done ? (
        <>
          <Notice kind="success" live testid="reset-done">
            <p>{t('resetDone')}</p>
          </Notice>
          <p>
            <Link href="/signin" class="btn btn-primary">
              {t('signIn')}
            </Link>
          </p>
        </>
      ) : (
        <form ref={formRef} onSubmit={(e) => void onSubmit(e)} noValidate class="card form-card" aria-busy={busy}>
          <ErrorBox message={error} testid="reset-error">
            {error === t('err_invalidToken') && (
              <p>
                <Link href="/reset">{t('resetAskNew')}</Link>
              </p>
            )}
          </ErrorBox>
          <Field
            label={t('newPassword')}
            type="password"
            value={password}
            onValue={setPassword}
            error={errors.password}
            hint={t('passwordHint', { min: MIN_PASSWORD })}
            autoComplete="new-password"
            required
            testid="reset-password"
          />
          <Field
            label={t('confirmPassword')}
            type="password"
            value={confirm}
            onValue={setConfirm}
            error={errors.confirm}
            autoComplete="new-password"
            required
            testid="reset-confirm"
          />
          <button type="submit" class="btn btn-primary btn-block" disabled={busy} data-testid="reset-confirm-submit">
            {busy ? t('saving') : t('resetConfirmSubmit')}
          </button>
        </form>
      )}
    </Page>
  );
}
