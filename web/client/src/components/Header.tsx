import type { AppState } from '../state';
import { isModerator } from '../state';
import { t } from '../i18n';
import { IconLeave, IconLock, IconPower, IconUsers, Logo } from './Icons';

interface Props {
  s: AppState;
  participantCount: number;
  narrow: boolean;
  participantsOpen: boolean;
  onToggleParticipants(): void;
  onLeave(): void;
  onEndMeeting(): void;
  onLockSettings(): void;
  onToggleRecording(): void;
  waitingGuests: number;
}

export function Header(p: Props) {
  const { s } = p;
  const mod = isModerator(s.you);
  const roleLabel = mod ? t.roleModerator : t.roleViewer;
  return (
    <header class="topbar">
      <div class="topbar-left">
        <Logo />
        <div class="meeting-title">
          <h1 title={s.meeting?.name}>{s.meeting?.name}</h1>
          <div class="meeting-sub">
            {s.conn.status === 'open' && (
              <span class="conn-ok" data-testid="status" data-state="connected">
                <span class="dot" aria-hidden="true" />
                {t.connected}
              </span>
            )}
            <span
              class={mod ? 'role-badge mod' : 'role-badge'}
              data-testid="you-role"
              data-role={s.you?.role}
              title={t.youAre(roleLabel)}
            >
              {roleLabel}
            </span>
          </div>
        </div>
        {s.meeting?.recording && (
          <span class="rec-pill" title={t.recordingHint} role="img" aria-label={t.recordingHint}>
            <span class="rec-dot" aria-hidden="true" />
            <span class="rec-text" aria-hidden="true">
              {t.recording}
            </span>
          </span>
        )}
      </div>
      <nav class="topbar-actions" aria-label={t.appName}>
        {p.narrow && (
          <button
            type="button"
            class="btn secondary btn-count"
            aria-expanded={p.participantsOpen}
            aria-controls="participants-panel"
            aria-label={`${t.participantsToggle} (${p.participantCount})`}
            data-testid="participants-toggle"
            onClick={p.onToggleParticipants}
          >
            <IconUsers size={18} />
            <span class="count">{p.participantCount}</span>
            {p.waitingGuests > 0 && <span class="notify-dot" aria-hidden="true" />}
          </button>
        )}
        {mod && s.meeting?.canRecord && (
          <button
            type="button"
            class="btn secondary"
            data-testid="record-toggle"
            aria-pressed={s.meeting.recording}
            aria-label={s.meeting.recording ? t.recordPause : t.recordStart}
            title={s.meeting.recording ? t.recordPause : t.recordStart}
            onClick={p.onToggleRecording}
          >
            <span class={s.meeting.recording ? 'rec-dot' : 'rec-dot idle'} aria-hidden="true" />
            <span class="btn-label">{s.meeting.recording ? t.recordPause : t.recordStart}</span>
          </button>
        )}
        {mod && (
          <button
            type="button"
            class="btn secondary"
            data-testid="lock-open"
            aria-label={t.lockSettings}
            title={t.lockSettings}
            onClick={p.onLockSettings}
          >
            <IconLock size={18} />
            <span class="btn-label">{t.lockSettings}</span>
          </button>
        )}
        {mod && (
          <button
            type="button"
            class="btn danger-outline"
            data-testid="end-meeting"
            aria-label={t.endMeeting}
            title={t.endMeeting}
            onClick={p.onEndMeeting}
          >
            <IconPower size={18} />
            <span class="btn-label">{t.endMeeting}</span>
          </button>
        )}
        <button
          type="button"
          class="btn danger"
          data-testid="leave"
          aria-label={t.leaveHint}
          title={t.leaveHint}
          onClick={p.onLeave}
        >
          <IconLeave size={18} />
          <span class="btn-label">{t.leave}</span>
        </button>
      </nav>
    </header>
  );
}

/** #rgb / #rrggbb only; anything else falls back to the default banner colour. */
export function safeColor(c: string | undefined): string | null {
  if (!c) return null;
  const v = c.trim();
  return /^#([0-9a-f]{3}|[0-9a-f]{6})$/i.test(v) ? v : null;
}

/** Dark or light text for a background colour (WCAG relative luminance). */
export function textOn(bg: string): string {
  let hex = bg.slice(1);
  if (hex.length === 3) hex = [...hex].map((c) => c + c).join('');
  const ch = [0, 2, 4].map((i) => {
    const v = parseInt(hex.slice(i, i + 2), 16) / 255;
    return v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4;
  });
  const L = 0.2126 * ch[0] + 0.7152 * ch[1] + 0.0722 * ch[2];
  return L > 0.179 ? '#111827' : '#ffffff';
}

export function Banner({ text, color }: { text: string; color: string }) {
  if (!text) return null;
  const bg = safeColor(color) ?? '#1f4fd1';
  return (
    <div class="banner" style={{ backgroundColor: bg, color: textOn(bg) }} data-testid="banner">
      {text}
    </div>
  );
}
