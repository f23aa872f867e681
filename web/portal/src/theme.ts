// The site's primary colour as the accent, kept readable: text on the accent is white
// or near-black (whichever contrasts more), and the accent used as text on white is
// darkened until it reaches WCAG AA (4.5:1).

export const DEFAULT_PRIMARY = '#1f4fd1';

export function parseHex(color: string): [number, number, number] | null {
  const m = /^#?([0-9a-f]{3}|[0-9a-f]{6})$/i.exec(color.trim());
  if (!m) return null;
  let h = m[1];
  if (h.length === 3) h = h[0] + h[0] + h[1] + h[1] + h[2] + h[2];
  return [parseInt(h.slice(0, 2), 16), parseInt(h.slice(2, 4), 16), parseInt(h.slice(4, 6), 16)];
}

export function toHex([r, g, b]: [number, number, number]): string {
  const c = (v: number) => Math.round(Math.min(255, Math.max(0, v))).toString(16).padStart(2, '0');
  return `#${c(r)}${c(g)}${c(b)}`;
}

export function luminance([r, g, b]: [number, number, number]): number {
  const lin = (v: number) => {
    const s = v / 255;
    return s <= 0.03928 ? s / 12.92 : ((s + 0.055) / 1.055) ** 2.4;
  };
  return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
}

export function contrast(a: [number, number, number], b: [number, number, number]): number {
  const la = luminance(a);
  const lb = luminance(b);
  return (Math.max(la, lb) + 0.05) / (Math.min(la, lb) + 0.05);
}

function mix(c: [number, number, number], t: [number, number, number], amount: number): [number, number, number] {
  return [0, 1, 2].map((i) => c[i] + (t[i] - c[i]) * amount) as [number, number, number];
}

const WHITE: [number, number, number] = [255, 255, 255];
const BLACK: [number, number, number] = [0, 0, 0];
const INK: [number, number, number] = [17, 24, 39];

/** Darkens (or keeps) a colour until it contrasts at least `ratio` with `against` (white by default). */
export function darkenForWhite(
  c: [number, number, number],
  ratio = 4.6,
  against: [number, number, number] = WHITE,
): [number, number, number] {
  let out = c;
  for (let i = 1; i <= 20 && contrast(out, against) < ratio; i++) out = mix(c, BLACK, i * 0.05);
  return out;
}

export interface Theme {
  primary: string;
  primaryHover: string;
  onPrimary: string;
  primaryText: string;
  primarySoft: string;
}

/** The CSS variables for a site colour; an invalid colour falls back to the default. */
export function themeFor(color: string | null | undefined): Theme {
  const c = parseHex(color ?? '') ?? (parseHex(DEFAULT_PRIMARY) as [number, number, number]);
  // Buttons: the accent as background, with whichever text colour reads best; if
  // neither reaches 4.5:1 the background is darkened until white text does.
  let bg = c;
  let on: [number, number, number] = contrast(bg, WHITE) >= contrast(bg, INK) ? WHITE : INK;
  if (contrast(bg, on) < 4.6) {
    bg = darkenForWhite(c);
    on = WHITE;
  }
  const hover = on === WHITE ? mix(bg, BLACK, 0.15) : mix(bg, WHITE, 0.2);
  const soft = mix(c, WHITE, 0.9);
  return {
    primary: toHex(bg),
    primaryHover: toHex(hover),
    onPrimary: toHex(on),
    // readable as text (links, badges) on white and on the soft tint alike
    primaryText: toHex(darkenForWhite(c, 4.6, soft)),
    primarySoft: toHex(soft),
  };
}

export function applyTheme(color: string | null | undefined, root: HTMLElement = document.documentElement): void {
  const t = themeFor(color);
  root.style.setProperty('--primary', t.primary);
  root.style.setProperty('--primary-hover', t.primaryHover);
  root.style.setProperty('--on-primary', t.onPrimary);
  root.style.setProperty('--primary-text', t.primaryText);
  root.style.setProperty('--primary-soft', t.primarySoft);
}
