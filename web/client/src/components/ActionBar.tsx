// Controls under the stage: audio (join, mute, leave), camera, screen sharing (presenter)
// and the raised hand. Media controls exist only when the node offers media.

import { useEffect, useState } from 'preact/hooks';
import { isLockedViewer, mutedByAll, type AppState } from '../state';
import { t } from '../i18n';
import { useCtx } from '../context';
import { canShareScreen } from '../media/devices';
import type { LocalMedia, MediaController } from '../media';
import { AudioDialog } from './AudioDialog';
import {
  IconHand,
  IconHeadphones,
  IconHeadphonesOff,
  IconMic,
  IconMicOff,
  IconScreen,
  IconVideo,
  IconVideoOff,
} from './Icons';
import { useMedia } from './useMedia';

export function ActionBar({ s }: { s: AppState }) {
  const { send } = useCtx();
  const { ctl, local } = useMedia();
  const raised = !!s.you?.raisedHand;
  const online = s.conn.status === 'open';
  return (
    <div class="action-bar" role="toolbar" aria-label={t.stage}>
      {ctl.available && <MediaButtons s={s} ctl={ctl} local={local} online={online} />}
      <button
        type="button"
        class={raised ? 'btn round active' : 'btn round'}
        data-raised={String(raised)}
        data-testid="raise-hand"
        title={raised ? t.lowerHand : t.raiseHand}
        disabled={!online}
        onClick={() => send({ type: 'handSet', raised: !raised })}
      >
        <IconHand size={20} />
        <span class="btn-text">{raised ? t.lowerHand : t.raiseHand}</span>
      </button>
    </div>
  );
}

/** Focuses the control that replaces the join button once the new state has rendered. */
function focusSoon(testId: string): void {
  requestAnimationFrame(() => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)?.focus());
}

function MediaButtons({ s, ctl, local, online }: { s: AppState; ctl: MediaController; local: LocalMedia; online: boolean }) {
  const [choosing, setChoosing] = useState(false);
  const locked = isLockedViewer(s);
  const camLocked = locked && s.lock.disableCam;
  const mic = local.audio === 'mic';
  const toggleMute = () => ctl.setMuted(!local.muted);
  // Muted by a moderator's mute-all: the button says why.
  const muteTitle = mutedByAll(s, local.muted) ? t.mutedAllHint : local.muted ? t.unmuteHint : t.muteHint;

  // Alt+M, as in BigBlueButton.
  useEffect(() => {
    if (!mic) return undefined;
    const onKey = (e: KeyboardEvent) => {
      if (e.altKey && !e.ctrlKey && !e.metaKey && e.code === 'KeyM') {
        e.preventDefault();
        toggleMute();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  });

  const camOn = local.camera !== 'off';
  const screenOn = local.screen !== 'off';
  const showScreen = canShareScreen() && (!!s.you?.presenter || screenOn);
  return (
    <>
      {local.audio === 'none' ? (
        <button
          type="button"
          class="btn round"
          data-testid="audio-join"
          aria-haspopup="dialog"
          disabled={!online}
          onClick={() => setChoosing(true)}
        >
          <IconHeadphones size={20} />
          <span class="btn-text">{t.joinAudio}</span>
        </button>
      ) : (
        <>
          {mic && (
            <button
              type="button"
              class={local.muted ? 'btn round muted' : 'btn round'}
              data-testid="mute"
              aria-pressed={local.muted}
              aria-keyshortcuts="Alt+M"
              aria-busy={local.pending !== null || local.audioPhase === 'starting'}
              data-muted-all={String(mutedByAll(s, local.muted))}
              title={muteTitle}
              onClick={toggleMute}
            >
              {local.muted ? <IconMicOff size={20} /> : <IconMic size={20} />}
              <span class="btn-text">{t.mute}</span>
            </button>
          )}
          <button
            type="button"
            class="btn round"
            data-testid="audio-leave"
            data-mode={local.audio}
            data-phase={local.audioPhase}
            title={local.audioPhase === 'starting' ? t.audioConnecting : t.leaveAudio}
            onClick={() => {
              void ctl.setAudio('none');
              focusSoon('audio-join');
            }}
          >
            <IconHeadphonesOff size={20} />
            <span class="btn-text">{local.audioPhase === 'starting' ? t.audioConnecting : t.leaveAudio}</span>
          </button>
        </>
      )}
      <button
        type="button"
        class={camOn ? 'btn round on' : 'btn round'}
        data-testid="camera"
        data-phase={local.camera}
        aria-pressed={camOn}
        aria-busy={local.camera === 'starting'}
        disabled={!camOn && (camLocked || !online)}
        title={camLocked && !camOn ? t.cameraLocked : camOn ? t.stopCamera : t.startCamera}
        onClick={() => void ctl.setCamera(!camOn)}
      >
        {camOn ? <IconVideo size={20} /> : <IconVideoOff size={20} />}
        <span class="btn-text">{t.camera}</span>
      </button>
      {showScreen && (
        <button
          type="button"
          class={screenOn ? 'btn round on' : 'btn round'}
          data-testid="screen"
          data-phase={local.screen}
          aria-pressed={screenOn}
          aria-busy={local.screen === 'starting'}
          disabled={!screenOn && !online}
          title={screenOn ? t.stopShare : t.shareScreen}
          onClick={() => void ctl.setScreenShare(!screenOn)}
        >
          <IconScreen size={20} />
          <span class="btn-text">{t.shareScreen}</span>
        </button>
      )}
      {choosing && (
        <AudioDialog
          micLocked={locked && s.lock.disableMic}
          onClose={() => setChoosing(false)}
          onChoose={(mode) => {
            setChoosing(false);
            void ctl.setAudio(mode);
            focusSoon(mode === 'mic' ? 'mute' : 'audio-leave');
          }}
        />
      )}
    </>
  );
}
