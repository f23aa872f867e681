// PDF documents through pdf.js. The library is loaded on first use only, so meetings
// without a PDF never download it; its worker is a bundled asset on our own origin.

import type { PDFDocumentProxy, PDFPageProxy, RenderTask } from 'pdfjs-dist';
import workerUrl from 'pdfjs-dist/build/pdf.worker.min.mjs?url';

type PdfJs = typeof import('pdfjs-dist');

let lib: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  lib ??= import('pdfjs-dist').then((m) => {
    m.GlobalWorkerOptions.workerSrc = workerUrl;
    return m;
  });
  return lib;
}

export class Cancelled extends Error {
  constructor() {
    super('cancelled');
  }
}

export interface Pending<T> {
  promise: Promise<T>;
  cancel(): void;
}

/** Opens the document at `url`; cancel() also frees it once loaded. */
export function openPdf(url: string): Pending<PDFDocumentProxy> {
  let cancelled = false;
  let destroy: (() => Promise<void>) | null = null;
  const promise = pdfjs().then((m) => {
    if (cancelled) throw new Cancelled();
    const task = m.getDocument({
      url,
      // The page's CSP allows neither eval nor WebAssembly compilation; asking pdf.js
      // not to try keeps the console free of violations (JPEG 2000 images need wasm).
      isEvalSupported: false,
      useWasm: false,
    });
    destroy = () => task.destroy();
    return task.promise;
  });
  return {
    promise,
    cancel() {
      cancelled = true;
      void destroy?.().catch(() => undefined);
    },
  };
}

// Browsers refuse canvases much beyond this many pixels; a 4K screen at 2x stays under it.
const MAX_PIXELS = 24_000_000;

export interface Box {
  width: number;
  height: number;
  dpr: number;
}

/**
 * Paints one page into a new canvas that fits `box` (CSS pixels), at the screen's pixel
 * density. A fresh canvas per render lets the old one stay on screen until this one is
 * done, and no two renders ever share a canvas.
 */
export function renderPage(doc: PDFDocumentProxy, pageNo: number, box: Box): Pending<HTMLCanvasElement> {
  let cancelled = false;
  let task: RenderTask | null = null;
  const promise = doc.getPage(pageNo).then(async (p: PDFPageProxy) => {
    if (cancelled) throw new Cancelled();
    const base = p.getViewport({ scale: 1 });
    const fit = Math.min(box.width / base.width, box.height / base.height);
    const cssW = Math.max(1, Math.floor(base.width * fit));
    const cssH = Math.max(1, Math.floor(base.height * fit));
    let density = box.dpr;
    if (cssW * cssH * density * density > MAX_PIXELS) density = Math.sqrt(MAX_PIXELS / (cssW * cssH));
    const viewport = p.getViewport({ scale: fit * density });
    const canvas = document.createElement('canvas');
    canvas.width = Math.max(1, Math.floor(viewport.width));
    canvas.height = Math.max(1, Math.floor(viewport.height));
    canvas.style.width = `${cssW}px`;
    canvas.style.height = `${cssH}px`;
    task = p.render({ canvas, viewport });
    try {
      await task.promise;
    } catch (e) {
      throw cancelled ? new Cancelled() : e;
    }
    if (cancelled) throw new Cancelled();
    return canvas;
  });
  return {
    promise,
    cancel() {
      cancelled = true;
      task?.cancel();
    },
  };
}
