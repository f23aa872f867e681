// The Presentation part of a room's settings (inside its form, but saved on its own): the current file (name, size) with
// Download and Remove, and a file input that uploads the chosen file at once, with its
// progress. Problems (type, size) are checked before sending and again from the
// server's answer, and shown at the input (announced, and tied to it).

import { useId, useRef, useState } from 'preact/hooks';
import * as api from '../api';
import { ApiError } from '../api';
import { useApp } from '../context';
import { formatDateTime, useErrorText } from '../components/ui';
import { PRESENTATION_ACCEPT, PRESENTATION_MAX_BYTES, type Room, type RoomPresentation } from '../types';
import { formatSize, presentationProblem } from '../validate';

export function PresentationSection({ room, onChange }: { room: Room; onChange: (p: RoomPresentation | null) => void }) {
  const { t, lang, announce } = useApp();
  const errText = useErrorText();
  const current = room.presentation;
  const [error, setErrorText] = useState<string | null>(null);
  // Bumped with each error, so that the same message again is a new node (and read again).
  const [errorSeq, setErrorSeq] = useState(0);
  const setError = (text: string | null) => {
    setErrorText(text);
    if (text) setErrorSeq((n) => n + 1);
  };
  const [busy, setBusy] = useState<'upload' | 'remove' | null>(null);
  const [progress, setProgress] = useState<{ name: string; fraction: number } | null>(null);
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const hintId = `${id}-hint`;
  const errId = `${id}-err`;
  const progressId = `${id}-progress`;
  const max = formatSize(PRESENTATION_MAX_BYTES, lang);

  const problemText = (problem: 'tooLarge' | 'unsupportedType' | 'empty', file: File) =>
    problem === 'tooLarge'
      ? t('presTooLarge', { file: file.name, size: formatSize(file.size, lang), max })
      : problem === 'empty'
        ? t('presEmpty', { file: file.name })
        : t('presUnsupported', { file: file.name });

  const onChoose = async (input: HTMLInputElement) => {
    const file = input.files?.[0];
    if (!file || busy) return;
    setError(null);
    const problem = presentationProblem(file);
    if (problem) {
      setError(problemText(problem, file));
      input.value = '';
      return;
    }
    setBusy('upload');
    setProgress({ name: file.name, fraction: 0 });
    try {
      const res = await api.uploadPresentation(room.friendlyId, file, file.name, (fraction) => setProgress({ name: file.name, fraction }));
      onChange(res.presentation);
      announce(t('presUploaded', { name: res.presentation.name }));
    } catch (err) {
      if (err instanceof ApiError && (err.code === 'tooLarge' || err.status === 413)) setError(problemText('tooLarge', file));
      else if (err instanceof ApiError && (err.code === 'unsupportedType' || err.status === 415)) setError(problemText('unsupportedType', file));
      else if (err instanceof ApiError && err.field === 'name') setError(t('presBadName'));
      else setError(errText(err));
    } finally {
      input.value = '';
      setBusy(null);
      setProgress(null);
    }
  };

  const onRemove = async () => {
    setBusy('remove');
    setError(null);
    try {
      await api.deletePresentation(room.friendlyId);
    } catch (err) {
      if (!(err instanceof ApiError && err.status === 404)) {
        setError(errText(err));
        setBusy(null);
        return;
      }
    }
    onChange(null);
    setBusy(null);
    announce(t('presRemoved'));
    // The buttons are gone: continue at the file input.
    window.setTimeout(() => inputRef.current?.focus(), 0);
  };

  return (
    <fieldset class="fieldset presentation-section" aria-busy={busy !== null} data-testid="presentation-section">
      <legend>{t('presHeading')}</legend>
      <p class="muted">{t('presIntro')}</p>
      {current ? (
        <div class="field-row presentation-current">
          <p data-testid="presentation-current">
            {t('presCurrent', { name: current.name, size: formatSize(current.size, lang), when: formatDateTime(lang, current.uploadedAt) })}
          </p>
          <a class="btn" href={api.presentationUrl(room.friendlyId)} download={current.name} aria-label={t('presDownloadLabel', { name: current.name })} data-testid="presentation-download">
            {t('presDownload')}
          </a>
          <button
            type="button"
            class="btn btn-danger-text"
            onClick={() => void onRemove()}
            disabled={busy !== null}
            aria-label={t('presRemoveLabel', { name: current.name })}
            data-testid="presentation-remove"
          >
            {busy === 'remove' ? t('presRemoving') : t('presRemove')}
          </button>
        </div>
      ) : (
        <p class="muted" data-testid="presentation-none">
          {t('presNone')}
        </p>
      )}
      <div class={error ? 'field field-invalid' : 'field'}>
        <label for={id}>{current ? t('presInputReplace') : t('presInput')}</label>
        <input
          id={id}
          ref={inputRef}
          type="file"
          accept={PRESENTATION_ACCEPT}
          disabled={busy !== null}
          onChange={(e) => void onChoose(e.currentTarget as HTMLInputElement)}
          aria-describedby={error ? `${hintId} ${errId}` : hintId}
          aria-invalid={error ? 'true' : undefined}
          data-testid="presentation-input"
        />
        <p class="hint" id={hintId}>
          {t('presHint', { max })}
        </p>
        {/* A live region from the start: the error is read out when it appears, while the focus stays on the input. */}
        <div id={errId} role="alert">
          {error && (
            <p class="field-error" key={errorSeq} data-testid="presentation-error">
              {error}
            </p>
          )}
        </div>
      </div>
      {progress && (
        <div class="presentation-progress" data-testid="presentation-progress">
          <p id={progressId} role="status">
            {t('presUploading', { name: progress.name, percent: String(Math.round(progress.fraction * 100)) })}
          </p>
          <progress max={1} value={progress.fraction} aria-labelledby={progressId} />
        </div>
      )}
    </fieldset>
  );
}
