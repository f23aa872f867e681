// Client-side checks, mirroring the server's (which stay authoritative).

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
