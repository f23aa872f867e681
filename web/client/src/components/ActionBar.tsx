// Controls under the stage. Microphone, camera and screen sharing join the raise-hand
// button here once src/media/ has a real controller.

import type { AppState } from '../state';
import { t } from '../i18n';
import { useCtx } from '../context';
import { IconHand } from './Icons';

export function ActionBar({ s }: { s: AppState }) {
  const { send } = useCtx();
  const raised = !!s.you?.raisedHand;
  return (
    <div class="action-bar" role="toolbar" aria-label={t.stage}>
      <button
        type="button"
        class={raised ? 'btn round active' : 'btn round'}
        data-raised={String(raised)}
        data-testid="raise-hand"
        disabled={s.conn.status !== 'open'}
        onClick={() => send({ type: 'handSet', raised: !raised })}
      >
        <IconHand size={20} />
        <span>{raised ? t.lowerHand : t.raiseHand}</span>
      </button>
    </div>
  );
}
