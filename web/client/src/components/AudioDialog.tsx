// "How do you want to join the audio?" — microphone or listen only, as in BigBlueButton.

import { t } from '../i18n';
import { Dialog } from './Dialog';
import { IconHeadphones, IconMic } from './Icons';

interface Props {
  /** the user is a viewer and microphones are locked: they join muted */
  micLocked: boolean;
  onChoose(mode: 'mic' | 'listen'): void;
  onClose(): void;
}

export function AudioDialog({ micLocked, onChoose, onClose }: Props) {
  return (
    <Dialog title={t.joinAudioTitle} onClose={onClose} size="sm" testId="audio-dialog">
      <div class="audio-choices">
        <button type="button" class="audio-choice" data-testid="audio-mic" data-autofocus onClick={() => onChoose('mic')}>
          <IconMic size={28} />
          <span class="audio-choice-text">
            <strong>{t.microphone}</strong>
            <small>{t.microphoneHint}</small>
          </span>
        </button>
        <button type="button" class="audio-choice" data-testid="audio-listen" onClick={() => onChoose('listen')}>
          <IconHeadphones size={28} />
          <span class="audio-choice-text">
            <strong>{t.listenOnly}</strong>
            <small>{t.listenOnlyHint}</small>
          </span>
        </button>
      </div>
      {micLocked && <p class="panel-note">{t.micLockedHint}</p>}
    </Dialog>
  );
}
