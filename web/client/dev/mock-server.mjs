#!/usr/bin/env node
// A stand-in for the node's client side (docs/session-protocol.md), for developing and
// screenshotting the web client without the C++ server. Plain Node, no dependencies:
// serves dist/ under /client/ and speaks the session protocol over a minimal WebSocket.
//
//   npm run build && node dev/mock-server.mjs [--port 8090]
//   open http://127.0.0.1:8090/client/join?sessionToken=mod
//
// Session tokens:
//   mod, mod-<name>      a moderator            view, view-<name>   a (locked) viewer
//   guest                a guest: `waiting`, then admitted after 2 s
//   g-<name>             a guest who waits until a moderator decides
//   anything else        the upgrade is refused with 401
//
// The meeting has a presentation (a PDF and a PNG made by dev/sample-docs.mjs), served at
// /bigbluebutton/presentation/<docId>?sessionToken=… as the node does; `presentationShow`
// from the presenter (token `mod` is presenter on joining) is broadcast as `presentation`.
//
// Test hooks (GET): /mock/drop (cut every socket), /mock/chat?text=…&name=… (API chat),
// /mock/error?code=…&message=… (error to every socket), /mock/reset, /mock/state.
// Listens on 127.0.0.1 only.
//
// Media: with --media (or MOCK_MEDIA=1) `welcome.media.enabled` is true and the media
// messages are answered so the controls can be exercised: there is no Janus, so each
// offer gets a made-up answer (accepted by the browser, but no packet ever flows), and
// the users' `media` state follows joins, mutes, cameras and shares as the node's would.
// Hooks: /mock/media-stop?user=<userId>&pc=audio|camera|screen|subscriber&reason=revoked|failed|ended;
// POST /mock/send?user=<userId> (the body, a JSON message, goes to that user's tabs) and
// /mock/media-log?since=N (media messages the pages sent) let a script play Janus's part.

import { createServer } from 'node:http';
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { extname, join, normalize, dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { makePdf, makePng } from './sample-docs.mjs';

const here = dirname(fileURLToPath(import.meta.url));
const DIST = join(here, '..', 'dist');
const argPort = process.argv.indexOf('--port');
const PORT = Number(argPort > 0 ? process.argv[argPort + 1] : process.env.PORT || 8090);
const HOST = '127.0.0.1';
const MEDIA = process.argv.includes('--media') || process.env.MOCK_MEDIA === '1';
const ORIGIN = `http://${HOST}:${PORT}`;
// As src/node/run_node.cc sends it, so a page that breaks it breaks here too.
const CSP =
  "default-src 'self'; connect-src 'self' ws: wss:; img-src 'self' data: https:; " +
  "style-src 'self' 'unsafe-inline'; frame-ancestors *";

// ---------------------------------------------------------------- minimal WebSocket (RFC 6455)

const GUID = '258EAFA5-E914-47DA-95CA-C5AB0DC85B11';
const MAX_FRAME = 256 * 1024;

function frame(opcode, payload) {
  const body = Buffer.isBuffer(payload) ? payload : Buffer.from(payload ?? '');
  let head;
  if (body.length < 126) {
    head = Buffer.from([0x80 | opcode, body.length]);
  } else if (body.length < 65536) {
    head = Buffer.alloc(4);
    head[0] = 0x80 | opcode;
    head[1] = 126;
    head.writeUInt16BE(body.length, 2);
  } else {
    head = Buffer.alloc(10);
    head[0] = 0x80 | opcode;
    head[1] = 127;
    head.writeBigUInt64BE(BigInt(body.length), 2);
  }
  return Buffer.concat([head, body]);
}

class Conn {
  constructor(socket, onText, onClose) {
    this.socket = socket;
    this.buf = Buffer.alloc(0);
    this.frag = [];
    this.closed = false;
    this.onText = onText;
    this.onClose = onClose;
    socket.on('data', (d) => this.data(d));
    socket.on('close', () => this.finish());
    socket.on('error', () => this.finish());
  }
  data(d) {
    this.buf = Buffer.concat([this.buf, d]);
    for (;;) {
      if (this.buf.length < 2) return;
      const b0 = this.buf[0];
      const b1 = this.buf[1];
      let len = b1 & 0x7f;
      let off = 2;
      if (len === 126) {
        if (this.buf.length < 4) return;
        len = this.buf.readUInt16BE(2);
        off = 4;
      } else if (len === 127) {
        if (this.buf.length < 10) return;
        len = Number(this.buf.readBigUInt64BE(2));
        off = 10;
      }
      if (len > MAX_FRAME) return this.close(1009, 'too big');
      const masked = (b1 & 0x80) !== 0;
      if (!masked) return this.close(1002, 'unmasked');
      if (this.buf.length < off + 4 + len) return;
      const mask = this.buf.subarray(off, off + 4);
      const payload = Buffer.from(this.buf.subarray(off + 4, off + 4 + len));
      for (let i = 0; i < payload.length; i++) payload[i] ^= mask[i & 3];
      this.buf = this.buf.subarray(off + 4 + len);
      const fin = (b0 & 0x80) !== 0;
      const op = b0 & 0x0f;
      if (op === 0x8) return this.close(1000);
      if (op === 0x9) {
        this.raw(frame(0xa, payload));
        continue;
      }
      if (op === 0xa) continue;
      if (op === 0x1 || op === 0x0) {
        this.frag.push(payload);
        if (fin) {
          const text = Buffer.concat(this.frag).toString('utf8');
          this.frag = [];
          if (text.length > MAX_FRAME) return this.close(1009, 'too big');
          this.onText(text);
        }
      }
    }
  }
  raw(b) {
    if (!this.closed) this.socket.write(b);
  }
  send(obj) {
    this.raw(frame(0x1, JSON.stringify(obj)));
  }
  close(code = 1000, reason = '') {
    if (this.closed) return;
    const p = Buffer.alloc(2 + Buffer.byteLength(reason));
    p.writeUInt16BE(code, 0);
    p.write(reason, 2);
    this.raw(frame(0x8, p));
    this.socket.end();
    this.finish();
  }
  drop() {
    this.socket.destroy();
    this.finish();
  }
  finish() {
    if (this.closed) return;
    this.closed = true;
    this.onClose();
  }
}

// ---------------------------------------------------------------- the mock meeting

const DOC_FILES = new Map([
  [
    'd1',
    {
      name: 'Design review.pdf',
      kind: 'pdf',
      type: 'application/pdf',
      downloadable: true,
      bytes: makePdf([
        { title: 'Weekly Design Review', color: [0.12, 0.31, 0.82] },
        { title: 'Onboarding flow (v3)', color: [0.09, 0.55, 0.33] },
        { title: 'Release checklist', color: [0.76, 0.15, 0.18] },
        { title: 'Open questions', color: [0.71, 0.33, 0.04] },
        { title: 'Thank you!', color: [0.35, 0.2, 0.6] },
      ]),
    },
  ],
  ['d2', { name: 'Mockup.png', kind: 'png', type: 'image/png', downloadable: false, bytes: makePng(640, 400, [31, 79, 209], [245, 158, 11]) }],
]);

/** The presentation as one user sees it: document URLs carry their own token. */
function presentationFor(token) {
  const docs = [...DOC_FILES].map(([id, f]) => ({
    id,
    name: f.name,
    kind: f.kind,
    url: `/bigbluebutton/presentation/${id}?sessionToken=${encodeURIComponent(token)}`,
    downloadable: f.downloadable,
  }));
  return { docs, ...presentation };
}

const noMedia = () => ({ audio: 'none', muted: false, talking: false, video: false, screen: false });
const mkUser = (userId, name, role, extra = {}) => ({
  userId,
  extUserId: userId,
  name,
  role,
  presenter: false,
  raisedHand: false,
  guest: false,
  locked: role === 'VIEWER',
  media: noMedia(),
  ...extra,
});

let meeting;
let users; // userId -> User (present)
let chat;
let guests; // waiting guests (userId -> Guest)
let lock;
let chatSeq;
let presentation;
let muteAllRule; // mute-all in force (media): null, or { exceptPresenter }
const mediaLog = []; // { n, userId, msg } of every media message since the reset, for /mock/media-log
const conns = new Map(); // userId -> Set<Conn>
const admitted = new Set(); // guest userIds let in
const denied = new Set();
const gone = new Set(); // userIds that ended/were removed: their tokens are dead until /mock/reset

function reset() {
  const now = Date.now();
  meeting = {
    name: 'Weekly Design Review',
    meetingId: 'design-review',
    internalMeetingId: 'b1c2d3e4f5a6-1732430000000',
    welcome:
      'Welcome to <b>Weekly Design Review</b>!<br>Please keep your microphone muted when not speaking. ' +
      'Agenda: <ul><li>Onboarding flow</li><li>Release checklist</li></ul>' +
      'Notes live in the <a href="https://example.org/notes">team wiki</a>.<script>alert(1)</script>' +
      '<img src=x onerror=alert(1)>',
    bannerText: 'Q3 planning: please review the roadmap doc before Thursday',
    bannerColor: '#1e3a8a',
    logoutUrl: `${ORIGIN}/logged-out`,
    recording: true,
    guestPolicy: 'ASK_MODERATOR',
    createTime: now - 23 * 60000,
    durationMinutes: 0,
  };
  users = new Map();
  for (const u of [
    mkUser('w_bots01', 'Dmitri Volkov', 'MODERATOR', MEDIA ? { media: { ...noMedia(), audio: 'mic' } } : {}),
    mkUser('w_bots02', 'Bob Lee', 'VIEWER', { raisedHand: true, media: { ...noMedia(), audio: MEDIA ? 'listen' : 'none' } }),
    mkUser('w_bots03', 'Chiara Rossi', 'VIEWER', { media: { ...noMedia(), audio: MEDIA ? 'mic' : 'none', talking: true } }),
    mkUser('w_bots04', 'Émile Durand', 'VIEWER', { guest: true, media: { ...noMedia(), audio: MEDIA ? 'mic' : 'none', muted: MEDIA } }),
    mkUser('w_bots05', 'Priya Natarajan', 'VIEWER'),
  ])
    users.set(u.userId, u);
  chatSeq = 0;
  chat = [];
  const say = (u, text, ago) =>
    chat.push({ id: ++chatSeq, userId: u?.userId ?? '', name: u?.name ?? 'Scheduler', text, ts: now - ago * 1000 });
  const b = (id) => users.get(id);
  say(null, 'Recording will be available in the archive after the meeting.', 620);
  say(b('w_bots01'), 'Morning all! Starting in two minutes.', 540);
  say(b('w_bots03'), 'Hi! I pushed the new onboarding mockups last night.', 300);
  say(b('w_bots03'), 'Link is in the wiki, page "Onboarding v3".', 290);
  say(b('w_bots02'), 'Quick question about the release checklist <b>before</b> we start — is QA signing off today?', 95);
  say(b('w_bots05'), 'Great, thanks!', 40);
  guests = new Map([
    ['w_guest91', { userId: 'w_guest91', name: 'Farid Haddad', since: now - 3 * 60000 }],
    ['w_guest92', { userId: 'w_guest92', name: 'Hannah Kim', since: now - 40000 }],
  ]);
  lock = {
    disableCam: false,
    disableMic: false,
    disablePrivateChat: false,
    disablePublicChat: false,
    disableNotes: false,
    hideUserList: false,
    lockOnJoin: true,
  };
  presentation = { current: 'd1', page: 1 };
  muteAllRule = null;
  mediaLog.length = 0;
  admitted.clear();
  denied.clear();
  gone.clear();
}
reset();

function identity(token) {
  const cap = (s) => s.replace(/[-_]+/g, ' ').replace(/\b\w/g, (c) => c.toUpperCase());
  let m;
  if (token === 'mod') return { userId: 'w_mod', name: 'Alice Moreau', role: 'MODERATOR' };
  if (token === 'view') return { userId: 'w_view', name: 'Sam Taylor', role: 'VIEWER' };
  if (token === 'guest') return { userId: 'w_guest', name: 'Gina Ospite', role: 'VIEWER', guest: true, autoAdmit: true };
  if ((m = /^mod-([\w-]{1,40})$/.exec(token))) return { userId: `w_mod_${m[1]}`, name: cap(m[1]), role: 'MODERATOR' };
  if ((m = /^view-([\w-]{1,40})$/.exec(token))) return { userId: `w_view_${m[1]}`, name: cap(m[1]), role: 'VIEWER' };
  if ((m = /^g-([\w-]{1,40})$/.exec(token))) return { userId: `w_g_${m[1]}`, name: cap(m[1]), role: 'VIEWER', guest: true };
  return null;
}

const moderators = () => [...users.values()].filter((u) => u.role === 'MODERATOR');
const connsOf = (userId) => conns.get(userId) ?? new Set();

function sendTo(userId, msg) {
  for (const c of connsOf(userId)) c.send(msg);
}
function broadcast(msg, except) {
  for (const [userId, set] of conns) {
    if (userId === except || !users.has(userId)) continue;
    for (const c of set) c.send(msg);
  }
}
function broadcastGuests() {
  const list = [...guests.values()];
  for (const m of moderators()) sendTo(m.userId, { type: 'guests', guests: list });
}
function welcomeFor(userId, token) {
  const you = users.get(userId);
  return {
    type: 'welcome',
    you,
    meeting,
    lock,
    users: [...users.values()],
    chat: chat.slice(-200),
    guests: you.role === 'MODERATOR' ? [...guests.values()] : [],
    media: MEDIA ? { enabled: true, iceServers: [], mutedAll: muteAllRule !== null } : { enabled: false, reason: 'Media is not configured on this node' },
    presentation: presentationFor(token),
  };
}
const tokens = new Map(); // userId -> session token (document URLs carry it)
function admit(id) {
  const g = guests.get(id);
  guests.delete(id);
  admitted.add(id);
  broadcastGuests();
  if (!users.has(id) && g) {
    const u = mkUser(id, g.name, 'VIEWER', { guest: true, locked: lock.lockOnJoin });
    users.set(id, u);
    broadcast({ type: 'userJoined', user: u }, id);
  }
  sendTo(id, welcomeFor(id, tokens.get(id)));
}
function deny(id) {
  guests.delete(id);
  denied.add(id);
  broadcastGuests();
  for (const c of connsOf(id)) {
    c.send({ type: 'denied', logoutUrl: meeting.logoutUrl });
    c.close(1000);
  }
}
function endFor(userId, reason) {
  gone.add(userId);
  for (const c of connsOf(userId)) {
    c.send({ type: 'ended', reason, logoutUrl: meeting.logoutUrl });
    c.close(1000);
  }
  conns.delete(userId);
  if (users.delete(userId)) broadcast({ type: 'userLeft', userId });
}
function update(u) {
  users.set(u.userId, u);
  broadcast({ type: 'userUpdated', user: u });
}

// ---------------------------------------------------------------- media (--media)

/** An answer in the right shape for an offer: first codec of each m-line, made-up ICE and DTLS. */
function fakeAnswer(offer) {
  const lines = String(offer).split(/\r?\n/).filter(Boolean);
  const out = ['v=0', `o=- ${Date.now()} 2 IN IP4 127.0.0.1`, 's=-', 't=0 0'];
  const group = lines.find((l) => l.startsWith('a=group:BUNDLE'));
  if (group) out.push(group);
  const flip = { sendrecv: 'sendrecv', sendonly: 'recvonly', recvonly: 'sendonly', inactive: 'inactive' };
  const fp = Array.from({ length: 32 }, (_, i) => (i * 7 + 16).toString(16).toUpperCase().padStart(2, '0')).join(':');
  let section = null;
  const flush = () => {
    if (!section) return;
    const [m, ...rest] = section;
    const parts = m.split(' ');
    const pt = parts[3];
    out.push(`${parts[0]} ${parts[1]} ${parts[2]} ${pt}`, 'c=IN IP4 0.0.0.0');
    const mid = rest.find((l) => l.startsWith('a=mid:'));
    if (mid) out.push(mid);
    out.push('a=ice-ufrag:mock', 'a=ice-pwd:mockmockmockmockmockmock', `a=fingerprint:sha-256 ${fp}`, 'a=setup:active');
    const dir = rest.map((l) => l.slice(2)).find((l) => l in flip) ?? 'sendrecv';
    out.push(`a=${flip[dir]}`, 'a=rtcp-mux');
    for (const l of rest) if (l.startsWith(`a=rtpmap:${pt} `) || l.startsWith(`a=fmtp:${pt} `)) out.push(l);
  };
  for (const l of lines) {
    if (l.startsWith('m=')) {
      flush();
      section = [l];
    } else if (section) section.push(l);
  }
  flush();
  return out.join('\r\n') + '\r\n';
}

function setMedia(u, patch) {
  update({ ...u, media: { ...u.media, ...patch } });
}
const micLocked = (u) => u.role !== 'MODERATOR' && u.locked && lock.disableMic;
const camLocked = (u) => u.role !== 'MODERATOR' && u.locked && lock.disableCam;

function onMedia(me, conn, m) {
  mediaLog.push({ n: mediaLog.length, userId: me.userId, msg: m });
  // A refused media request names its connection (as the node's error.pc; "" for mute).
  const pc = m.type === 'mediaAudioJoin' ? 'audio' : m.type === 'mediaPublish' ? m.source : typeof m.pc === 'string' ? m.pc : '';
  const err = (code, message) => conn.send({ type: 'error', code, message, pc });
  const mod = me.role === 'MODERATOR';
  switch (m.type) {
    case 'mediaAudioJoin': {
      if (typeof m.sdp !== 'string') return err('badRequest', 'No SDP');
      conn.send({ type: 'mediaAnswer', pc: 'audio', sdp: fakeAnswer(m.sdp) });
      const listen = m.listenOnly === true;
      const muted = !listen && (micLocked(me) || (muteAllRule !== null && !(muteAllRule.exceptPresenter && me.presenter)));
      return setMedia(me, { audio: listen ? 'listen' : 'mic', muted });
    }
    case 'mediaPublish': {
      if (typeof m.sdp !== 'string' || (m.source !== 'camera' && m.source !== 'screen')) return err('badRequest', 'Bad publish');
      if (m.source === 'camera' && camLocked(me)) return err('locked', 'Webcams are locked');
      if (m.source === 'screen' && !me.presenter) return err('forbidden', 'Presenter only');
      conn.send({ type: 'mediaAnswer', pc: m.source, sdp: fakeAnswer(m.sdp) });
      return setMedia(me, m.source === 'camera' ? { video: true } : { screen: true });
    }
    case 'mediaStop': {
      if (m.pc === 'audio') return setMedia(me, { audio: 'none', muted: false, talking: false });
      if (m.pc === 'camera') return setMedia(me, { video: false });
      if (m.pc === 'screen') return setMedia(me, { screen: false });
      return undefined;
    }
    case 'mediaMute': {
      const target = m.userId && m.userId !== me.userId ? users.get(m.userId) : me;
      if (!target) return err('badRequest', 'No such user');
      if (target !== me && (!mod || !m.muted)) return err('forbidden', 'Moderators mute others, never unmute');
      if (target.media.audio !== 'mic') return err('badRequest', 'Not on the microphone');
      if (!m.muted && micLocked(me)) return err('locked', 'Microphones are locked');
      return setMedia(target, { muted: !!m.muted, talking: false });
    }
    case 'mediaMuteAll': {
      if (!mod) return err('forbidden', 'Moderators only');
      if ((muteAllRule !== null) !== !!m.muted) broadcast({ type: 'mediaMutedAll', muted: !!m.muted });
      muteAllRule = m.muted ? { exceptPresenter: !!m.exceptPresenter } : null;
      if (!m.muted) return undefined;
      for (const u of users.values())
        if (u.role !== 'MODERATOR' && u.media.audio === 'mic' && !u.media.muted && !(m.exceptPresenter && u.presenter))
          setMedia(u, { muted: true, talking: false });
      return undefined;
    }
    default:
      return undefined; // mediaCandidate, mediaAnswer: nothing to do without Janus
  }
}

/** The node takes media away: tell the user's tabs and update the shared state. */
function stopMedia(userId, pc, reason) {
  sendTo(userId, { type: 'mediaStopped', pc, reason });
  const u = users.get(userId);
  if (!u) return;
  if (pc === 'audio') setMedia(u, { audio: 'none', muted: false, talking: false });
  if (pc === 'camera') setMedia(u, { video: false });
  if (pc === 'screen') setMedia(u, { screen: false });
}

function onMessage(userId, conn, text) {
  // rate limit: 20 messages a second per socket; ICE candidates 50 a second of their own
  const now = Date.now();
  const lane = text.startsWith('{"type":"mediaCandidate"') ? 'candTimes' : 'times';
  conn[lane] = (conn[lane] ?? []).filter((t) => now - t < 1000);
  conn[lane].push(now);
  if (conn[lane].length > (lane === 'times' ? 20 : 50)) return conn.send({ type: 'error', code: 'rateLimited', message: 'Too many messages' });
  let m;
  try {
    m = JSON.parse(text);
  } catch {
    return conn.send({ type: 'error', code: 'badRequest', message: 'Not JSON' });
  }
  console.log(`[mock] ${userId} → ${text.slice(0, 200)}`);
  if (m.type === 'ping') return conn.send({ type: 'pong', id: m.id });
  const me = users.get(userId);
  if (!me) {
    if (m.type === 'leave') {
      guests.delete(userId);
      broadcastGuests();
      return endFor(userId, 'left');
    }
    return conn.send({ type: 'error', code: 'forbidden', message: 'Not admitted yet' });
  }
  const mod = me.role === 'MODERATOR';
  const forbid = () => conn.send({ type: 'error', code: 'forbidden', message: 'Moderators only' });
  switch (m.type) {
    case 'chatSend': {
      const t = typeof m.text === 'string' ? m.text.trim() : '';
      if (!t) return conn.send({ type: 'error', code: 'badRequest', message: 'Empty message' });
      if ([...t].length > 500) return conn.send({ type: 'error', code: 'tooLong', message: 'Over 500 characters' });
      if (!mod && me.locked && lock.disablePublicChat)
        return conn.send({ type: 'error', code: 'locked', message: 'Public chat is locked' });
      const msg = { id: ++chatSeq, userId, name: me.name, text: t, ts: Date.now() };
      chat.push(msg);
      return broadcast({ type: 'chat', message: msg });
    }
    case 'handSet': {
      const target = m.userId && m.userId !== userId ? users.get(m.userId) : me;
      if (!target) return conn.send({ type: 'error', code: 'badRequest', message: 'No such user' });
      if (target !== me && (!mod || m.raised)) return forbid();
      return update({ ...target, raisedHand: !!m.raised });
    }
    case 'presenterSet': {
      if (!mod) return forbid();
      const target = users.get(m.userId);
      if (!target) return conn.send({ type: 'error', code: 'badRequest', message: 'No such user' });
      for (const u of users.values()) {
        if (!u.presenter || u.userId === target.userId) continue;
        if (u.media.screen) stopMedia(u.userId, 'screen', 'revoked');
        update({ ...users.get(u.userId), presenter: false });
      }
      return update({ ...target, presenter: true });
    }
    case 'userRemove': {
      if (!mod) return forbid();
      if (!users.has(m.userId)) return conn.send({ type: 'error', code: 'badRequest', message: 'No such user' });
      return endFor(m.userId, 'removed');
    }
    case 'lockSet': {
      if (!mod) return forbid();
      lock = { ...lock, ...(m.lock ?? {}) };
      broadcast({ type: 'lock', lock });
      for (const u of users.values()) if (u.media.video && camLocked(u)) stopMedia(u.userId, 'camera', 'revoked');
      return undefined;
    }
    case 'meetingEnd': {
      if (!mod) return forbid();
      for (const id of [...conns.keys()]) endFor(id, 'ended');
      console.log('[mock] meeting ended; resetting');
      reset();
      return undefined;
    }
    case 'guestDecide': {
      if (!mod) return forbid();
      if (!guests.has(m.userId)) return conn.send({ type: 'error', code: 'badRequest', message: 'No such guest' });
      return m.allow ? admit(m.userId) : deny(m.userId);
    }
    case 'presentationShow': {
      if (!me.presenter) return conn.send({ type: 'error', code: 'forbidden', message: 'Presenter only' });
      const f = DOC_FILES.get(m.docId);
      if (!f || !Number.isInteger(m.page) || m.page < 1 || m.page > 5000)
        return conn.send({ type: 'error', code: 'badRequest', message: 'No such document or page' });
      presentation = { current: m.docId, page: f.kind === 'pdf' ? m.page : 1 };
      for (const [id, set] of conns) {
        if (!users.has(id)) continue;
        for (const c of set) c.send({ type: 'presentation', presentation: presentationFor(tokens.get(id)) });
      }
      return undefined;
    }
    case 'leave':
      return endFor(userId, 'left');
    default:
      if (MEDIA && typeof m.type === 'string' && m.type.startsWith('media')) return onMedia(me, conn, m);
      return undefined; // unknown types are ignored
  }
}

function onSocket(token, socket) {
  const who = identity(token);
  const userId = who.userId;
  tokens.set(userId, token);
  const conn = new Conn(
    socket,
    (text) => onMessage(userId, conn, text),
    () => {
      const set = conns.get(userId);
      if (!set) return;
      set.delete(conn);
      if (set.size === 0) {
        conns.delete(userId);
        // Last tab closed: the user leaves (a waiting guest stays in the list, as BBB does briefly).
        if (users.delete(userId)) broadcast({ type: 'userLeft', userId });
      }
    },
  );
  if (!conns.has(userId)) conns.set(userId, new Set());
  conns.get(userId).add(conn);

  if (who.guest && !admitted.has(userId) && !users.has(userId)) {
    conn.send({ type: 'waiting', message: 'The moderator will let you in shortly.' });
    if (!guests.has(userId)) {
      guests.set(userId, { userId, name: who.name, since: Date.now() });
      broadcastGuests();
    }
    if (who.autoAdmit) setTimeout(() => guests.has(userId) && admit(userId), 2000);
    return;
  }
  if (!users.has(userId)) {
    const u = mkUser(userId, who.name, who.role, {
      guest: !!who.guest,
      locked: who.role === 'VIEWER' && lock.lockOnJoin,
      presenter: token === 'mod' && ![...users.values()].some((x) => x.presenter),
    });
    users.set(userId, u);
    broadcast({ type: 'userJoined', user: u }, userId);
  }
  conn.send(welcomeFor(userId, token));
}

// ---------------------------------------------------------------- HTTP

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
  '.mjs': 'text/javascript; charset=utf-8',
};

async function serveFile(res, file, cache, headers = {}) {
  try {
    const st = await stat(file);
    if (!st.isFile()) throw new Error('not a file');
    const body = await readFile(file);
    res.writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'cache-control': cache,
      'x-content-type-options': 'nosniff',
      ...headers,
    });
    res.end(body);
  } catch {
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('not found');
  }
}

const server = createServer(async (req, res) => {
  const url = new URL(req.url, ORIGIN);
  const p = url.pathname;
  const json = (obj) => {
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify(obj));
  };
  if (p === '/') {
    res.writeHead(302, { location: '/client/join?sessionToken=mod' });
    return res.end();
  }
  if (p === '/logged-out') {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    return res.end('<!doctype html><title>Logged out</title><h1 style="font-family:sans-serif">You have left the meeting (mock logoutUrl)</h1>');
  }
  if (p === '/mock/drop') {
    for (const set of conns.values()) for (const c of [...set]) c.drop();
    return json({ dropped: true });
  }
  if (p === '/mock/chat') {
    const msg = {
      id: ++chatSeq,
      userId: '',
      name: url.searchParams.get('name') || 'API',
      text: url.searchParams.get('text') || 'Hello from the API',
      ts: Date.now(),
    };
    chat.push(msg);
    broadcast({ type: 'chat', message: msg });
    return json(msg);
  }
  if (p === '/mock/error') {
    const e = { type: 'error', code: url.searchParams.get('code') || 'forbidden', message: url.searchParams.get('message') || 'Refused by the mock' };
    for (const set of conns.values()) for (const c of set) c.send(e);
    return json(e);
  }
  if (p === '/mock/reset') {
    for (const set of conns.values()) for (const c of [...set]) c.drop();
    conns.clear();
    reset();
    return json({ reset: true });
  }
  if (p === '/mock/media-stop') {
    const userId = url.searchParams.get('user') || 'w_mod';
    const pc = url.searchParams.get('pc') || 'camera';
    const reason = url.searchParams.get('reason') || 'revoked';
    stopMedia(userId, pc, reason);
    return json({ userId, pc, reason });
  }
  if (p === '/mock/send' && req.method === 'POST') {
    let body = '';
    for await (const chunk of req) body += chunk;
    sendTo(url.searchParams.get('user') || 'w_mod', JSON.parse(body));
    return json({ sent: true });
  }
  if (p === '/mock/media-log') {
    return json(mediaLog.slice(Number(url.searchParams.get('since') || 0)));
  }
  if (p === '/mock/state') {
    return json({ users: [...users.values()], guests: [...guests.values()], lock, chat: chat.length });
  }
  const doc = /^\/bigbluebutton\/presentation\/(\w+)$/.exec(p);
  if (doc) {
    const who = identity(url.searchParams.get('sessionToken') ?? '');
    const f = DOC_FILES.get(doc[1]);
    if (!who || !users.has(who.userId) || !f) {
      res.writeHead(404, { 'content-type': 'text/plain' });
      return res.end('not found');
    }
    res.writeHead(200, {
      'content-type': f.type,
      'content-length': f.bytes.length,
      'x-content-type-options': 'nosniff',
      'cache-control': 'private, no-cache',
    });
    return res.end(req.method === 'HEAD' ? undefined : f.bytes);
  }
  if (p.startsWith('/client/assets/')) {
    const rel = normalize(p.slice('/client/'.length));
    if (rel.startsWith('..')) {
      res.writeHead(400);
      return res.end();
    }
    return serveFile(res, join(DIST, rel), 'public, max-age=31536000, immutable');
  }
  if (p === '/client' || p.startsWith('/client/')) {
    return serveFile(res, join(DIST, 'index.html'), 'no-cache', { 'content-security-policy': CSP });
  }
  res.writeHead(404, { 'content-type': 'text/plain' });
  res.end('not found');
});

server.on('upgrade', (req, socket) => {
  const url = new URL(req.url, ORIGIN);
  const token = url.searchParams.get('sessionToken') ?? '';
  const key = req.headers['sec-websocket-key'];
  const who = identity(token);
  const refuse = (status, text) => {
    socket.end(`HTTP/1.1 ${status} ${text}\r\nConnection: close\r\nContent-Length: 0\r\n\r\n`);
  };
  if (url.pathname !== '/client/ws' || !key || (req.headers.upgrade ?? '').toLowerCase() !== 'websocket') return refuse(400, 'Bad Request');
  if (!who || gone.has(who.userId) || denied.has(who.userId)) return refuse(401, 'Unauthorized');
  const accept = createHash('sha1').update(key + GUID).digest('base64');
  socket.write(
    'HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n' + `Sec-WebSocket-Accept: ${accept}\r\n\r\n`,
  );
  socket.setNoDelay(true);
  onSocket(token, socket);
});

server.listen(PORT, HOST, () => {
  console.log(`[mock] BlueMeet client mock on ${ORIGIN}/client/join?sessionToken=mod (also: view, guest, g-<name>)${MEDIA ? ', media on' : ''}`);
});

const stop = () => {
  for (const set of conns.values()) for (const c of [...set]) c.drop();
  server.close(() => process.exit(0));
  setTimeout(() => process.exit(0), 300).unref();
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
