// Client-side checks, mirroring the server's (which stay authoritative).

import { LOGO_MAX_BYTES, LOGO_TYPES, PRESENTATION_MAX_BYTES, SITE_LINK_MAX, type Lang, type LogoType } from './types';

export const MIN_PASSWORD = 8;
export const MAX_NAME = 255;

export type FieldProblem = 'required' | 'invalidEmail' | 'weakPassword' | 'tooLong' | 'mismatch';

export function checkRequired(value: string): FieldProblem | null {
  return value.trim() ? null : 'required';
}

export function checkEmail(value: string): FieldProblem | null {
  const v = value.trim();
  if (!v) return 'required';
  if (v.length > 254) return 'tooLong';
  return /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(v) ? null : 'invalidEmail';
}

export function checkPassword(value: string): FieldProblem | null {
  if (!value) return 'required';
  return [...value].length >= MIN_PASSWORD ? null : 'weakPassword';
}

export function checkName(value: string): FieldProblem | null {
  const v = value.trim();
  if (!v) return 'required';
  return [...v].length > MAX_NAME ? 'tooLong' : null;
}

export function checkConfirm(password: string, confirm: string): FieldProblem | null {
  if (!confirm) return 'required';
  return password === confirm ? null : 'mismatch';
}

/** A random access code of `digits` digits (as Greenlight's: numeric, easy to dictate). */
export function randomAccessCode(digits = 6, rnd: (n: number) => number = secureRandomInt): string {
  let s = '';
  for (let i = 0; i < digits; i++) s += String(rnd(10));
  return s;
}

function secureRandomInt(n: number): number {
  const buf = new Uint32Array(1);
  // rejection sampling keeps the digits uniform
  const limit = Math.floor(0x100000000 / n) * n;
  for (;;) {
    crypto.getRandomValues(buf);
    if (buf[0] < limit) return buf[0] % n;
  }
}

/** A chosen file's logo type: its MIME type, else (browsers leave it empty at times) its extension. */
export function logoType(file: { name: string; type: string }): LogoType | null {
  const mime = file.type.toLowerCase().split(';')[0].trim();
  if ((LOGO_TYPES as readonly string[]).includes(mime)) return mime as LogoType;
  if (mime === 'image/jpg' || mime === 'image/pjpeg') return 'image/jpeg';
  if (mime && mime !== 'application/octet-stream') return null;
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase();
  const byExt: Record<string, LogoType> = { png: 'image/png', jpg: 'image/jpeg', jpeg: 'image/jpeg', svg: 'image/svg+xml', webp: 'image/webp' };
  return (ext && byExt[ext]) || null;
}

/** What is wrong with a file as a logo, checked before sending it (the server checks again). */
export function logoProblem(file: { name: string; type: string; size: number }): 'unsupportedType' | 'tooLarge' | null {
  if (!logoType(file)) return 'unsupportedType';
  if (file.size > LOGO_MAX_BYTES) return 'tooLarge';
  return null;
}

/**
 * What is wrong with a file as a room's presentation, checked before sending it: a PDF,
 * PNG or JPEG by its MIME type or (when the browser gives none) its extension, of at
 * most 20 MiB. The server decides again by the file's own bytes.
 */
export function presentationProblem(file: { name: string; type: string; size: number }): 'unsupportedType' | 'tooLarge' | 'empty' | null {
  const mime = file.type.toLowerCase().split(';')[0].trim();
  const ext = /\.([a-z0-9]+)$/i.exec(file.name)?.[1]?.toLowerCase() ?? '';
  const byMime = ['application/pdf', 'image/png', 'image/jpeg', 'image/jpg', 'image/pjpeg'].includes(mime);
  const byExt = ['pdf', 'png', 'jpg', 'jpeg'].includes(ext);
  if (mime && mime !== 'application/octet-stream' ? !byMime : !byExt) return 'unsupportedType';
  if (file.size > PRESENTATION_MAX_BYTES) return 'tooLarge';
  if (file.size === 0) return 'empty';
  return null;
}

/** A file size for people: bytes, KiB or MiB, in the language's number format. */
export function formatSize(bytes: number, lang: Lang): string {
  const nf = (n: number, digits: number) => new Intl.NumberFormat(lang === 'it' ? 'it-IT' : 'en-GB', { maximumFractionDigits: digits }).format(n);
  if (bytes < 1024) return `${nf(bytes, 0)} B`;
  if (bytes < 1024 * 1024) return `${nf(bytes / 1024, bytes < 10 * 1024 ? 1 : 0)} KiB`;
  return `${nf(bytes / (1024 * 1024), 1)} MiB`;
}

/**
 * A site link (terms, privacy, …) as the server takes it: empty, or an absolute http(s)
 * URL with a host, of at most 500 characters, without spaces, quotes, angle brackets or
 * backslashes. The value is checked as typed, trimmed.
 */
export function checkSiteLink(value: string): 'tooLong' | 'invalidUrl' | null {
  const v = value.trim();
  if (!v) return null;
  if (v.length > SITE_LINK_MAX) return 'tooLong';
  return safeLink(v) ? null : 'invalidUrl';
}

/**
 * The link to put in an href: the value if it is an absolute http(s) URL with a host
 * (and nothing that could break out of an attribute), else null, so that nothing else
 * (javascript:, data:, relative paths) is ever rendered as a link.
 */
export function safeLink(value: string | null | undefined): string | null {
  const v = (value ?? '').trim();
  if (!v || v.length > SITE_LINK_MAX || !/^https?:\/\/[^\s"'<>\\]+$/i.test(v)) return null;
  try {
    const u = new URL(v);
    if ((u.protocol !== 'https:' && u.protocol !== 'http:') || !u.hostname) return null;
  } catch {
    return null;
  }
  return v;
}
