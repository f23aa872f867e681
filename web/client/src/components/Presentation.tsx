// The shown document's page, large, with the presenter's controls under it.
// Everyone follows the server's `current`/`page`; the presenter's own choice is shown
// at once and sent as `presentationShow`, until the server's state catches up with it.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { Presentation } from '../protocol';
import { t } from '../i18n';
import { useCtx } from '../context';
import { Slide } from './Slide';
import { IconChevronLeft, IconChevronRight, IconDownload } from './Icons';

interface Shown {
  docId: string;
  page: number;
}

/** At most one `presentationShow` per interval (the latest wish), so a held arrow key stays under the server's rate limit. */
const SEND_EVERY_MS = 150;
/** A wish the server has not confirmed by then (refused, or lost) gives way to the server's state. */
const CONFIRM_WITHIN_MS = 5000;

const clampPage = (page: number, pages: number | undefined) => Math.max(1, pages ? Math.min(page, pages) : page);

export function PresentationView({ p, presenter }: { p: Presentation; presenter: boolean }) {
  const { send } = useCtx();
  const [wish, setWish] = useState<Shown | null>(null);
  const [pages, setPages] = useState<Record<string, number>>({});
  const [rendered, setRendered] = useState<Shown | null>(null);
  const [announcement, setAnnouncement] = useState('');
  const pageInput = useRef<HTMLInputElement>(null);
  const outbox = useRef<{ next: Shown | null; timer: ReturnType<typeof setTimeout> | null }>({ next: null, timer: null });

  const server: Shown = { docId: p.current ?? p.docs[0]?.id ?? '', page: p.page };
  const wanted = (presenter && wish) || server;
  const doc = p.docs.find((d) => d.id === wanted.docId) ?? p.docs[0];
  const numPages = doc ? pages[doc.id] : undefined;
  const page = clampPage(wanted.docId === doc?.id ? wanted.page : 1, numPages);
  // Several key presses may arrive before the next render: each one steps from the last.
  const latest = useRef<Shown>({ docId: doc?.id ?? '', page });
  latest.current = { docId: doc?.id ?? '', page };

  useEffect(() => {
    if (wish && wish.docId === p.current && wish.page === p.page) setWish(null);
  }, [p]);
  useEffect(() => {
    if (!wish) return undefined;
    const id = setTimeout(() => setWish(null), CONFIRM_WITHIN_MS);
    return () => clearTimeout(id);
  }, [wish]);
  useEffect(() => {
    if (!presenter) setWish(null);
  }, [presenter]);
  useEffect(() => () => {
    if (outbox.current.timer) clearTimeout(outbox.current.timer);
  }, []);
  useEffect(() => {
    if (pageInput.current && document.activeElement !== pageInput.current) pageInput.current.value = String(page);
  }, [page, doc?.id]);

  // Screen readers hear page changes, not the first page shown.
  const lastSaid = useRef<string | null>(null);
  useEffect(() => {
    if (!doc || !numPages) return;
    const key = `${doc.id}:${page}`;
    const before = lastSaid.current;
    lastSaid.current = key;
    if (before === null || before === key) return;
    const slide = t.slideAnnounce(page, numPages);
    setAnnouncement(before.startsWith(`${doc.id}:`) ? slide : `${doc.name}. ${slide}`);
  }, [doc?.id, page, numPages]);

  if (!doc) return null;

  const flush = () => {
    const o = outbox.current;
    o.timer = null;
    if (!o.next) return;
    send({ type: 'presentationShow', docId: o.next.docId, page: o.next.page });
    o.next = null;
    o.timer = setTimeout(flush, SEND_EVERY_MS);
  };
  const show = (docId: string, to: number) => {
    if (!presenter) return;
    const next = { docId, page: clampPage(Math.round(to), pages[docId]) };
    if (next.docId === latest.current.docId && next.page === latest.current.page) return;
    latest.current = next;
    setWish(next);
    outbox.current.next = next;
    if (!outbox.current.timer) flush();
  };
  const step = (d: number) => show(latest.current.docId, latest.current.page + d);

  const onKeyDown = (e: KeyboardEvent) => {
    if (!presenter || e.altKey || e.ctrlKey || e.metaKey) return;
    const tag = (e.target as HTMLElement | null)?.tagName;
    if (tag === 'INPUT' || tag === 'SELECT' || tag === 'TEXTAREA') return;
    switch (e.key) {
      case 'ArrowLeft':
      case 'ArrowUp':
      case 'PageUp':
        step(-1);
        break;
      case 'ArrowRight':
      case 'ArrowDown':
      case 'PageDown':
        step(1);
        break;
      case 'Home':
        show(doc.id, 1);
        break;
      case 'End':
        if (numPages) show(doc.id, numPages);
        break;
      default:
        return;
    }
    e.preventDefault();
  };

  const onPageInput = (e: Event) => {
    const el = e.currentTarget as HTMLInputElement;
    const v = Number.parseInt(el.value, 10);
    if (Number.isFinite(v)) show(doc.id, v);
    el.value = String(clampPage(Number.isFinite(v) ? v : page, numPages));
  };

  const alt = numPages ? t.slideAlt(doc.name, page, numPages) : doc.name;
  const paintedPage = rendered?.docId === doc.id ? rendered.page : undefined;
  const atFirst = page <= 1;
  const atLast = !numPages || page >= numPages;
  const hintId = 'presentation-keys-hint';

  return (
    <section
      class={`presentation${presenter ? ' is-presenter' : ''}`}
      aria-label={t.presentation}
      data-testid="presentation"
      data-doc-id={doc.id}
      data-page={page}
      data-pages={numPages}
      data-rendered-page={paintedPage}
      tabIndex={presenter ? 0 : undefined}
      aria-describedby={presenter ? hintId : undefined}
      aria-keyshortcuts={presenter ? 'ArrowLeft ArrowRight PageUp PageDown Home End' : undefined}
      onKeyDown={onKeyDown}
    >
      <Slide
        key={doc.id}
        doc={doc}
        page={page}
        alt={alt}
        onPages={(n) => setPages((ps) => (ps[doc.id] === n ? ps : { ...ps, [doc.id]: n }))}
        onRendered={(n) => setRendered({ docId: doc.id, page: n })}
      />
      <div class="slide-bar">
        {presenter ? (
          <div class="slide-nav" role="group" aria-label={t.presentationControls}>
            <button
              type="button"
              class="btn-icon slide-btn"
              aria-label={t.prevPage}
              title={t.prevPage}
              aria-disabled={atFirst ? 'true' : undefined}
              data-testid="presentation-prev"
              onClick={() => step(-1)}
            >
              <IconChevronLeft size={20} />
            </button>
            <label class="page-field">
              <span>{t.pageWord}</span>
              <input
                ref={pageInput}
                type="number"
                inputMode="numeric"
                min={1}
                max={numPages}
                defaultValue={String(page)}
                data-testid="presentation-page-input"
                onChange={onPageInput}
              />
            </label>
            <span class="page-of">{numPages ? t.ofPages(numPages) : ''}</span>
            <button
              type="button"
              class="btn-icon slide-btn"
              aria-label={t.nextPage}
              title={t.nextPage}
              aria-disabled={atLast ? 'true' : undefined}
              data-testid="presentation-next"
              onClick={() => step(1)}
            >
              <IconChevronRight size={20} />
            </button>
          </div>
        ) : (
          <span class="page-status" data-testid="presentation-status">
            {numPages ? t.pageStatus(page, numPages) : t.slideLoading}
          </span>
        )}
        {presenter && p.docs.length > 1 ? (
          <select
            class="doc-select"
            aria-label={t.documentChooser}
            value={doc.id}
            data-testid="presentation-doc-select"
            onChange={(e) => show((e.currentTarget as HTMLSelectElement).value, 1)}
          >
            {p.docs.map((d) => (
              <option key={d.id} value={d.id}>
                {d.name}
              </option>
            ))}
          </select>
        ) : (
          <span class="doc-name" title={doc.name}>
            {doc.name}
          </span>
        )}
        {doc.downloadable && (
          <a
            class="btn small secondary slide-download"
            href={doc.url}
            download={doc.name}
            aria-label={t.downloadDoc(doc.name)}
            data-testid="presentation-download"
          >
            <IconDownload size={16} />
            <span>{t.download}</span>
          </a>
        )}
      </div>
      {presenter && (
        <p id={hintId} class="sr-only">
          {t.presentationKeysHint}
        </p>
      )}
      <div class="sr-only" aria-live="polite" aria-atomic="true" data-testid="presentation-live">
        {announcement}
      </div>
    </section>
  );
}
