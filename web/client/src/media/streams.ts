// Which remote track is whose: the subscriber offer's `streams` name the owner and source
// of each m-line (by mid); tracks of one owner and source are shown as one stream.

import type { MediaSource, MediaStreamDesc } from '../protocol';

export interface OwnedTracks<T> {
  /** `${source}:${userId}`, stable across renegotiations */
  key: string;
  userId: string;
  source: MediaSource;
  tracks: T[];
}

/** The well-formed entries of `mediaOffer.streams`; a mid named twice keeps its first owner. */
export function parseStreams(raw: unknown): MediaStreamDesc[] {
  if (!Array.isArray(raw)) return [];
  const seen = new Set<string>();
  const out: MediaStreamDesc[] = [];
  for (const v of raw) {
    if (typeof v !== 'object' || v === null) continue;
    const { mid, userId, source, kind } = v as Record<string, unknown>;
    if (typeof mid !== 'string' || mid === '' || typeof userId !== 'string' || userId === '') continue;
    if (source !== 'camera' && source !== 'screen') continue;
    if (kind !== 'audio' && kind !== 'video') continue;
    if (seen.has(mid)) continue;
    seen.add(mid);
    out.push({ mid, userId, source, kind });
  }
  return out;
}

/**
 * Groups the tracks found for the described mids by owner and source, screen shares
 * first, then in the order the server listed them. Mids without a live track are skipped,
 * and an owner left with no track is not shown.
 */
export function groupTracks<T>(streams: MediaStreamDesc[], trackFor: (mid: string) => T | undefined): OwnedTracks<T>[] {
  const groups = new Map<string, OwnedTracks<T>>();
  for (const s of streams) {
    const track = trackFor(s.mid);
    if (track === undefined) continue;
    const key = `${s.source}:${s.userId}`;
    let g = groups.get(key);
    if (!g) {
      g = { key, userId: s.userId, source: s.source, tracks: [] };
      groups.set(key, g);
    }
    g.tracks.push(track);
  }
  const list = [...groups.values()];
  return [...list.filter((g) => g.source === 'screen'), ...list.filter((g) => g.source !== 'screen')];
}

/** Same tracks in the same order: the stream shown for them can stay as it is. */
export function sameTracks<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
}
