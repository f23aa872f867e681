import { useEffect, useLayoutEffect, useRef, useState } from 'preact/hooks';
import { CHAT_MAX, type ChatMessage } from '../protocol';
import { publicChatLocked, type AppState } from '../state';
import { lang, t } from '../i18n';
import { useCtx } from '../context';
import { renderWelcome } from '../sanitize';
import { IconChevronDown, IconLock, IconSend, IconWifiOff } from './Icons';
import { avatarColor } from './Avatar';

const timeFmt = new Intl.DateTimeFormat(lang, { hour: '2-digit', minute: '2-digit' });
const fullFmt = new Intl.DateTimeFormat(lang, { dateStyle: 'medium', timeStyle: 'medium' });
/** Consecutive messages from one sender within this window share a header. */
const GROUP_MS = 3 * 60 * 1000;

/** Length as the user sees it (code points), for the counter. */
export const charCount = (s: string): number => Array.from(s).length;

export function Chat({ s }: { s: AppState }) {
  const listRef = useRef<HTMLDivElement>(null);
  const stick = useRef(true);
  const [unseen, setUnseen] = useState(false);
  const lastCount = useRef(0);

  // Follow new messages while the reader is at the bottom; otherwise offer a jump button.
  useLayoutEffect(() => {
    const el = listRef.current;
    if (!el) return;
    const grew = s.chat.length !== lastCount.current;
    lastCount.current = s.chat.length;
    if (stick.current) {
      el.scrollTop = el.scrollHeight;
    } else if (grew) {
      setUnseen(true);
    }
  }, [s.chat, s.epoch]);

  // Keep the newest message in view when the list box shrinks (composer note, keyboard, resize).
  useEffect(() => {
    const el = listRef.current;
    if (!el || typeof ResizeObserver === 'undefined') return undefined;
    const ro = new ResizeObserver(() => {
      if (stick.current) el.scrollTop = el.scrollHeight;
    });
    ro.observe(el);
    return () => ro.disconnect();
  }, []);

  const onScroll = () => {
    const el = listRef.current;
    if (!el) return;
    stick.current = el.scrollHeight - el.scrollTop - el.clientHeight < 48;
    if (stick.current) setUnseen(false);
  };

  const jump = () => {
    const el = listRef.current;
    if (!el) return;
    el.scrollTop = el.scrollHeight;
    stick.current = true;
    setUnseen(false);
  };

  const youId = s.you?.userId;
  return (
    <section class="panel chat-panel" aria-labelledby="chat-heading">
      <div class="panel-head">
        <h2 id="chat-heading">{t.chat}</h2>
      </div>
      <div class="chat-scroll" ref={listRef} onScroll={onScroll} tabIndex={0} role="region" aria-labelledby="chat-heading">
        {s.meeting?.welcome && (
          <div class="chat-welcome" data-testid="chat-welcome">
            <div class="welcome-title">{t.welcomeFrom}</div>
            <div class="welcome-body">{renderWelcome(s.meeting.welcome)}</div>
          </div>
        )}
        {s.chat.length === 0 && <p class="chat-empty">{t.chatEmpty}</p>}
        <ol class="chat-list" data-testid="chat-list">
          {s.chat.map((m, i) => (
            <Message key={m.id} m={m} prev={s.chat[i - 1]} mine={!!youId && m.userId === youId} />
          ))}
        </ol>
      </div>
      {unseen && (
        <button type="button" class="jump-new" onClick={jump}>
          {t.newMessages}
          <IconChevronDown size={16} />
        </button>
      )}
      <Composer s={s} onSent={jump} />
    </section>
  );
}

function Message({ m, prev, mine }: { m: ChatMessage; prev?: ChatMessage; mine: boolean }) {
  const cont = !!prev && prev.userId === m.userId && prev.name === m.name && m.ts - prev.ts < GROUP_MS;
  const system = m.userId === '';
  const when = new Date(m.ts);
  const cls = `chat-message${cont ? ' cont' : ''}${mine ? ' mine' : ''}${system ? ' system' : ''}`;
  return (
    <li class={cls} data-testid="chat-message" data-user-id={m.userId} data-id={m.id}>
      <div class={cont ? 'msg-head sr-only' : 'msg-head'}>
        <span class="msg-name" style={system ? undefined : { color: avatarColor(m.userId || m.name) }}>
          {m.name || t.systemSender}
        </span>
        <time class="msg-time" dateTime={when.toISOString()} title={fullFmt.format(when)}>
          {timeFmt.format(when)}
        </time>
      </div>
      {/* Text node only: chat is never rendered as HTML. */}
      <div class="msg-text">{m.text}</div>
    </li>
  );
}

function Composer({ s, onSent }: { s: AppState; onSent(): void }) {
  const { send } = useCtx();
  const [text, setText] = useState('');
  const ref = useRef<HTMLTextAreaElement>(null);
  const locked = publicChatLocked(s);
  const offline = s.conn.status !== 'open';
  const count = charCount(text);
  const trimmed = text.trim();
  const canSend = !locked && !offline && trimmed.length > 0 && charCount(trimmed) <= CHAT_MAX;

  // Grow with the content, up to a few lines.
  useEffect(() => {
    const el = ref.current;
    if (!el) return;
    el.style.height = 'auto';
    el.style.height = `${Math.min(el.scrollHeight, 132)}px`;
  }, [text]);

  const submit = () => {
    if (!canSend) return;
    if (send({ type: 'chatSend', text: trimmed })) {
      setText('');
      onSent();
    }
  };

  const note = locked ? t.chatLocked : offline ? t.chatOffline : null;
  return (
    <form
      class="composer"
      onSubmit={(e) => {
        e.preventDefault();
        submit();
      }}
    >
      {note && (
        <p class="composer-note" id="chat-note" data-testid={locked ? 'chat-locked' : 'chat-offline'}>
          {locked ? <IconLock size={16} /> : <IconWifiOff size={16} />}
          <span>{note}</span>
        </p>
      )}
      <div class={`composer-box${locked ? ' disabled' : ''}`}>
        <label class="sr-only" for="chat-input">
          {t.chatLabel}
        </label>
        <textarea
          id="chat-input"
          ref={ref}
          rows={1}
          maxLength={CHAT_MAX}
          value={text}
          disabled={locked}
          placeholder={locked ? '' : t.chatPlaceholder}
          aria-describedby={note ? 'chat-note chat-counter' : 'chat-counter'}
          data-testid="chat-input"
          onInput={(e) => setText((e.currentTarget as HTMLTextAreaElement).value)}
          onKeyDown={(e) => {
            if (e.key === 'Enter' && !e.shiftKey && !e.isComposing) {
              e.preventDefault();
              submit();
            }
          }}
        />
        <button type="submit" class="btn-icon send" disabled={!canSend} aria-label={t.send} title={t.send} data-testid="chat-send">
          <IconSend size={18} />
        </button>
      </div>
      <div class="composer-meta">
        <span
          id="chat-counter"
          class={count > CHAT_MAX - 50 ? 'counter warn' : 'counter'}
          data-testid="chat-counter"
          aria-label={t.chatCounter(count, CHAT_MAX)}
        >
          {count}/{CHAT_MAX}
        </span>
      </div>
    </form>
  );
}
