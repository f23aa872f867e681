import type { Guest } from '../protocol';
import { t } from '../i18n';
import { useCtx, useTick } from '../context';
import { IconCheck, IconClock, IconX } from './Icons';
import { useUi } from './ui';

export function GuestPanel({ guests }: { guests: Guest[] }) {
  const { send } = useCtx();
  const ui = useUi();
  useTick(30000);
  if (guests.length === 0) return null;

  const decideAll = (allow: boolean) => {
    // Session.send paces these under the server's rate limit.
    for (const g of guests) send({ type: 'guestDecide', userId: g.userId, allow });
  };

  return (
    <section class="panel guests-panel" aria-labelledby="guests-heading" data-testid="guest-panel">
      <div class="panel-head">
        <h2 id="guests-heading">
          <span class="pulse" aria-hidden="true" />
          {t.waitingGuests} <span class="muted">({guests.length})</span>
        </h2>
      </div>
      <ul class="guest-list">
        {guests.map((g) => {
          const min = Math.max(0, Math.floor((Date.now() - g.since) / 60000));
          return (
            <li class="guest-item" key={g.userId} data-testid="guest-item" data-user-id={g.userId} data-name={g.name}>
              <div class="guest-main">
                <span class="name-text" title={g.name}>
                  {g.name}
                </span>
                <span class="guest-since">
                  <IconClock size={12} />
                  {t.waitingSince(min)}
                </span>
              </div>
              <div class="guest-actions">
                <button
                  type="button"
                  class="btn small primary"
                  data-testid="guest-admit"
                  aria-label={t.admitName(g.name)}
                  onClick={() => send({ type: 'guestDecide', userId: g.userId, allow: true })}
                >
                  <IconCheck size={16} />
                  <span>{t.admit}</span>
                </button>
                <button
                  type="button"
                  class="btn small secondary"
                  data-testid="guest-deny"
                  aria-label={t.denyName(g.name)}
                  onClick={() => send({ type: 'guestDecide', userId: g.userId, allow: false })}
                >
                  <IconX size={16} />
                  <span>{t.deny}</span>
                </button>
              </div>
            </li>
          );
        })}
      </ul>
      {guests.length > 1 && (
        <div class="guest-all">
          <button type="button" class="btn small primary-soft" data-testid="guest-admit-all" onClick={() => decideAll(true)}>
            {t.admitAll}
          </button>
          <button
            type="button"
            class="btn small secondary"
            data-testid="guest-deny-all"
            onClick={() =>
              ui.confirm({
                title: t.denyAllConfirmTitle(guests.length),
                body: t.denyAllConfirmBody,
                confirmLabel: t.denyAll,
                danger: true,
                onConfirm: () => decideAll(false),
              })
            }
          >
            {t.denyAll}
          </button>
        </div>
      )}
    </section>
  );
}
