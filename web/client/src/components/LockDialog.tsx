import { useState } from 'preact/hooks';
import { LOCK_FIELDS, type Lock } from '../protocol';
import { t } from '../i18n';
import { useCtx } from '../context';
import { Dialog } from './Dialog';

export function LockDialog({ lock, onClose }: { lock: Lock; onClose(): void }) {
  const { send } = useCtx();
  const [draft, setDraft] = useState<Lock>({ ...lock });
  const save = () => {
    if (send({ type: 'lockSet', lock: draft })) onClose();
  };
  return (
    <Dialog
      title={t.lockTitle}
      onClose={onClose}
      testId="lock-dialog"
      footer={
        <>
          <button type="button" class="btn secondary" onClick={onClose}>
            {t.cancel}
          </button>
          <button type="submit" form="lock-form" class="btn primary" data-testid="lock-save">
            {t.save}
          </button>
        </>
      }
    >
      <p class="dialog-intro">{t.lockIntro}</p>
      <form
        id="lock-form"
        class="lock-form"
        onSubmit={(e) => {
          e.preventDefault();
          save();
        }}
      >
        {LOCK_FIELDS.map((f, i) => {
          const [label, hint] = t.lockFields[f] ?? [f, ''];
          const id = `lock-${f}`;
          return (
            <label class="switch-row" for={id} key={f}>
              <span class="switch-text">
                <span class="switch-label">{label}</span>
                <span class="switch-hint" id={`${id}-hint`}>
                  {hint}
                </span>
              </span>
              <input
                type="checkbox"
                role="switch"
                id={id}
                name={f}
                class="switch"
                data-testid={id}
                data-autofocus={i === 0 ? true : undefined}
                aria-describedby={`${id}-hint`}
                checked={draft[f]}
                onChange={(e) => setDraft({ ...draft, [f]: (e.currentTarget as HTMLInputElement).checked })}
              />
            </label>
          );
        })}
      </form>
    </Dialog>
  );
}
