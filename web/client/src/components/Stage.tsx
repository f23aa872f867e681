// The stage: one tile per participant (their webcam, else their avatar), presenter first.
// A screen share takes the large area; otherwise the shown presentation page does, and
// the tiles line up beside it (below it on narrow screens).

import { useEffect, useRef } from 'preact/hooks';
import type { User } from '../protocol';
import type { AppState } from '../state';
import { t } from '../i18n';
import type { StageStream } from '../media';
import { Avatar } from './Avatar';
import { IconHand, IconInfo, IconPresenter, IconScreen } from './Icons';
import { PresentationView } from './Presentation';
import { useMedia } from './useMedia';

function gridFor(n: number, wide: boolean): { cols: number; rows: number } {
  if (n <= 1) return { cols: 1, rows: 1 };
  if (!wide) {
    const cols = n <= 2 ? 2 : 3;
    return { cols, rows: Math.ceil(n / cols) };
  }
  const cols = n <= 2 ? 2 : n <= 4 ? 2 : n <= 9 ? 3 : 4;
  return { cols, rows: Math.ceil(n / cols) };
}

export function Stage({ s, users, narrow }: { s: AppState; users: User[]; narrow: boolean }) {
  const { streams, local } = useMedia();
  const byUser = new Map(streams.filter((x) => x.kind === 'camera').map((x) => [x.userId, x]));
  const ordered = [...users].sort((a, b) => Number(b.presenter) - Number(a.presenter));
  // A screen share takes precedence over the presentation while it is on.
  const screen = streams.find((x) => x.kind === 'screen');
  const presenting = !!screen || s.presentation.docs.length > 0;
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
          {screen ? (
            <ScreenView stream={screen} name={s.users.get(screen.userId)?.name ?? ''} />
          ) : (
            <PresentationView p={s.presentation} presenter={!!s.you?.presenter} />
          )}
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
      {local.screen === 'on' && (
        <p class="media-note" role="status" data-testid="sharing-note">
          <IconScreen size={16} />
          <span>{t.youAreSharing}</span>
        </p>
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

function ScreenView({ stream, name }: { stream: StageStream; name: string }) {
  return (
    <div class="screen-view" data-testid="screen-view">
      <Video stream={stream} label={t.screenOf(name)} />
      {name && (
        <div class="tile-label" aria-hidden="true">
          <IconScreen size={14} />
          <span class="tile-name">{t.screenOf(name)}</span>
        </div>
      )}
    </div>
  );
}

function Tile({ user: u, self, stream }: { user: User; self: boolean; stream?: StageStream }) {
  return (
    <div class={`tile${u.presenter ? ' presenter' : ''}${u.media?.talking ? ' talking' : ''}`} data-user-id={u.userId}>
      {stream ? <Video stream={stream} label={t.cameraOf(u.name)} /> : <Avatar user={u} size="lg" />}
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

/**
 * Always muted: sound comes from the meeting's audio mix, and muted video may autoplay
 * without a click. The own camera preview is mirrored, as people expect of a mirror.
 */
function Video({ stream, label }: { stream: StageStream; label: string }) {
  const ref = useRef<HTMLVideoElement>(null);
  useEffect(() => {
    const v = ref.current;
    if (!v) return;
    v.muted = true;
    if (v.srcObject !== stream.stream) v.srcObject = stream.stream;
    v.play().catch(() => {});
  }, [stream.stream]);
  return (
    <video
      ref={ref}
      class={stream.local ? 'mirror' : undefined}
      data-user-id={stream.userId}
      data-source={stream.kind}
      aria-label={label}
      autoPlay
      playsInline
      muted
    />
  );
}
