// Modal dialog on top of the native <dialog>: showModal() makes the rest of the page inert
// (the focus trap) and Esc fires `cancel`, which we turn into onClose. Focus goes to the
// element marked data-autofocus, and back to the opener when the dialog closes.

import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';
import { t } from '../i18n';
import { IconX } from './Icons';

let idSeq = 0;
const FOCUSABLE = 'a[href], button, input, textarea, select, [tabindex]:not([tabindex="-1"])';

export interface DialogProps {
  title: string;
  onClose(): void;
  children: ComponentChildren;
  footer?: ComponentChildren;
  /** for alertdialog semantics (confirmations) */
  role?: 'dialog' | 'alertdialog';
  testId?: string;
  size?: 'sm' | 'md';
}

export function Dialog({ title, onClose, children, footer, role = 'dialog', testId, size = 'md' }: DialogProps) {
  const ref = useRef<HTMLDialogElement>(null);
  const ids = useRef({ title: `dlg-t-${++idSeq}`, body: `dlg-b-${idSeq}` });
  const closeRef = useRef(onClose);
  closeRef.current = onClose;

  useEffect(() => {
    const dlg = ref.current;
    if (!dlg) return undefined;
    const opener = document.activeElement as HTMLElement | null;
    if (!dlg.open) {
      try {
        dlg.showModal();
      } catch {
        dlg.setAttribute('open', '');
      }
    }
    const first = dlg.querySelector<HTMLElement>('[data-autofocus]');
    first?.focus();
    const onCancel = (e: Event) => {
      e.preventDefault();
      closeRef.current();
    };
    // Fallback for engines without <dialog> cancel events.
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        e.preventDefault();
        closeRef.current();
      } else if (e.key === 'Tab') {
        // Wrap around inside the dialog instead of escaping to the browser UI.
        const items = [...dlg.querySelectorAll<HTMLElement>(FOCUSABLE)].filter((el) => !el.hasAttribute('disabled'));
        if (items.length === 0) return;
        const first = items[0];
        const last = items[items.length - 1];
        if (e.shiftKey && document.activeElement === first) {
          e.preventDefault();
          last.focus();
        } else if (!e.shiftKey && document.activeElement === last) {
          e.preventDefault();
          first.focus();
        }
      }
    };
    dlg.addEventListener('cancel', onCancel);
    dlg.addEventListener('keydown', onKey);
    return () => {
      dlg.removeEventListener('cancel', onCancel);
      dlg.removeEventListener('keydown', onKey);
      if (dlg.open) dlg.close();
      if (opener && document.contains(opener)) opener.focus();
    };
  }, []);

  return (
    <dialog
      ref={ref}
      class={`dialog dialog-${size}`}
      role={role}
      aria-modal="true"
      aria-labelledby={ids.current.title}
      aria-describedby={ids.current.body}
      data-testid={testId}
      onClick={(e) => {
        // A click on the backdrop lands on the <dialog> itself.
        if (e.target === ref.current) closeRef.current();
      }}
    >
      <div class="dialog-inner">
        <div class="dialog-head">
          <h2 id={ids.current.title}>{title}</h2>
          <button type="button" class="btn-icon ghost" aria-label={t.close} onClick={() => closeRef.current()}>
            <IconX size={18} />
          </button>
        </div>
        <div class="dialog-body" id={ids.current.body}>
          {children}
        </div>
        {footer && <div class="dialog-foot">{footer}</div>}
      </div>
    </dialog>
  );
}

export interface ConfirmProps {
  title: string;
  body: string;
  confirmLabel: string;
  danger?: boolean;
  onConfirm(): void;
  onClose(): void;
}

export function ConfirmDialog({ title, body, confirmLabel, danger, onConfirm, onClose }: ConfirmProps) {
  return (
    <Dialog
      title={title}
      onClose={onClose}
      role="alertdialog"
      size="sm"
      testId="confirm-dialog"
      footer={
        <>
          <button type="button" class="btn secondary" data-autofocus data-testid="confirm-cancel" onClick={onClose}>
            {t.cancel}
          </button>
          <button
            type="button"
            class={danger ? 'btn danger' : 'btn primary'}
            data-testid="confirm-ok"
            onClick={() => {
              onConfirm();
              onClose();
            }}
          >
            {confirmLabel}
          </button>
        </>
      }
    >
      <p>{body}</p>
    </Dialog>
  );
}
