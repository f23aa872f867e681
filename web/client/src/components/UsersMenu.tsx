// The participant list's options for moderators: mute everyone (or all but the presenter)
// while nobody did, else lift that rule (`welcome.media.mutedAll`, `mediaMutedAll`). A disclosure (button + list of buttons), so Tab and Esc are all a
// keyboard needs.

import { useEffect, useRef, useState } from 'preact/hooks';
import { t } from '../i18n';
import { useCtx } from '../context';
import { IconMore } from './Icons';

export function UsersMenu({ mutedAll }: { mutedAll: boolean }) {
  const { send } = useCtx();
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const toggle = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return undefined;
    const onDown = (e: PointerEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    const onKey = (e: KeyboardEvent) => {
      if (e.key === 'Escape') {
        setOpen(false);
        toggle.current?.focus();
      }
    };
    const onFocus = (e: FocusEvent) => {
      if (!root.current?.contains(e.target as Node)) setOpen(false);
    };
    document.addEventListener('pointerdown', onDown);
    document.addEventListener('keydown', onKey);
    document.addEventListener('focusin', onFocus);
    return () => {
      document.removeEventListener('pointerdown', onDown);
      document.removeEventListener('keydown', onKey);
      document.removeEventListener('focusin', onFocus);
    };
  }, [open]);

  const act = (fn: () => void) => () => {
    fn();
    setOpen(false);
    toggle.current?.focus();
  };

  return (
    <div class="menu" ref={root}>
      <button
        ref={toggle}
        type="button"
        class="btn-icon ghost"
        data-testid="users-menu"
        aria-label={t.usersMenu}
        title={t.usersMenu}
        aria-expanded={open}
        aria-controls="users-menu-list"
        onClick={() => setOpen(!open)}
      >
        <IconMore size={18} />
      </button>
      {open && (
        <ul class="menu-list" id="users-menu-list">
          {mutedAll ? (
            <li>
              <button type="button" class="menu-item" data-testid="mute-all-lift" onClick={act(() => send({ type: 'mediaMuteAll', muted: false }))}>
                {t.liftMuteAll}
              </button>
            </li>
          ) : (
            <>
              <li>
                <button type="button" class="menu-item" data-testid="mute-all" onClick={act(() => send({ type: 'mediaMuteAll', muted: true }))}>
                  {t.muteAll}
                </button>
              </li>
              <li>
                <button
                  type="button"
                  class="menu-item"
                  data-testid="mute-all-except-presenter"
                  onClick={act(() => send({ type: 'mediaMuteAll', muted: true, exceptPresenter: true }))}
                >
                  {t.muteAllExceptPresenter}
                </button>
              </li>
            </>
          )}
        </ul>
      )}
    </div>
  );
}
