// Microphone, camera and screen capture, with the failure reasons the page explains.

export type DeviceProblem =
  /** the user or the browser policy refused */
  | 'denied'
  /** no such device */
  | 'missing'
  /** in use elsewhere, or the hardware failed */
  | 'busy'
  /** the page is not a secure context (http:// on another host): no capture at all */
  | 'insecure'
  /** the user closed the screen picker */
  | 'cancelled';

export class DeviceError extends Error {
  constructor(readonly problem: DeviceProblem) {
    super(problem);
  }
}

function classify(e: unknown, picker: boolean): DeviceError {
  const name = e instanceof DOMException || e instanceof Error ? e.name : '';
  switch (name) {
    case 'NotAllowedError':
    case 'SecurityError':
      // Closing the screen picker is reported as a refusal: not worth a warning.
      return new DeviceError(picker ? 'cancelled' : 'denied');
    case 'AbortError':
      return new DeviceError(picker ? 'cancelled' : 'busy');
    case 'NotFoundError':
    case 'OverconstrainedError':
      return new DeviceError('missing');
    default:
      return new DeviceError('busy');
  }
}

const devices = (): MediaDevices | undefined =>
  typeof navigator !== 'undefined' ? navigator.mediaDevices : undefined;

export async function openMicrophone(): Promise<MediaStream> {
  const md = devices();
  if (!md?.getUserMedia) throw new DeviceError('insecure');
  try {
    return await md.getUserMedia({
      audio: { echoCancellation: true, noiseSuppression: true, autoGainControl: true },
      video: false,
    });
  } catch (e) {
    throw classify(e, false);
  }
}

export async function openCamera(): Promise<MediaStream> {
  const md = devices();
  if (!md?.getUserMedia) throw new DeviceError('insecure');
  try {
    return await md.getUserMedia({
      audio: false,
      video: { width: { ideal: 640 }, height: { ideal: 480 }, frameRate: { ideal: 30, max: 30 } },
    });
  } catch (e) {
    throw classify(e, false);
  }
}

export async function openScreen(): Promise<MediaStream> {
  const md = devices();
  if (!md?.getDisplayMedia) throw new DeviceError('insecure');
  try {
    const s = await md.getDisplayMedia({ video: { frameRate: { ideal: 15, max: 30 } }, audio: false });
    // Text on slides and code must stay sharp; frame rate matters less.
    for (const t of s.getVideoTracks()) t.contentHint = 'detail';
    return s;
  } catch (e) {
    throw classify(e, true);
  }
}

/** Screen sharing exists in this browser (not on most phones). */
export const canShareScreen = (): boolean => typeof devices()?.getDisplayMedia === 'function';

export function stopTracks(s: MediaStream | null | undefined): void {
  for (const t of s?.getTracks() ?? []) t.stop();
}
