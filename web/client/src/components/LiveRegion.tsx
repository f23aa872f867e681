// Screen-reader announcements for chat messages, arrivals and departures.

import type { Announcement } from '../state';
import { t } from '../i18n';

function say(a: Announcement): string {
  switch (a.kind) {
    case 'chat':
      return t.announceChat(a.name, a.text);
    case 'joined':
      return t.announceJoined(a.name);
    case 'left':
      return t.announceLeft(a.name);
    case 'guestWaiting':
      return t.announceGuest(a.name);
  }
}

export function LiveRegion({ a }: { a: Announcement | null }) {
  return (
    <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="live-region">
      {a && <span key={a.seq}>{say(a)}</span>}
    </div>
  );
}
