// The portal's JSON API client (docs/portal-api.yaml). Every call goes through
// request(): same-origin, cookie session, JSON both ways, and the CSRF token on every
// non-GET request. Errors become ApiError with the server's camelCase code.

import type {
  AdminRecording,
  AdminUser,
  AttendanceSession,
  CreatedInvitation,
  Invitation,
  JoinResult,
  Lang,
  LogoType,
  Permission,
  PublicRoom,
  Recording,
  Role,
  Room,
  RoomOptions,
  RoomPresentation,
  SessionInfo,
  ShareUser,
  SiteSettings,
  Usage,
  User,
  UserStatus,
  Visibility,
} from './types';

export const API_BASE = '/api/v1';

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly field?: string;
  readonly retryAfter?: number;

  constructor(status: number, code: string, message: string, field?: string, retryAfter?: number) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.field = field;
    this.retryAfter = retryAfter;
  }
}

let csrfToken = '';

/** The token sent as X-CSRF-Token; set by getSession(), which must be called again after sign-in/out. */
export function setCsrfToken(token: string): void {
  csrfToken = token;
}

/** Parses an error body `{"error":{"code","message","field"?}}`; anything else gets a generic code. */
export function parseErrorBody(status: number, body: unknown, retryAfterHeader: string | null): ApiError {
  let code = status >= 500 ? 'serverError' : 'httpError';
  let message = `HTTP ${status}`;
  let field: string | undefined;
  const err = (body as { error?: unknown } | null)?.error;
  if (err && typeof err === 'object') {
    const e = err as { code?: unknown; message?: unknown; field?: unknown };
    if (typeof e.code === 'string' && e.code) code = e.code;
    if (typeof e.message === 'string' && e.message) message = e.message;
    if (typeof e.field === 'string' && e.field) field = e.field;
  }
  let retryAfter: number | undefined;
  if (retryAfterHeader) {
    const n = Number(retryAfterHeader);
    if (Number.isFinite(n) && n >= 0) retryAfter = Math.ceil(n);
    else {
      const when = Date.parse(retryAfterHeader);
      if (!Number.isNaN(when)) retryAfter = Math.max(0, Math.ceil((when - Date.now()) / 1000));
    }
  }
  return new ApiError(status, code, message, field, retryAfter);
}

/** A request body sent as it is (not as JSON), with its Content-Type. */
export class RawBody {
  constructor(
    readonly data: Blob,
    readonly type: string,
  ) {}
}

async function request<T>(method: string, path: string, body?: unknown): Promise<T> {
  try {
    return await send<T>(method, path, body);
  } catch (err) {
    // A stale CSRF token (the session expired or changed in another tab): take the
    // current one and try once more.
    if (err instanceof ApiError && err.code === 'csrfInvalid' && method !== 'GET') {
      await getSession();
      return send<T>(method, path, body);
    }
    throw err;
  }
}

async function send<T>(method: string, path: string, body?: unknown): Promise<T> {
  const headers: Record<string, string> = { Accept: 'application/json' };
  const raw = body instanceof RawBody ? body : null;
  if (raw) headers['Content-Type'] = raw.type;
  else if (body !== undefined) headers['Content-Type'] = 'application/json';
  if (method !== 'GET' && method !== 'HEAD') headers['X-CSRF-Token'] = csrfToken;
  let res: Response;
  try {
    res = await fetch(API_BASE + path, {
      method,
      headers,
      body: raw ? raw.data : body === undefined ? undefined : JSON.stringify(body),
      credentials: 'same-origin',
      cache: 'no-store',
    });
  } catch {
    throw new ApiError(0, 'network', 'The server could not be reached.');
  }
  const text = res.status === 204 ? '' : await res.text();
  let data: unknown = null;
  if (text) {
    try {
      data = JSON.parse(text);
    } catch {
      data = null;
    }
  }
  if (!res.ok) throw parseErrorBody(res.status, data, res.headers.get('Retry-After'));
  return data as T;
}

const enc = encodeURIComponent;

// --- session and accounts -------------------------------------------------------------

export async function getSession(): Promise<SessionInfo> {
  const s = await request<SessionInfo>('GET', '/session');
  setCsrfToken(s.csrfToken);
  return s;
}

export const signIn = (email: string, password: string) =>
  request<{ user: User }>('POST', '/session', { email, password });

export const signOut = () => request<void>('DELETE', '/session');

export interface SignUpRequest {
  name: string;
  email: string;
  password: string;
  language?: Lang;
  inviteToken?: string;
}
export interface SignUpResult {
  user: User | null;
  verificationRequired: boolean;
  approvalRequired: boolean;
}
export const signUp = (req: SignUpRequest) => request<SignUpResult>('POST', '/users', req);

export const verifyEmail = (token: string) => request<{ user: User }>('POST', '/users/verify', { token });

export const requestPasswordReset = (email: string) => request<void>('POST', '/password-resets', { email });

export const confirmPasswordReset = (token: string, password: string) =>
  request<void>('POST', '/password-resets/confirm', { token, password });

// --- rooms ------------------------------------------------------------------------------

export const listRooms = () => request<{ rooms: Room[] }>('GET', '/rooms');

export const createRoom = (name: string) => request<{ room: Room }>('POST', '/rooms', { name });

export const getRoom = (friendlyId: string) => request<{ room: Room | PublicRoom }>('GET', `/rooms/${enc(friendlyId)}`);

export interface RoomPatch {
  name?: string;
  options?: Partial<RoomOptions>;
}
export const updateRoom = (friendlyId: string, patch: RoomPatch) =>
  request<{ room: Room }>('PATCH', `/rooms/${enc(friendlyId)}`, patch);

export const deleteRoom = (friendlyId: string) => request<void>('DELETE', `/rooms/${enc(friendlyId)}`);

export const startRoom = (friendlyId: string) =>
  request<{ joinUrl: string }>('POST', `/rooms/${enc(friendlyId)}/start`);

export interface JoinRequest {
  name?: string;
  accessCode?: string;
}
export const joinRoom = (friendlyId: string, req: JoinRequest) =>
  request<JoinResult>('POST', `/rooms/${enc(friendlyId)}/join`, req);

export const roomStatus = (friendlyId: string) =>
  request<{ running: boolean }>('GET', `/rooms/${enc(friendlyId)}/status`);

export const listShares = (friendlyId: string) =>
  request<{ users: ShareUser[] }>('GET', `/rooms/${enc(friendlyId)}/shares`);

export const addShare = (friendlyId: string, email: string) =>
  request<unknown>('POST', `/rooms/${enc(friendlyId)}/shares`, { email });

export const removeShare = (friendlyId: string, userId: string) =>
  request<void>('DELETE', `/rooms/${enc(friendlyId)}/shares/${enc(userId)}`);

export const listRecordings = (friendlyId: string) =>
  request<{ recordings: Recording[] }>('GET', `/rooms/${enc(friendlyId)}/recordings`);

export const updateRecording = (recordId: string, patch: { name?: string; visibility?: Visibility }) =>
  request<{ recording: Recording }>('PATCH', `/recordings/${enc(recordId)}`, patch);

export const deleteRecording = (recordId: string) => request<void>('DELETE', `/recordings/${enc(recordId)}`);

/** Where the room's presentation is downloaded (a same-origin link; the server sends it as an attachment). */
export const presentationUrl = (friendlyId: string) => `${API_BASE}/rooms/${enc(friendlyId)}/presentation`;

/**
 * Sets the room's presentation: the file's bytes as the body, its name in the query.
 * Through XMLHttpRequest, which reports the upload's progress (0..1) where fetch does not.
 * 413 tooLarge, 415 unsupportedType, 422 invalidField (name), 403 forbidden.
 */
export async function uploadPresentation(friendlyId: string, file: Blob, name: string, onProgress?: (fraction: number) => void): Promise<{ presentation: RoomPresentation }> {
  const once = () =>
    new Promise<{ presentation: RoomPresentation }>((resolve, reject) => {
      const xhr = new XMLHttpRequest();
      xhr.open('PUT', `${presentationUrl(friendlyId)}?name=${enc(name)}`);
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('X-CSRF-Token', csrfToken);
      xhr.upload.onprogress = (e) => {
        if (e.lengthComputable && onProgress) onProgress(e.loaded / e.total);
      };
      xhr.onload = () => {
        let data: unknown = null;
        try {
          data = xhr.responseText ? JSON.parse(xhr.responseText) : null;
        } catch {
          data = null;
        }
        if (xhr.status >= 200 && xhr.status < 300) resolve(data as { presentation: RoomPresentation });
        else reject(parseErrorBody(xhr.status, data, xhr.getResponseHeader('Retry-After')));
      };
      // A refusal before the body is read (too large) may look like a network failure to the browser.
      xhr.onerror = () => reject(new ApiError(0, 'network', 'The server could not be reached.'));
      xhr.send(file);
    });
  try {
    return await once();
  } catch (err) {
    if (err instanceof ApiError && err.code === 'csrfInvalid') {
      await getSession();
      return once();
    }
    throw err;
  }
}

export const deletePresentation = (friendlyId: string) => request<void>('DELETE', `/rooms/${enc(friendlyId)}/presentation`);

export const getAttendance = (friendlyId: string) =>
  request<{ sessions: AttendanceSession[] }>('GET', `/rooms/${enc(friendlyId)}/attendance`);

// --- administration ---------------------------------------------------------------------

export const adminListUsers = (status?: UserStatus) =>
  request<{ users: AdminUser[] }>('GET', `/admin/users${status ? `?status=${enc(status)}` : ''}`);

export const adminUpdateUser = (id: string, patch: { status?: UserStatus; roleId?: string }) =>
  request<{ user: AdminUser }>('PATCH', `/admin/users/${enc(id)}`, patch);

export const adminListInvitations = () => request<{ invitations: Invitation[] }>('GET', '/admin/invitations');

export const adminCreateInvitation = (email: string) =>
  request<CreatedInvitation>('POST', '/admin/invitations', { email });

/** Whether the answer says the link was mailed: `mailed` beside `invitation` (also read inside it, to be lenient). */
export function invitationMailed(res: CreatedInvitation): boolean {
  if (typeof res.mailed === 'boolean') return res.mailed;
  return (res.invitation as { mailed?: unknown }).mailed === true;
}

export const adminDeleteInvitation = (id: string) => request<void>('DELETE', `/admin/invitations/${enc(id)}`);

export const adminListRoles = () => request<{ roles: Role[] }>('GET', '/admin/roles');

export const adminCreateRole = (name: string, permissions: Permission[]) =>
  request<{ role: Role }>('POST', '/admin/roles', { name, permissions });

export const adminUpdateRole = (id: string, patch: { name?: string; permissions?: Permission[] }) =>
  request<{ role: Role }>('PATCH', `/admin/roles/${enc(id)}`, patch);

export const adminDeleteRole = (id: string) => request<void>('DELETE', `/admin/roles/${enc(id)}`);

export const adminGetSettings = () => request<SiteSettings>('GET', '/admin/settings');

export const adminUpdateSettings = (patch: Partial<SiteSettings>) =>
  request<SiteSettings>('PATCH', '/admin/settings', patch);

export const adminListRooms = () => request<{ rooms: Room[] }>('GET', '/admin/rooms');

/** Every recording of the site, newest first, at most 1000 (ManageRecordings). */
export const adminListRecordings = () => request<{ recordings: AdminRecording[] }>('GET', '/admin/recordings');

/** Sets the site's logo (ManageSiteSettings): the image's bytes as the body; 413 tooLarge, 415 unsupportedType. */
export const adminUploadLogo = (image: Blob, type: LogoType) =>
  request<{ logoUrl: string }>('PUT', '/admin/logo', new RawBody(image, type));

export const adminDeleteLogo = () => request<void>('DELETE', '/admin/logo');

export const adminUsage = () => request<Usage>('GET', '/admin/usage');
