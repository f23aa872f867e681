// Small accessible building blocks: page frame, fields, alerts, dialogs, tabs.

import type { ComponentChildren, JSX, Ref } from 'preact';
import { useEffect, useId, useRef } from 'preact/hooks';
import { ApiError } from '../api';
import { hasKey, type MsgKey, type T } from '../i18n';
import { onLinkClick } from '../router';
import { MIN_PASSWORD, type FieldProblem } from '../validate';
import { useApp } from '../context';
import type { Lang } from '../types';

export function Link(props: JSX.HTMLAttributes<HTMLAnchorElement> & { href: string }) {
  return <a {...props} onClick={onLinkClick as unknown as JSX.MouseEventHandler<HTMLAnchorElement>} />;
}

/** The page's heading and document title; App moves focus to the h1 after each navigation. */
export function Page(props: { title: string; narrow?: boolean; actions?: ComponentChildren; children?: ComponentChildren; sub?: ComponentChildren }) {
  const { session } = useApp();
  useEffect(() => {
    document.title = `${props.title} · ${session.site.name}`;
  }, [props.title, session.site.name]);
  return (
    <div class={props.narrow ? 'page page-narrow' : 'page'}>
      <div class="page-head">
        <div>
          <h1 tabIndex={-1} id="page-title">
            {props.title}
          </h1>
          {props.sub && <div class="page-sub">{props.sub}</div>}
        </div>
        {props.actions && <div class="page-actions">{props.actions}</div>}
      </div>
      {props.children}
    </div>
  );
}

export function fieldMessage(t: T, p: FieldProblem | null | undefined): string | undefined {
  if (!p) return undefined;
  return t(`field_${p}` as MsgKey, { min: MIN_PASSWORD });
}

/** The user-facing text for an API error, translated where the code is known. */
export function errorText(t: T, lang: Lang, err: unknown): string {
  if (!(err instanceof ApiError)) return t('err_generic');
  switch (err.code) {
    case 'throttled':
      if (err.retryAfter !== undefined) return t('err_throttled', { seconds: err.retryAfter });
      return lang === 'en' && err.message ? err.message : t('err_throttledLater');
    case 'weakPassword':
      return t('err_weakPassword', { min: MIN_PASSWORD });
    case 'invalidField':
      return t('err_invalidField', { field: err.field ?? '' });
  }
  const key = `err_${err.code}`;
  if (hasKey(key)) return t(key);
  if (err.status === 401) return t('err_unauthorized');
  if (err.status === 403) return lang === 'en' && err.message ? err.message : t('err_forbidden');
  if (err.status === 404) return t('err_notFound');
  return lang === 'en' && err.status >= 400 && err.status < 500 && err.message ? err.message : t('err_generic');
}

export function useErrorText(): (err: unknown) => string {
  const { t, lang } = useApp();
  return (err) => errorText(t, lang, err);
}

interface FieldProps {
  label: string;
  value: string;
  onValue: (v: string) => void;
  type?: string;
  error?: string;
  hint?: string;
  testid?: string;
  autoComplete?: string;
  required?: boolean;
  inputRef?: Ref<HTMLInputElement>;
  name?: string;
  maxLength?: number;
  inputMode?: JSX.HTMLAttributes<HTMLInputElement>['inputMode'];
  disabled?: boolean;
  readOnly?: boolean;
  autoFocus?: boolean;
  placeholder?: string;
  children?: ComponentChildren;
}

export function Field(p: FieldProps) {
  const id = useId();
  const hintId = p.hint ? `${id}-hint` : undefined;
  const errId = p.error ? `${id}-err` : undefined;
  const describedBy = [hintId, errId].filter(Boolean).join(' ') || undefined;
  return (
    <div class={p.error ? 'field field-invalid' : 'field'}>
      <label for={id}>
        {p.label}
        {p.required && <span aria-hidden="true" class="req"> *</span>}
      </label>
      <div class="field-row">
        <input
          id={id}
          ref={p.inputRef}
          name={p.name}
          type={p.type ?? 'text'}
          value={p.value}
          onInput={(e) => p.onValue((e.currentTarget as HTMLInputElement).value)}
          aria-invalid={p.error ? 'true' : undefined}
          aria-describedby={describedBy}
          aria-required={p.required ? 'true' : undefined}
          autoComplete={p.autoComplete}
          maxLength={p.maxLength}
          inputMode={p.inputMode}
          disabled={p.disabled}
          readOnly={p.readOnly}
          placeholder={p.placeholder}
          data-autofocus={p.autoFocus ? '' : undefined}
          data-testid={p.testid}
        />
        {p.children}
      </div>
      {p.hint && (
        <p class="hint" id={hintId}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p class="field-error" id={errId}>
          {p.error}
        </p>
      )}
    </div>
  );
}

export function Checkbox(p: { label: string; checked: boolean; onChange: (v: boolean) => void; testid?: string; disabled?: boolean; hint?: string }) {
  const id = useId();
  return (
    <div class="check">
      <input
        type="checkbox"
        id={id}
        checked={p.checked}
        disabled={p.disabled}
        onChange={(e) => p.onChange((e.currentTarget as HTMLInputElement).checked)}
        data-testid={p.testid}
        aria-describedby={p.hint ? `${id}-hint` : undefined}
      />
      <label for={id}>{p.label}</label>
      {p.hint && (
        <span class="hint" id={`${id}-hint`}>
          {p.hint}
        </span>
      )}
    </div>
  );
}

/** An error box; role="alert" so it is read when it appears. */
export function ErrorBox(p: { message?: string | null; testid?: string; children?: ComponentChildren }) {
  if (!p.message) return null;
  return (
    <div class="alert alert-error" role="alert" data-testid={p.testid ?? 'error'}>
      <p>{p.message}</p>
      {p.children}
    </div>
  );
}

export function Notice(p: { kind?: 'info' | 'success' | 'warn'; children: ComponentChildren; testid?: string; live?: boolean }) {
  return (
    <div class={`alert alert-${p.kind ?? 'info'}`} role={p.live ? 'status' : undefined} data-testid={p.testid}>
      {p.children}
    </div>
  );
}

export function Loading(p: { label?: string }) {
  const { t } = useApp();
  return (
    <p class="loading" role="status">
      <span class="spinner" aria-hidden="true" />
      {p.label ?? t('loading')}
    </p>
  );
}

const FOCUSABLE =
  'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])';

/**
 * A modal dialog on the native <dialog> (top layer, the rest of the page inert).
 * Focus goes to the element marked data-autofocus (else the first focusable one), Tab
 * wraps inside, Escape closes, and focus returns to where it was on close.
 */
export function Dialog(p: { title: string; onClose: () => void; children: ComponentChildren; testid?: string; wide?: boolean }) {
  const { t } = useApp();
  const ref = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const onClose = useRef(p.onClose);
  onClose.current = p.onClose;
  useEffect(() => {
    const dlg = ref.current!;
    const previous = document.activeElement as HTMLElement | null;
    if (typeof dlg.showModal === 'function') dlg.showModal();
    else dlg.setAttribute('open', '');
    const first = (dlg.querySelector('[data-autofocus]') as HTMLElement | null) ?? (dlg.querySelector('.dialog-body')?.querySelector(FOCUSABLE) as HTMLElement | null);
    (first ?? dlg).focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      onClose.current();
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        onClose.current();
        return;
      }
      if (e.key !== 'Tab') return;
      const items = Array.from(dlg.querySelectorAll<HTMLElement>(FOCUSABLE)).filter((el) => el.offsetParent !== null || el === document.activeElement);
      if (items.length === 0) return;
      const firstEl = items[0];
      const lastEl = items[items.length - 1];
      if (e.shiftKey && document.activeElement === firstEl) {
        e.preventDefault();
        lastEl.focus();
      } else if (!e.shiftKey && document.activeElement === lastEl) {
        e.preventDefault();
        firstEl.focus();
      }
    };
    dlg.addEventListener('cancel', onCancel);
    dlg.addEventListener('keydown', onKey);
    return () => {
      dlg.removeEventListener('cancel', onCancel);
      dlg.removeEventListener('keydown', onKey);
      if (dlg.open && typeof dlg.close === 'function') dlg.close();
      if (previous && previous.isConnected) previous.focus();
      else (document.getElementById('page-title') as HTMLElement | null)?.focus();
    };
  }, []);
  return (
    <dialog ref={ref} class={p.wide ? 'dialog dialog-wide' : 'dialog'} aria-labelledby={titleId} aria-modal="true" data-testid={p.testid}>
      <div class="dialog-head">
        <h2 id={titleId}>{p.title}</h2>
        <button type="button" class="btn-icon" onClick={() => p.onClose()} aria-label={t('closeDialog')} data-testid="dialog-close">
          <span aria-hidden="true">×</span>
        </button>
      </div>
      <div class="dialog-body">{p.children}</div>
    </dialog>
  );
}

export function ConfirmDialog(p: {
  title: string;
  body: string;
  confirmLabel: string;
  busyLabel?: string;
  busy?: boolean;
  error?: string | null;
  onConfirm: () => void;
  onClose: () => void;
}) {
  const { t } = useApp();
  return (
    <Dialog title={p.title} onClose={p.onClose} testid="confirm-dialog">
      <p>{p.body}</p>
      <ErrorBox message={p.error} />
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={p.onClose} data-testid="confirm-cancel" data-autofocus="">
          {t('cancel')}
        </button>
        <button type="button" class="btn btn-danger" onClick={p.onConfirm} disabled={p.busy} data-testid="confirm-ok">
          {p.busy ? (p.busyLabel ?? t('deleting')) : p.confirmLabel}
        </button>
      </div>
    </Dialog>
  );
}

export interface TabDef {
  id: string;
  label: string;
}

/** WAI-ARIA tabs: arrow keys, Home and End move between tabs (automatic activation). */
export function Tabs(p: { label: string; tabs: TabDef[]; selected: string; onSelect: (id: string) => void; idPrefix: string; children: ComponentChildren }) {
  const refs = useRef<Record<string, HTMLButtonElement | null>>({});
  const onKey = (e: KeyboardEvent) => {
    const i = p.tabs.findIndex((x) => x.id === p.selected);
    let j = -1;
    if (e.key === 'ArrowRight') j = (i + 1) % p.tabs.length;
    else if (e.key === 'ArrowLeft') j = (i - 1 + p.tabs.length) % p.tabs.length;
    else if (e.key === 'Home') j = 0;
    else if (e.key === 'End') j = p.tabs.length - 1;
    if (j < 0) return;
    e.preventDefault();
    p.onSelect(p.tabs[j].id);
    refs.current[p.tabs[j].id]?.focus();
  };
  return (
    <div class="tabs">
      <div role="tablist" aria-label={p.label} class="tablist" onKeyDown={onKey}>
        {p.tabs.map((tab) => (
          <button
            type="button"
            role="tab"
            key={tab.id}
            id={`${p.idPrefix}-tab-${tab.id}`}
            ref={(el) => {
              refs.current[tab.id] = el;
            }}
            aria-selected={tab.id === p.selected}
            aria-controls={`${p.idPrefix}-panel`}
            tabIndex={tab.id === p.selected ? 0 : -1}
            onClick={() => p.onSelect(tab.id)}
            data-testid={`tab-${tab.id}`}
          >
            {tab.label}
          </button>
        ))}
      </div>
      <div role="tabpanel" id={`${p.idPrefix}-panel`} aria-labelledby={`${p.idPrefix}-tab-${p.selected}`} class="tabpanel" tabIndex={0}>
        {p.children}
      </div>
    </div>
  );
}

export async function copyText(text: string): Promise<boolean> {
  try {
    if (navigator.clipboard && window.isSecureContext) {
      await navigator.clipboard.writeText(text);
      return true;
    }
  } catch {
    /* fall through to the old way */
  }
  const ta = document.createElement('textarea');
  ta.value = text;
  ta.setAttribute('readonly', '');
  ta.style.position = 'fixed';
  ta.style.opacity = '0';
  document.body.appendChild(ta);
  ta.select();
  let ok = false;
  try {
    ok = document.execCommand('copy');
  } catch {
    ok = false;
  }
  ta.remove();
  return ok;
}

export function useCopyLink(): (url: string) => void {
  const { t, announce } = useApp();
  return (url: string) => {
    void copyText(url).then((ok) => announce(ok ? t('linkCopied') : t('copyFailed', { url })));
  };
}

export function formatDateTime(lang: Lang, ms: number | null | undefined): string {
  if (ms === null || ms === undefined || !Number.isFinite(ms)) return '';
  return new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }).format(new Date(ms));
}

export function formatTime(lang: Lang, ms: number): string {
  return new Intl.DateTimeFormat(lang === 'it' ? 'it-IT' : 'en-GB', { timeStyle: 'short' }).format(new Date(ms));
}

export function formatDuration(seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${String(sec).padStart(2, '0')}` : `${m}:${String(sec).padStart(2, '0')}`;
}
