// The current MediaController and its state, re-rendering on every change. A new
// `welcome` replaces the controller; the effect then follows the new one.

import { useEffect, useState } from 'preact/hooks';
import { useCtx } from '../context';
import type { LocalMedia, MediaController, StageStream } from '../media';

export function useMedia(): { ctl: MediaController; local: LocalMedia; streams: StageStream[] } {
  const { media } = useCtx();
  const ctl = media();
  const [, bump] = useState(0);
  useEffect(() => ctl.subscribe(() => bump((n) => n + 1)), [ctl]);
  return { ctl, local: ctl.local(), streams: ctl.streams() };
}
