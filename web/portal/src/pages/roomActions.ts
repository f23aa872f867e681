import * as api from '../api';

/** Starts a room and sends the browser to the conference client. */
export async function startAndGo(friendlyId: string): Promise<void> {
  const { joinUrl } = await api.startRoom(friendlyId);
  window.location.assign(joinUrl);
}
