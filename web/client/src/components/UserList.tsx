import type { User } from '../protocol';
import { isLockedViewer, isModerator, type AppState } from '../state';
import { t } from '../i18n';
import { useCtx } from '../context';
import { Avatar } from './Avatar';
import { IconHand, IconHandDown, IconPresenter, IconUserMinus } from './Icons';
import { useUi } from './ui';

interface Props {
  s: AppState;
  users: User[];
}

export function UserList({ s, users }: Props) {
  const hidden = isLockedViewer(s) && s.lock.hideUserList;
  const mod = isModerator(s.you);
  return (
    <section class="panel users-panel" aria-labelledby="users-heading">
      <div class="panel-head">
        <h2 id="users-heading">
          {t.participants} <span class="muted">({users.length})</span>
        </h2>
      </div>
      {hidden && (
        <p class="panel-note" data-testid="user-list-hidden">
          {t.userListHidden}
        </p>
      )}
      <ul class="user-list" data-testid="user-list" aria-labelledby="users-heading">
        {users.map((u) => (
          <UserItem key={u.userId} user={u} self={u.userId === s.you?.userId} canModerate={mod} />
        ))}
      </ul>
    </section>
  );
}

function UserItem({ user: u, self, canModerate }: { user: User; self: boolean; canModerate: boolean }) {
  const { send } = useCtx();
  const ui = useUi();
  const isMod = u.role === 'MODERATOR';
  return (
    <li
      class={self ? 'user-item self' : 'user-item'}
      data-testid="user-item"
      data-user-id={u.userId}
      data-name={u.name}
      data-role={u.role}
      data-presenter={String(u.presenter)}
      data-raised-hand={String(u.raisedHand)}
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
