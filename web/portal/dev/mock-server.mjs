// A dependency-free mock of `bluemeet portal` for working on the app: serves dist/ (the
// SPA, index.html for unknown paths) and an in-memory /api/v1 following
// docs/portal-api.yaml, CSRF included. 127.0.0.1 only.
//
//   npm run build && node dev/mock-server.mjs [--port 8070]
//
// Accounts: admin@example.org / adminpass (administrator), ada@example.org / adapass1,
// rita@example.org / ritapass (ManageRecordings only).
// Sign-ups need verification: the link is printed here and served at /mock/last-email.
// Invitations are "mailed" the same way unless the server runs with --no-mail (then the
// answer says mailed: false and the link is only in it).
// The logo (PUT /api/v1/admin/logo, the image's bytes) is kept in memory and served at
// /api/v1/site/logo?v=<n>.
// A room's presentation (PUT /api/v1/rooms/<id>/presentation?name=…, the file's bytes;
// PDF, PNG or JPEG by those bytes, at most 20 MiB) is kept in memory and downloaded
// from the same URL.
// /mock/start/<friendlyId> and /mock/end/<friendlyId> flip a room's running state (the
// join page is waiting until then); a joinUrl leads to /mock/joined.

import { createServer } from 'node:http';
import { readFile } from 'node:fs/promises';
import { extname, join, normalize } from 'node:path';
import { randomBytes } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const dist = fileURLToPath(new URL('../dist/', import.meta.url));
const portArg = process.argv.indexOf('--port');
const port = portArg > 0 ? Number(process.argv[portArg + 1]) : 8070;
const base = `http://127.0.0.1:${port}`;

const ALL = ['CreateRoom', 'ManageUsers', 'ManageRooms', 'ManageRecordings', 'ManageSiteSettings', 'ManageRoles', 'SharedList', 'CanRecord'];
const roles = [
  { id: 'r-admin', name: 'Administrator', permissions: ALL, builtin: true },
  { id: 'r-user', name: 'User', permissions: ['CreateRoom', 'SharedList', 'CanRecord'], builtin: true },
  { id: 'r-guest', name: 'Guest', permissions: [], builtin: true },
  { id: 'r-archivist', name: 'Archivist', permissions: ['ManageRecordings'], builtin: false },
];
const mailConfigured = !process.argv.includes('--no-mail');
const invitations = []; // { id, email, token, createdAt, expiresAt }
const INVITATION_TTL = 7 * 86400000;
// The footer's links (termsUrl, …): '' when unset; the help link is set to start with.
const LINK_KEYS = ['termsUrl', 'privacyUrl', 'accessibilityUrl', 'helpUrl'];
const site = { name: 'BlueMeet', registration: 'open', primaryColor: '#1f4fd1', logoUrl: null, defaultLanguage: 'en', termsUrl: '', privacyUrl: '', accessibilityUrl: '', helpUrl: 'https://example.org/help' };
// As the portal checks a link: empty, or an absolute http(s) URL of at most 500 characters.
const validLink = (v) => typeof v === 'string' && (v === '' || (v.length <= 500 && /^https?:\/\/[^\s"'<>\\/?#]+[^\s"'<>\\]*$/i.test(v)));
const defaults = { record: false, muteOnStart: false, guestApproval: false, anyoneCanStart: false, allModerators: false, requireSignIn: false, viewerAccessCode: '', moderatorAccessCode: '' };
const settings = { defaultRoomOptions: { ...defaults }, forcedRoomOptions: [] };
const id = () => randomBytes(6).toString('hex');
const friendly = () => Array.from({ length: 4 }, () => randomBytes(3).toString('hex').slice(0, 3).replace(/[0-9]/g, (d) => 'abcdefghij'[d])).join('-');

const users = [
  { id: 'u1', name: 'Admin', email: 'admin@example.org', password: 'adminpass', language: 'en', roleId: 'r-admin', verified: true, status: 'active', createdAt: Date.now() - 86400000 },
  { id: 'u2', name: 'Ada Lovelace', email: 'ada@example.org', password: 'adapass1', language: 'en', roleId: 'r-user', verified: true, status: 'active', createdAt: Date.now() - 3600000 },
  { id: 'u4', name: 'Rita Archivist', email: 'rita@example.org', password: 'ritapass', language: 'en', roleId: 'r-archivist', verified: true, status: 'active', createdAt: Date.now() - 7200000 },
  { id: 'u3', name: 'Pending Pete', email: 'pete@example.org', password: 'petepass', language: 'it', roleId: 'r-user', verified: true, status: 'pending', createdAt: Date.now() },
];
const rooms = [
  { friendlyId: 'ada-lov-ela-ce1', name: 'Ada’s room', ownerId: 'u2', running: false, lastSession: null, options: { ...defaults, viewerAccessCode: '123456' }, shares: [], presentation: null },
];
const recordings = [
  { roomId: 'ada-lov-ela-ce1', recordId: 'rec-1', name: 'Lecture 1', visibility: 'published', startTime: Date.now() - 7200000, lengthMinutes: 47, participants: 12, formats: [{ type: 'presentation', url: `${base}/mock/playback/rec-1` }] },
  { roomId: 'ada-lov-ela-ce1', recordId: 'rec-0', name: 'Introduction', visibility: 'unpublished', startTime: Date.now() - 3 * 86400000, lengthMinutes: 12, participants: 3, formats: [{ type: 'video', url: `${base}/mock/playback/rec-0` }] },
];
const LOGO_TYPES = ['image/png', 'image/jpeg', 'image/svg+xml', 'image/webp'];
const LOGO_MAX = 512 * 1024;
const PRESENTATION_MAX = 20 * 1024 * 1024;
// api() answered by itself (a download).
const SENT = Symbol('sent');
let logo = null; // { type, data, version }
let logoVersion = 0;
const attendance = { 'ada-lov-ela-ce1': [{ startedAt: Date.now() - 7200000, endedAt: Date.now() - 4300000, attendees: [{ name: 'Ada Lovelace', joinedAt: Date.now() - 7200000, leftAt: Date.now() - 4300000, durationSeconds: 2900, moderator: true }, { name: 'Guest', joinedAt: Date.now() - 7000000, leftAt: Date.now() - 4400000, durationSeconds: 2600, moderator: false }] }] };
const sessions = new Map(); // sid -> { userId, csrf }
const tokens = new Map(); // token -> { kind, userId }
let lastEmail = '';
const attempts = new Map();

const userView = (u) => {
  const role = roles.find((r) => r.id === u.roleId);
  return { id: u.id, name: u.name, email: u.email, language: u.language, role: { id: role.id, name: role.name }, permissions: role.permissions, verified: u.verified, status: u.status };
};
const roleView = (r) => ({ ...r, permissions: [...r.permissions], users: users.filter((u) => u.roleId === r.id).length });
const openInvitations = () => invitations.filter((i) => i.expiresAt > Date.now());
const invitationView = ({ id: i, email, createdAt, expiresAt }) => ({ id: i, email, createdAt, expiresAt });
const checkPermissions = (ps) => {
  if (!Array.isArray(ps) || ps.some((p) => typeof p !== 'string' || !ALL.includes(p))) fail(422, 'invalidField', 'permissions must be known permission names', { field: 'permissions' });
  return [...new Set(ps)];
};
const checkRoleName = (name, except) => {
  const n = String(name ?? '').trim();
  if (!n || n.length > 255) fail(422, 'invalidField', 'name must not be empty', { field: 'name' });
  if (roles.some((r) => r !== except && r.name.toLowerCase() === n.toLowerCase())) fail(422, 'invalidField', 'another role has this name', { field: 'name' });
  return n;
};
const can = (u, p) => !!u && roles.find((r) => r.id === u.roleId).permissions.includes(p);
const manages = (u, room) => !!u && (room.ownerId === u.id || room.shares.includes(u.id) || can(u, 'ManageRooms'));
const roomView = (room, u) => ({
  friendlyId: room.friendlyId,
  name: room.name,
  url: `${base}/r/${room.friendlyId}`,
  owner: { id: room.ownerId, name: users.find((x) => x.id === room.ownerId).name },
  mine: !!u && room.ownerId === u.id,
  running: room.running,
  lastSession: room.lastSession,
  options: room.options,
  presentation: room.presentation && { name: room.presentation.name, size: room.presentation.size, uploadedAt: room.presentation.uploadedAt },
});
const publicView = (room) => ({
  friendlyId: room.friendlyId,
  name: room.name,
  ownerName: users.find((x) => x.id === room.ownerId).name,
  running: room.running,
  viewerCodeRequired: !!room.options.viewerAccessCode,
  moderatorCodeAvailable: !!room.options.moderatorAccessCode,
  requireSignIn: room.options.requireSignIn,
});
const recView = ({ roomId, ...r }) => (void roomId, r);

class HttpError extends Error {
  constructor(status, code, message, extra = {}) {
    super(message);
    Object.assign(this, { status, code, extra });
  }
}
const fail = (status, code, message, extra) => {
  throw new HttpError(status, code, message, extra);
};

function session(req, res) {
  const m = /(?:^|;\s*)mock_session=([a-f0-9]+)/.exec(req.headers.cookie ?? '');
  let sid = m?.[1];
  if (!sid || !sessions.has(sid)) {
    sid = randomBytes(16).toString('hex');
    sessions.set(sid, { userId: null, csrf: randomBytes(16).toString('hex') });
    res.setHeader('Set-Cookie', `mock_session=${sid}; Path=/; HttpOnly; SameSite=Lax`);
  }
  return sessions.get(sid);
}
function rotate(s, userId) {
  s.userId = userId;
  s.csrf = randomBytes(16).toString('hex');
}

async function body(req) {
  const chunks = [];
  for await (const c of req) chunks.push(c);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return {};
  try {
    const v = JSON.parse(text);
    if (v && typeof v === 'object' && !Array.isArray(v)) return v;
  } catch {
    /* below */
  }
  fail(400, 'invalidJson', 'The body is not a JSON object.');
}

// The image type the bytes are, by their signature (as the portal checks them).
function sniff(b) {
  if (b.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))) return 'image/png';
  if (b[0] === 0xff && b[1] === 0xd8 && b[2] === 0xff) return 'image/jpeg';
  if (b.length > 12 && b.toString('latin1', 0, 4) === 'RIFF' && b.toString('latin1', 8, 12) === 'WEBP') return 'image/webp';
  const head = b.toString('utf8', 0, 512).trim();
  if ((head.startsWith('<svg') || head.startsWith('<?xml')) && b.includes('<svg')) return 'image/svg+xml';
  return '';
}

async function rawBody(req, limit, message = `The image is larger than ${limit / 1024} KiB.`) {
  const chunks = [];
  let n = 0;
  for await (const c of req) {
    n += c.length;
    if (n > limit) fail(413, 'tooLarge', message);
    chunks.push(c);
  }
  return Buffer.concat(chunks);
}

async function api(req, res, path, s) {
  const method = req.method;
  if (method !== 'GET' && req.headers['x-csrf-token'] !== s.csrf) fail(403, 'csrfInvalid', 'Missing or wrong X-CSRF-Token.');
  const me = users.find((u) => u.id === s.userId && u.status === 'active') ?? null;
  if (path === '/admin/logo' && method === 'PUT') {
    const u = me ?? fail(401, 'unauthorized', 'Sign in first.');
    if (!can(u, 'ManageSiteSettings')) fail(403, 'forbidden', 'Needs ManageSiteSettings.');
    const type = String(req.headers['content-type'] ?? '').split(';')[0].trim().toLowerCase();
    if (!LOGO_TYPES.includes(type)) fail(415, 'unsupportedType', 'The logo must be PNG, JPEG, SVG or WebP.');
    if (Number(req.headers['content-length'] ?? 0) > LOGO_MAX) fail(413, 'tooLarge', 'The image is larger than 512 KiB.');
    const data = await rawBody(req, LOGO_MAX);
    if (sniff(data) !== type) fail(415, 'unsupportedType', 'A logo is a PNG, JPEG, WebP or SVG image.');
    logo = { type, data, version: ++logoVersion };
    site.logoUrl = `/api/v1/site/logo?v=${logo.version}`;
    return [200, { logoUrl: site.logoUrl }];
  }
  let m;
  if ((m = /^\/rooms\/([^/]+)\/presentation$/.exec(path))) {
    const u = me ?? fail(401, 'unauthorized', 'Sign in first.');
    const r = rooms.find((x) => x.friendlyId === decodeURIComponent(m[1])) ?? fail(404, 'notFound', 'No such room.');
    if (!manages(u, r)) fail(403, 'forbidden', 'Only the room\'s owners change its presentation.');
    if (method === 'GET') {
      if (!r.presentation) fail(404, 'notFound', 'This room has no presentation.');
      const ascii = r.presentation.name.replace(/[^\x20-\x7e]|["\\]/g, '_');
      res.writeHead(200, { 'Content-Type': r.presentation.type, 'Content-Disposition': `attachment; filename="${ascii}"; filename*=UTF-8''${encodeURIComponent(r.presentation.name)}`, 'X-Content-Type-Options': 'nosniff', 'Cache-Control': 'private, no-store' });
      res.end(r.presentation.data);
      return [SENT];
    }
    if (method === 'DELETE') {
      if (!r.presentation) fail(404, 'notFound', 'This room has no presentation.');
      r.presentation = null;
      return [204];
    }
    if (method !== 'PUT') fail(405, 'methodNotAllowed', 'Method not allowed.');
    if (Number(req.headers['content-length'] ?? 0) > PRESENTATION_MAX) fail(413, 'tooLarge', 'A presentation is at most 20 MiB.', { field: 'file' });
    const data = await rawBody(req, PRESENTATION_MAX, 'A presentation is at most 20 MiB.');
    const name = (new URL(req.url, base).searchParams.get('name') ?? '').replace(/^.*[/\\]/, '').trim();
    if (!name || name.length > 255 || /[\x00-\x1f\x7f]/.test(name)) fail(422, 'invalidField', 'Give the file\'s name.', { field: 'name' });
    if (!data.length) fail(422, 'invalidField', 'Choose a file to upload.', { field: 'file' });
    const type = data.toString('latin1', 0, 5) === '%PDF-' ? 'application/pdf' : sniff(data);
    if (!['application/pdf', 'image/png', 'image/jpeg'].includes(type)) fail(415, 'unsupportedType', 'A presentation is a PDF, PNG or JPEG file.', { field: 'file' });
    r.presentation = { name, type, data, size: data.length, uploadedAt: Date.now() };
    return [200, { presentation: roomView(r, u).presentation }];
  }
  const b = method === 'GET' || method === 'DELETE' ? {} : await body(req);
  const needUser = () => me ?? fail(401, 'unauthorized', 'Sign in first.');
  const room = (fid) => rooms.find((r) => r.friendlyId === fid) ?? fail(404, 'notFound', 'No such room.');

  if (path === '/session' && method === 'GET') return [200, { user: me && userView(me), csrfToken: s.csrf, site }];
  if (path === '/session' && method === 'POST') {
    const key = String(b.email ?? '').toLowerCase();
    const n = (attempts.get(key) ?? 0) + 1;
    attempts.set(key, n);
    if (n > 5) fail(429, 'throttled', 'Too many attempts. Try again in 60 seconds.', { retryAfter: 60 });
    const u = users.find((x) => x.email === key && x.password === b.password);
    if (!u) fail(401, 'invalidCredentials', 'The email or password is incorrect.');
    if (!u.verified) fail(403, 'unverified', 'Verify your email first.');
    if (u.status === 'pending') fail(403, 'pendingApproval', 'Your account is waiting for approval.');
    if (u.status === 'disabled') fail(403, 'disabled', 'This account is disabled.');
    attempts.delete(key);
    rotate(s, u.id);
    return [200, { user: userView(u) }];
  }
  if (path === '/session' && method === 'DELETE') {
    rotate(s, null);
    return [204];
  }
  if (path === '/users' && method === 'POST') {
    const invite = b.inviteToken ? openInvitations().find((i) => i.token === String(b.inviteToken)) : undefined;
    if (site.registration === 'invite' && !invite) fail(403, 'registrationClosed', 'Registration is by invitation only.');
    if (!String(b.name ?? '').trim()) fail(422, 'invalidField', 'name must not be empty', { field: 'name' });
    if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(String(b.email ?? ''))) fail(422, 'invalidField', 'email is not valid', { field: 'email' });
    if ([...String(b.password ?? '')].length < 8) fail(422, 'weakPassword', 'The password must have at least 8 characters.', { field: 'password' });
    const email = String(b.email).toLowerCase();
    if (users.some((u) => u.email === email)) fail(409, 'emailTaken', 'An account with this email already exists.');
    if (invite && invite.email !== email) fail(422, 'inviteMismatch', 'The invitation is for another email address.', { field: 'email' });
    if (invite) {
      // The mail proved the address: active, verified and signed in at once.
      invitations.splice(invitations.indexOf(invite), 1);
      const u = { id: id(), name: String(b.name).trim(), email, password: b.password, language: b.language === 'it' ? 'it' : 'en', roleId: 'r-user', verified: true, status: 'active', createdAt: Date.now() };
      users.push(u);
      rotate(s, u.id);
      return [201, { user: userView(u), verificationRequired: false, approvalRequired: false }];
    }
    const u = { id: id(), name: String(b.name).trim(), email, password: b.password, language: b.language === 'it' ? 'it' : 'en', roleId: 'r-user', verified: false, status: site.registration === 'approval' ? 'pending' : 'active', createdAt: Date.now() };
    users.push(u);
    const tok = randomBytes(12).toString('hex');
    tokens.set(tok, { kind: 'verify', userId: u.id });
    lastEmail = `${base}/verify?token=${tok}`;
    console.log(`[mail] to ${email}: ${lastEmail}`);
    return [201, { user: null, verificationRequired: true, approvalRequired: u.status === 'pending' }];
  }
  if (path === '/users/verify' && method === 'POST') {
    const t = tokens.get(String(b.token ?? ''));
    if (!t || t.kind !== 'verify') fail(400, 'invalidToken', 'This link is invalid or has expired.');
    tokens.delete(String(b.token));
    const u = users.find((x) => x.id === t.userId);
    u.verified = true;
    if (u.status === 'active') rotate(s, u.id);
    return [200, { user: userView(u) }];
  }
  if (path === '/password-resets' && method === 'POST') {
    const u = users.find((x) => x.email === String(b.email ?? '').toLowerCase());
    if (u) {
      const tok = randomBytes(12).toString('hex');
      tokens.set(tok, { kind: 'reset', userId: u.id });
      lastEmail = `${base}/reset/confirm?token=${tok}`;
      console.log(`[mail] to ${u.email}: ${lastEmail}`);
    }
    return [202];
  }
  if (path === '/password-resets/confirm' && method === 'POST') {
    const t = tokens.get(String(b.token ?? ''));
    if (!t || t.kind !== 'reset') fail(400, 'invalidToken', 'This link is invalid or has expired.');
    if ([...String(b.password ?? '')].length < 8) fail(422, 'weakPassword', 'The password must have at least 8 characters.', { field: 'password' });
    tokens.delete(String(b.token));
    users.find((x) => x.id === t.userId).password = b.password;
    return [204];
  }
  if (path === '/rooms' && method === 'GET') {
    const u = needUser();
    const list = rooms.filter((r) => r.ownerId === u.id || r.shares.includes(u.id));
    list.sort((a, c) => Number(c.ownerId === u.id) - Number(a.ownerId === u.id));
    return [200, { rooms: list.map((r) => roomView(r, u)) }];
  }
  if (path === '/rooms' && method === 'POST') {
    const u = needUser();
    if (!can(u, 'CreateRoom')) fail(403, 'forbidden', 'You may not create rooms.');
    if (!String(b.name ?? '').trim()) fail(422, 'invalidField', 'name must not be empty', { field: 'name' });
    const r = { friendlyId: friendly(), name: String(b.name).trim(), ownerId: u.id, running: false, lastSession: null, options: { ...settings.defaultRoomOptions }, shares: [], presentation: null };
    rooms.unshift(r);
    return [201, { room: roomView(r, u) }];
  }
  if ((m = /^\/rooms\/([^/]+)$/.exec(path))) {
    const r = room(decodeURIComponent(m[1]));
    if (method === 'GET') return [200, { room: manages(me, r) ? roomView(r, me) : publicView(r) }];
    const u = needUser();
    if (!manages(u, r)) fail(403, 'forbidden', 'Not your room.');
    if (method === 'PATCH') {
      if (b.name !== undefined) {
        if (!String(b.name).trim()) fail(422, 'invalidField', 'name must not be empty', { field: 'name' });
        r.name = String(b.name).trim();
      }
      for (const [k, v] of Object.entries(b.options ?? {})) {
        if (!(k in defaults) || typeof v !== typeof defaults[k]) fail(422, 'invalidField', `bad option ${k}`, { field: k });
        if (settings.forcedRoomOptions.includes(k)) fail(422, 'invalidField', `${k} is set by the site`, { field: k });
        r.options[k] = v;
      }
      return [200, { room: roomView(r, u) }];
    }
    if (method === 'DELETE') {
      if (r.ownerId !== u.id && !can(u, 'ManageRooms')) fail(403, 'forbidden', 'Only the owner can delete a room.');
      rooms.splice(rooms.indexOf(r), 1);
      return [204];
    }
  }
  if ((m = /^\/rooms\/([^/]+)\/(start|join|status|shares|recordings|attendance)$/.exec(path))) {
    const r = room(decodeURIComponent(m[1]));
    const what = m[2];
    if (what === 'status' && method === 'GET') return [200, { running: r.running }];
    if (what === 'start' && method === 'POST') {
      if (!manages(me, r) && !r.options.anyoneCanStart) fail(403, 'forbidden', 'You may not start this room.');
      r.running = true;
      r.lastSession = Date.now();
      return [200, { joinUrl: `${base}/mock/joined?room=${r.friendlyId}&name=${encodeURIComponent(me?.name ?? 'Guest')}&role=MODERATOR` }];
    }
    if (what === 'join' && method === 'POST') {
      if (r.options.requireSignIn && !me) fail(403, 'signInRequired', 'Sign in to join this room.');
      const code = String(b.accessCode ?? '');
      let role = manages(me, r) || r.options.allModerators ? 'MODERATOR' : 'VIEWER';
      if (role === 'VIEWER' && r.options.moderatorAccessCode && code === r.options.moderatorAccessCode) role = 'MODERATOR';
      if (role === 'VIEWER' && r.options.viewerAccessCode) {
        if (!code) fail(403, 'accessCodeRequired', 'This room needs an access code.');
        if (code !== r.options.viewerAccessCode) fail(403, 'wrongAccessCode', 'The access code is not correct.');
      }
      const name = me?.name ?? String(b.name ?? '').trim();
      if (!name) fail(422, 'invalidField', 'name is required', { field: 'name' });
      if (!r.running) return [200, { waiting: true }];
      return [200, { joinUrl: `${base}/mock/joined?room=${r.friendlyId}&name=${encodeURIComponent(name)}&role=${role}` }];
    }
    const u = needUser();
    if (!manages(u, r)) fail(403, 'forbidden', 'Not your room.');
    if (what === 'shares' && method === 'GET') return [200, { users: r.shares.map((sid) => users.find((x) => x.id === sid)).map(({ id: i, name, email }) => ({ id: i, name, email })) }];
    if (what === 'shares' && method === 'POST') {
      const t = users.find((x) => x.email === String(b.email ?? '').toLowerCase() && x.status === 'active');
      if (!t) fail(404, 'userNotFound', 'There is no user with this email address.');
      if (!r.shares.includes(t.id) && t.id !== r.ownerId) r.shares.push(t.id);
      return [201, { user: { id: t.id, name: t.name, email: t.email } }];
    }
    if (what === 'recordings' && method === 'GET') return [200, { recordings: recordings.filter((x) => x.roomId === r.friendlyId).map(recView) }];
    if (what === 'attendance' && method === 'GET') {
      if (r.ownerId !== u.id) fail(403, 'forbidden', 'Only the owner sees attendance.');
      return [200, { sessions: attendance[r.friendlyId] ?? [] }];
    }
  }
  if ((m = /^\/rooms\/([^/]+)\/shares\/([^/]+)$/.exec(path)) && method === 'DELETE') {
    const r = room(decodeURIComponent(m[1]));
    if (!manages(needUser(), r)) fail(403, 'forbidden', 'Not your room.');
    r.shares = r.shares.filter((x) => x !== decodeURIComponent(m[2]));
    return [204];
  }
  if ((m = /^\/recordings\/([^/]+)$/.exec(path))) {
    const rec = recordings.find((x) => x.recordId === decodeURIComponent(m[1])) ?? fail(404, 'notFound', 'No such recording.');
    const u = needUser();
    if (!manages(u, room(rec.roomId)) && !can(u, 'ManageRecordings')) fail(403, 'forbidden', 'Not your recording.');
    if (method === 'PATCH') {
      if (b.name !== undefined) rec.name = String(b.name);
      if (b.visibility !== undefined) rec.visibility = b.visibility;
      return [200, { recording: recView(rec) }];
    }
    if (method === 'DELETE') {
      recordings.splice(recordings.indexOf(rec), 1);
      return [204];
    }
  }
  if (path.startsWith('/admin/')) {
    const u = needUser();
    const sub = path.slice('/admin'.length);
    const need = (p) => can(u, p) || fail(403, 'forbidden', `Needs ${p}.`);
    if (sub === '/users' && method === 'GET') {
      need('ManageUsers');
      const st = new URL(req.url, base).searchParams.get('status');
      return [200, { users: users.filter((x) => !st || x.status === st).map((x) => ({ ...userView(x), createdAt: x.createdAt })) }];
    }
    if ((m = /^\/users\/([^/]+)$/.exec(sub)) && method === 'PATCH') {
      need('ManageUsers');
      const t = users.find((x) => x.id === m[1]) ?? fail(404, 'notFound', 'No such user.');
      if (t.id === u.id) fail(403, 'forbidden', 'Not on yourself.');
      if (b.status) t.status = b.status;
      if (b.roleId) t.roleId = roles.some((r) => r.id === b.roleId) ? b.roleId : fail(422, 'invalidField', 'unknown role', { field: 'roleId' });
      return [200, { user: { ...userView(t), createdAt: t.createdAt } }];
    }
    if (sub === '/roles' && method === 'GET') {
      if (!can(u, 'ManageUsers')) need('ManageRoles');
      return [200, { roles: roles.map(roleView) }];
    }
    if (sub === '/roles' && method === 'POST') {
      need('ManageRoles');
      const r = { id: `r-${id()}`, name: checkRoleName(b.name), permissions: checkPermissions(b.permissions ?? []), builtin: false };
      roles.push(r);
      return [201, { role: roleView(r) }];
    }
    if ((m = /^\/roles\/([^/]+)$/.exec(sub)) && (method === 'PATCH' || method === 'DELETE')) {
      need('ManageRoles');
      const r = roles.find((x) => x.id === decodeURIComponent(m[1])) ?? fail(404, 'notFound', 'No such role.');
      if (method === 'DELETE') {
        if (r.builtin) fail(422, 'invalidField', 'Built-in roles cannot be deleted.', { field: 'id' });
        if (users.some((x) => x.roleId === r.id)) fail(409, 'roleInUse', 'Users still have this role.');
        roles.splice(roles.indexOf(r), 1);
        return [204];
      }
      if (b.name !== undefined && String(b.name).trim() !== r.name) {
        if (r.builtin) fail(422, 'invalidField', 'Built-in roles keep their names.', { field: 'name' });
        r.name = checkRoleName(b.name, r);
      }
      if (b.permissions !== undefined) {
        const ps = checkPermissions(b.permissions);
        if (r.id === 'r-admin' && ALL.some((p) => !ps.includes(p))) fail(422, 'invalidField', 'The Administrator role keeps all its permissions.', { field: 'permissions' });
        r.permissions = ps;
      }
      return [200, { role: roleView(r) }];
    }
    if (sub === '/invitations' && method === 'GET') return (need('ManageUsers'), [200, { invitations: openInvitations().map(invitationView) }]);
    if (sub === '/invitations' && method === 'POST') {
      need('ManageUsers');
      const email = String(b.email ?? '').trim().toLowerCase();
      if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email)) fail(422, 'invalidField', 'email is not valid', { field: 'email' });
      if (users.some((x) => x.email === email)) fail(409, 'emailTaken', 'An account with this email already exists.');
      const inv = { id: id(), email, token: randomBytes(16).toString('hex'), createdAt: Date.now(), expiresAt: Date.now() + INVITATION_TTL };
      invitations.push(inv);
      const link = `${base}/signup?inviteToken=${inv.token}`;
      if (mailConfigured) {
        lastEmail = link;
        console.log(`[mail] to ${email}: ${link}`);
      }
      return [201, { invitation: { ...invitationView(inv), link }, mailed: mailConfigured }];
    }
    if ((m = /^\/invitations\/([^/]+)$/.exec(sub)) && method === 'DELETE') {
      need('ManageUsers');
      const inv = openInvitations().find((x) => x.id === decodeURIComponent(m[1])) ?? fail(404, 'notFound', 'No such invitation.');
      invitations.splice(invitations.indexOf(inv), 1);
      return [204];
    }
    if (sub === '/settings') {
      need('ManageSiteSettings');
      if (method === 'PATCH') {
        for (const k of LINK_KEYS) if (b[k] !== undefined && !validLink(b[k])) fail(422, 'invalidField', 'A link is an absolute https:// address, or empty.', { field: k });
        for (const k of ['registration', 'name', 'primaryColor', ...LINK_KEYS]) if (b[k] !== undefined) site[k] = b[k];
        if (b.defaultRoomOptions) Object.assign(settings.defaultRoomOptions, b.defaultRoomOptions);
        if (b.forcedRoomOptions) settings.forcedRoomOptions = b.forcedRoomOptions;
      }
      return [200, { registration: site.registration, name: site.name, primaryColor: site.primaryColor, ...settings, ...Object.fromEntries(LINK_KEYS.map((k) => [k, site[k]])) }];
    }
    if (sub === '/rooms' && method === 'GET') return (need('ManageRooms'), [200, { rooms: rooms.map((r) => roomView(r, u)) }]);
    if (sub === '/recordings' && method === 'GET') {
      need('ManageRecordings');
      const list = [...recordings].sort((a, c) => c.startTime - a.startTime).slice(0, 1000);
      return [
        200,
        {
          recordings: list.map((rec) => {
            const r = rooms.find((x) => x.friendlyId === rec.roomId);
            const owner = users.find((x) => x.id === r?.ownerId);
            return { ...recView(rec), room: { friendlyId: rec.roomId, name: r?.name ?? '' }, owner: { id: owner?.id ?? '', name: owner?.name ?? '' } };
          }),
        },
      ];
    }
    if (sub === '/logo' && method === 'DELETE') {
      need('ManageSiteSettings');
      logo = null;
      site.logoUrl = null;
      return [204];
    }
    if (sub === '/usage' && method === 'GET') return (can(u, 'ManageUsers') || need('ManageSiteSettings'), [200, { users: users.length, rooms: rooms.length, runningMeetings: rooms.filter((r) => r.running).length, recordings: recordings.length }]);
  }
  fail(404, 'notFound', 'No such endpoint.');
}

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.png': 'image/png', '.ico': 'image/x-icon' };

createServer(async (req, res) => {
  const url = new URL(req.url, base);
  const path = url.pathname;
  try {
    if (path === '/api/v1/site/logo' && req.method === 'GET') {
      if (!logo) return void res.writeHead(404, { 'Content-Type': 'application/json; charset=utf-8' }).end(JSON.stringify({ error: { code: 'notFound', message: 'No logo.' } }));
      res.writeHead(200, { 'Content-Type': logo.type, 'Cache-Control': 'public, max-age=31536000, immutable', 'X-Content-Type-Options': 'nosniff', 'Content-Security-Policy': "default-src 'none'; style-src 'unsafe-inline'; sandbox" });
      return void res.end(logo.data);
    }
    if (path.startsWith('/api/v1/')) {
      const s = session(req, res);
      const [status, data] = await api(req, res, path.slice('/api/v1'.length), s);
      if (status === SENT) return;
      res.writeHead(status, data === undefined ? {} : { 'Content-Type': 'application/json; charset=utf-8', 'Cache-Control': 'no-store' });
      res.end(data === undefined ? undefined : JSON.stringify(data));
      return;
    }
    let m;
    if ((m = /^\/mock\/(start|end)\/([^/]+)$/.exec(path))) {
      const r = rooms.find((x) => x.friendlyId === m[2]);
      if (r) r.running = m[1] === 'start';
      res.writeHead(r ? 200 : 404, { 'Content-Type': 'text/plain' }).end(r ? `${m[2]} running=${r.running}\n` : 'no such room\n');
      return;
    }
    if (path === '/mock/last-email') return void res.writeHead(200, { 'Content-Type': 'text/plain' }).end(lastEmail + '\n');
    if (path === '/mock/joined' || path.startsWith('/mock/playback/')) {
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8' });
      res.end(`<!doctype html><html lang="en"><title>Mock conference</title><main><h1 data-testid="mock-joined">${path}</h1><pre>${[...url.searchParams].map(([k, v]) => `${k}=${v}`.replace(/[<&]/g, '')).join('\n')}</pre></main>`);
      return;
    }
    const file = normalize(join(dist, decodeURIComponent(path)));
    const isAsset = file.startsWith(dist) && extname(file) !== '' && !file.endsWith('/');
    try {
      if (!isAsset) throw new Error('spa');
      const data = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[extname(file)] ?? 'application/octet-stream', 'Cache-Control': 'public, max-age=31536000, immutable' });
      res.end(data);
    } catch {
      if (path.startsWith('/assets/')) return void res.writeHead(404).end();
      res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-cache' });
      res.end(await readFile(join(dist, 'index.html')));
    }
  } catch (e) {
    if (e instanceof HttpError) {
      const headers = { 'Content-Type': 'application/json; charset=utf-8' };
      if (e.extra.retryAfter) headers['Retry-After'] = String(e.extra.retryAfter);
      const err = { code: e.code, message: e.message };
      if (e.extra.field) err.field = e.extra.field;
      res.writeHead(e.status, headers).end(JSON.stringify({ error: err }));
    } else {
      console.error(e);
      res.writeHead(500, { 'Content-Type': 'application/json' }).end(JSON.stringify({ error: { code: 'serverError', message: 'Internal error' } }));
    }
  }
}).listen(port, '127.0.0.1', () => console.log(`mock portal on ${base}`));
