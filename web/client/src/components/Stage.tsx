// The stage: where webcams and screen sharing will appear (src/media/).
// Until then it shows one tile per participant, presenter first; while the meeting
// has documents, the shown page takes the stage and the tiles line up beside it
// (below it on narrow screens).

import { useEffect, useRef, useState } from 'preact/hooks';
import type { User } from '../protocol';
import type { AppState } from '../state';
import { t } from '../i18n';
import { useCtx } from '../context';
import type { StageStream } from '../media';
import { Avatar } from './Avatar';
import { IconHand, IconInfo, IconPresenter } from './Icons';
import { PresentationView } from './Presentation';

function gridFor(n: number, wide: boolean): { cols: number; rows: number } {
  if (n <= 1) return { cols: 1, rows: 1 };
  if (!wide) {
    const cols = n <= 2 ? 2 : 3;
    return { cols, rows: Math.ceil(n / cols) };
  }
  const cols = n <= 2 ? 2 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
  return { cols, rows: Math.ceil(n / cols) };
}

function useStreams(): StageStream[] {
  const { media } = useCtx();
  const [streams, set] = useState<StageStream[]>(() => media().streams());
  useEffect(() => media().subscribe(() => set(media().streams())), [media]);
  return streams;
}

export function Stage({ s, users, narrow }: { s: AppState; users: User[]; narrow: boolean }) {
  const streams = useStreams();
  const byUser = new Map(streams.filter((x) => x.kind === 'camera').map((x) => [x.userId, x]));
  const ordered = [...users].sort((a, b) => Number(b.presenter) - Number(a.presenter));
  const presenting = s.presentation.docs.length > 0;
  const max = presenting ? (narrow ? 4 : 6) : narrow ? 6 : 12;
  const shown = ordered.length > max ? ordered.slice(0, max - 1) : ordered;
  const extra = ordered.length - shown.length;
  const { cols, rows } = gridFor(shown.length + (extra > 0 ? 1 : 0), !narrow);

  const tiles = (
    <>
      {shown.map((u) => (
        <Tile key={u.userId} user={u} self={u.userId === s.you?.userId} stream={byUser.get(u.userId)} />
      ))}
      {extra > 0 && (
        <div class="tile tile-more">
          <span>{t.moreParticipants(extra)}</span>
        </div>
      )}
    </>
  );

  return (
    <section class={presenting ? 'stage presenting' : 'stage'} aria-label={t.stage} data-testid="stage">
      {presenting ? (
        <div class="stage-split">
          <PresentationView p={s.presentation} presenter={!!s.you?.presenter} />
          {/* It scrolls when the participants do not fit: focusable, so keyboards can scroll it too. */}
          <div class="tiles tile-strip" role="group" aria-label={t.stageParticipants} tabIndex={0}>
            {tiles}
          </div>
        </div>
      ) : (
        <div
          class="tiles"
          style={{ gridTemplateColumns: `repeat(${cols}, minmax(0, 1fr))`, gridTemplateRows: `repeat(${rows}, minmax(0, 1fr))` }}
        >
          {tiles}
        </div>
      )}
      {!s.media.enabled && (
        <p class="media-note" data-testid="media-note">
          <IconInfo size={16} />
          <span>{t.mediaUnavailable}</span>
        </p>
      )}
    </section>
  );
}

function Tile({ user: u, self, stream }: { user: User; self: boolean; stream?: StageStream }) {
  return (
    <div class={`tile${u.presenter ? ' presenter' : ''}${u.media?.talking ? ' talking' : ''}`} data-user-id={u.userId}>
      {stream ? <Video stream={stream.stream} muted={self} /> : <Avatar user={u} size="lg" />}
      <div class="tile-label">
        {u.presenter && <IconPresenter size={14} />}
        <span class="tile-name">
          {u.name}
          {self ? ` ${t.you}` : ''}
        </span>
      </div>
      {u.raisedHand && (
        <span class="tile-hand" role="img" aria-label={t.handRaised}>
          <IconHand size={18} />
        </span>
      )}
    </div>
  );
}

function Video({ stream, muted }: { stream: MediaStream; muted: boolean }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    if (ref.current) ref.current.srcObject = stream;
  }, [stream]);
  return <video ref={ref} autoPlay playsInline muted={muted} />;
}
