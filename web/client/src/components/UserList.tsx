import type { JSX } from 'preact';
import type { User } from '../protocol';
import { isLockedViewer, isModerator, type AppState } from '../state';
import { t } from '../i18n';
import { useCtx } from '../context';
import { Avatar } from './Avatar';
import { IconHand, IconHandDown, IconHeadphones, IconMic, IconMicOff, IconPresenter, IconScreen, IconUserMinus, IconVideo } from './Icons';
import { useUi } from './ui';
import { UsersMenu } from './UsersMenu';

interface Props {
  s: AppState;
  users: User[];
}

export function UserList({ s, users }: Props) {
  const hidden = isLockedViewer(s) && s.lock.hideUserList;
  const mod = isModerator(s.you);
  const media = s.media.enabled;
  return (
    <section class="panel users-panel" aria-labelledby="users-heading">
      <div class="panel-head">
        <h2 id="users-heading">
          {t.participants} <span class="muted">({users.length})</span>
        </h2>
        {mod && media && <UsersMenu mutedAll={!!s.media.mutedAll} />}
      </div>
      {hidden && (
        <p class="panel-note" data-testid="user-list-hidden">
          {t.userListHidden}
        </p>
      )}
      <ul class="user-list" data-testid="user-list" aria-labelledby="users-heading">
        {users.map((u) => (
          <UserItem key={u.userId} user={u} self={u.userId === s.you?.userId} canModerate={mod} media={media} />
        ))}
      </ul>
    </section>
  );
}

interface ItemProps {
  user: User;
  self: boolean;
  canModerate: boolean;
  /** the node offers media: show audio state and the mute action */
  media: boolean;
}

function UserItem({ user: u, self, canModerate, media }: ItemProps) {
  const { send } = useCtx();
  const ui = useUi();
  const isMod = u.role === 'MODERATOR';
  const audio = u.media?.audio ?? 'none';
  const muted = !!u.media?.muted;
  return (
    <li
      class={self ? 'user-item self' : 'user-item'}
      data-testid="user-item"
      data-user-id={u.userId}
      data-name={u.name}
      data-role={u.role}
      data-presenter={String(u.presenter)}
      data-raised-hand={String(u.raisedHand)}
      data-audio={audio}
      data-muted={String(muted)}
      data-talking={String(!!u.media?.talking)}
    >
      <Avatar user={u} talking={u.media?.talking} />
      <div class="user-main">
        <div class="user-name">
          <span class="name-text" title={u.name}>
            {u.name}
          </span>
          {self && <span class="you-tag"> {t.you}</span>}
        </div>
        {(isMod || u.guest) && (
          <div class="user-badges">
            {isMod && <span class="badge badge-mod">{t.roleModerator}</span>}
            {u.guest && (
              <span class="badge badge-guest" data-testid="guest-marker">
                {t.guest}
              </span>
            )}
          </div>
        )}
      </div>
      <div class="user-status">
        {media && <MediaStatus user={u} />}
        {u.presenter && (
          <span class="status-icon presenter" role="img" aria-label={t.presenter} title={t.presenter} data-testid="presenter-icon">
            <IconPresenter size={18} />
          </span>
        )}
        {u.raisedHand && (
          <span class="status-icon hand" role="img" aria-label={t.handRaised} title={t.handRaised} data-testid="hand-icon">
            <IconHand size={18} />
          </span>
        )}
      </div>
      {canModerate && (
        <div class="user-actions" role="group" aria-label={u.name}>
          {!u.presenter && (
            <button
              type="button"
              class="btn-icon ghost"
              data-testid="make-presenter"
              aria-label={t.makePresenter(u.name)}
              title={t.makePresenter(u.name)}
              onClick={() => send({ type: 'presenterSet', userId: u.userId })}
            >
              <IconPresenter size={18} />
            </button>
          )}
          {media && !self && audio === 'mic' && !muted && (
            <button
              type="button"
              class="btn-icon ghost"
              data-testid="mute-user"
              aria-label={t.muteUser(u.name)}
              title={t.muteUser(u.name)}
              onClick={() => send({ type: 'mediaMute', muted: true, userId: u.userId })}
            >
              <IconMicOff size={18} />
            </button>
          )}
          {u.raisedHand && (
            <button
              type="button"
              class="btn-icon ghost"
              data-testid="lower-hand"
              aria-label={t.lowerHandOf(u.name)}
              title={t.lowerHandOf(u.name)}
              onClick={() =>
                send(self ? { type: 'handSet', raised: false } : { type: 'handSet', raised: false, userId: u.userId })
              }
            >
              <IconHandDown size={18} />
            </button>
          )}
          {!self && (
            <button
              type="button"
              class="btn-icon ghost danger-text"
              data-testid="remove-user"
              aria-label={t.removeUser(u.name)}
              title={t.removeUser(u.name)}
              onClick={() =>
                ui.confirm({
                  title: t.removeConfirmTitle(u.name),
                  body: t.removeConfirmBody,
                  confirmLabel: t.remove,
                  danger: true,
                  onConfirm: () => send({ type: 'userRemove', userId: u.userId }),
                })
              }
            >
              <IconUserMinus size={18} />
            </button>
          )}
        </div>
      )}
    </li>
  );
}

/** Audio (listen only, muted, microphone), camera and screen, as small labelled icons. */
function MediaStatus({ user: u }: { user: User }) {
  const m = u.media;
  if (!m) return null;
  const icon = (label: string, testId: string, cls: string, el: JSX.Element) => (
    <span class={`status-icon ${cls}`} role="img" aria-label={label} title={label} data-testid={testId}>
      {el}
    </span>
  );
  return (
    <>
      {m.screen && icon(t.sharingScreen, 'screen-icon', 'screen', <IconScreen size={18} />)}
      {m.video && icon(t.cameraOn, 'camera-icon', 'camera', <IconVideo size={18} />)}
      {m.audio === 'listen' && icon(t.listeningOnly, 'listen-icon', 'listen', <IconHeadphones size={18} />)}
      {m.audio === 'mic' && m.muted && icon(t.micMuted, 'muted-icon', 'mic-muted', <IconMicOff size={18} />)}
      {m.audio === 'mic' && !m.muted && icon(t.micOn, 'mic-icon', m.talking ? 'mic talking' : 'mic', <IconMic size={18} />)}
    </>
  );
}
