// One page of a document, as large as its box allows: PDFs painted by pdf.js into a
// canvas sized for the box and the screen's pixel density, images as they are.

import { useEffect, useRef, useState } from 'preact/hooks';
import type { PDFDocumentProxy } from 'pdfjs-dist';
import type { PresentationDoc } from '../protocol';
import { t } from '../i18n';
import { Cancelled, openPdf, renderPage, type Box } from '../presentation/pdf';

export interface SlideProps {
  doc: PresentationDoc;
  page: number;
  /** the accessible text of the painted page */
  alt: string;
  onPages(n: number): void;
  onRendered(page: number): void;
}

export function Slide(p: SlideProps) {
  return p.doc.kind === 'pdf' ? <PdfSlide {...p} /> : <ImageSlide {...p} />;
}

function ImageSlide({ doc, alt, onPages, onRendered }: SlideProps) {
  const [failed, setFailed] = useState(false);
  useEffect(() => onPages(1), [doc.id]);
  return (
    <div class="slide-surface">
      {failed ? (
        <SlideError />
      ) : (
        <img class="slide-img" src={doc.url} alt={alt} onLoad={() => onRendered(1)} onError={() => setFailed(true)} />
      )}
    </div>
  );
}

function PdfSlide({ doc, page, alt, onPages, onRendered }: SlideProps) {
  const surface = useRef<HTMLDivElement>(null);
  const holder = useRef<HTMLDivElement>(null);
  const box = useBox(surface);
  const [pdf, setPdf] = useState<PDFDocumentProxy | null>(null);
  const [failed, setFailed] = useState(false);
  const [painted, setPainted] = useState(false);

  useEffect(() => {
    setPdf(null);
    setFailed(false);
    const open = openPdf(doc.url);
    open.promise.then(
      (d) => {
        setPdf(d);
        onPages(d.numPages);
      },
      (e) => {
        if (!(e instanceof Cancelled)) setFailed(true);
      },
    );
    return () => open.cancel();
  }, [doc.url]);

  useEffect(() => {
    if (!pdf || !box || page < 1 || page > pdf.numPages) return undefined;
    const job = renderPage(pdf, page, box);
    job.promise.then(
      (canvas) => {
        canvas.setAttribute('role', 'img');
        canvas.setAttribute('aria-label', alt);
        canvas.className = 'slide-canvas';
        canvas.dataset.page = String(page);
        holder.current?.replaceChildren(canvas);
        setPainted(true);
        setFailed(false);
        onRendered(page);
      },
      (e) => {
        if (!(e instanceof Cancelled)) setFailed(true);
      },
    );
    // A newer page or size supersedes this render: stop painting what nobody will see.
    return () => job.cancel();
  }, [pdf, page, box?.width, box?.height, box?.dpr]);

  // The alt text follows the page count once it is known, without repainting.
  useEffect(() => {
    holder.current?.querySelector('canvas')?.setAttribute('aria-label', alt);
  }, [alt]);

  return (
    <div class="slide-surface" ref={surface}>
      <div class="slide-holder" ref={holder} />
      {failed ? <SlideError /> : !painted && <p class="slide-loading">{t.slideLoading}</p>}
    </div>
  );
}

function SlideError() {
  return (
    <p class="slide-error" role="alert">
      {t.slideError}
    </p>
  );
}

/** The element's content size in CSS pixels and the screen's density; null until laid out. */
function useBox(ref: { current: HTMLElement | null }): Box | null {
  const [box, setBox] = useState<Box | null>(null);
  useEffect(() => {
    const el = ref.current;
    if (!el) return undefined;
    const measure = () => {
      const width = Math.floor(el.clientWidth);
      const height = Math.floor(el.clientHeight);
      const dpr = window.devicePixelRatio || 1;
      if (width < 8 || height < 8) return;
      setBox((b) => (b && b.width === width && b.height === height && b.dpr === dpr ? b : { width, height, dpr }));
    };
    measure();
    const ro = new ResizeObserver(measure);
    ro.observe(el);
    // Zooming or moving to another screen changes the density without always resizing the box.
    window.addEventListener('resize', measure);
    return () => {
      ro.disconnect();
      window.removeEventListener('resize', measure);
    };
  }, []);
  return box;
}
