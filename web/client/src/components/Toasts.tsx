import { useEffect } from 'preact/hooks';
import type { Toast } from '../state';
import { t } from '../i18n';
import { useCtx } from '../context';
import { IconAlert, IconX } from './Icons';

const AUTO_DISMISS_MS = 8000;

export function Toasts({ toasts }: { toasts: Toast[] }) {
  return (
    <div class="toasts" aria-live="assertive" aria-relevant="additions">
      {toasts.map((x) => (
        <ToastItem key={x.id} toast={x} />
      ))}
    </div>
  );
}

function ToastItem({ toast }: { toast: Toast }) {
  const { store } = useCtx();
  const dismiss = () => store.dispatch({ type: 'dismissToast', id: toast.id });
  useEffect(() => {
    const id = setTimeout(dismiss, AUTO_DISMISS_MS);
    return () => clearTimeout(id);
  }, [toast.id]);
  const text = t.errors[toast.code] ?? (toast.message || toast.code);
  return (
    <div class="toast" role="alert" data-testid="toast" data-code={toast.code}>
      <IconAlert size={18} />
      <div class="toast-text">
        <span>{text}</span>
        {t.errors[toast.code] && toast.message && toast.message !== text && <small>{toast.message}</small>}
      </div>
      {toast.action && (
        <button
          type="button"
          class="btn small secondary"
          data-testid="toast-action"
          onClick={() => {
            dismiss();
            toast.action?.run();
          }}
        >
          {toast.action.label}
        </button>
      )}
      <button type="button" class="btn-icon ghost" aria-label={t.dismiss} data-testid="toast-dismiss" onClick={dismiss}>
        <IconX size={16} />
      </button>
    </div>
  );
}
