import type { User } from '../protocol';

// White text on each of these passes WCAG AA (≥ 4.5:1).
const PALETTE = ['#1f4fd1', '#0f766e', '#6d28d9', '#a3450b', '#be185d', '#15803d', '#4338ca', '#b91c1c', '#0e7490'];

export function avatarColor(key: string): string {
  let h = 2166136261;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 16777619);
  }
  return PALETTE[(h >>> 0) % PALETTE.length];
}

export function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  if (parts.length === 0) return '?';
  const first = Array.from(parts[0])[0] ?? '';
  const last = parts.length > 1 ? (Array.from(parts[parts.length - 1])[0] ?? '') : '';
  return (first + last).toUpperCase();
}

interface Props {
  user: Pick<User, 'userId' | 'name' | 'role'>;
  size?: 'sm' | 'md' | 'lg';
  talking?: boolean;
}

/** Moderators get a rounded square, viewers a circle (as in BigBlueButton). */
export function Avatar({ user, size = 'sm', talking }: Props) {
  const cls = `avatar avatar-${size}${user.role === 'MODERATOR' ? ' avatar-mod' : ''}${talking ? ' talking' : ''}`;
  return (
    <span class={cls} style={{ backgroundColor: avatarColor(user.userId || user.name) }} aria-hidden="true">
      {initials(user.name)}
    </span>
  );
}
