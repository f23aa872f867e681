// The portal against a real gateway and node: accounts (sign-up, sign-in,
// sessions, CSRF, throttling), rooms (create, options, share, delete),
// start and join through the gateway as the owner, a guest with the access
// code and a waiting visitor, a recording announced by the gateway's
// recording-ready callback, attendance from the analytics callback, and
// administration, and a room's default presentation sent with its meeting's
// create. Runs on SQLite and (with BLUEMEET_TEST_PG_URL) on PostgreSQL
// for the portal's own database.
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { request as httpRequest } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { eventually, openSession } from '../lib/harness.mjs';
import { expectSuccess, call } from '../lib/api.mjs';
import { backends, federationFixture } from '../lib/gateway.mjs';
import { browser, startPortal } from '../lib/portal.mjs';

const ADMIN = { email: 'admin@example.org', password: 'admin-password-1' };
let dbSeq = 0;

function portalDb(backend) {
  if (backend.kind !== 'postgresql') return { args: [], drop: () => {} };
  const name = `bluemeet_portal_${process.pid}_${++dbSeq}`;
  spawnSync('psql', [backend.url, '-qAt', '-c', `CREATE DATABASE ${name}`]);
  const u = new URL(backend.url);
  u.pathname = '/' + name;
  return { args: ['--db', u.toString()], drop: () => spawnSync('psql', [backend.url, '-qAt', '-c', `DROP DATABASE IF EXISTS ${name} WITH (FORCE)`]) };
}

// A one-page PDF with a correct cross-reference table.
function onePagePdf() {
  const objs = ['<< /Type /Catalog /Pages 2 0 R >>', '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 100] >>'];
  let pdf = '%PDF-1.4\n';
  const offsets = objs.map((o, i) => { const at = pdf.length; pdf += `${i + 1} 0 obj\n${o}\nendobj\n`; return at; });
  const xref = pdf.length;
  pdf += `xref\n0 ${objs.length + 1}\n0000000000 65535 f \n${offsets.map((o) => `${String(o).padStart(10, '0')} 00000 n \n`).join('')}`;
  pdf += `trailer\n<< /Size ${objs.length + 1} /Root 1 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(pdf, 'latin1');
}

// The web app's upload: the file's bytes as the body, its name in the query, the browser's cookies and CSRF token.
function putPresentation(portalUrl, who, friendlyId, body, name) {
  return fetch(`${portalUrl}/api/v1/rooms/${friendlyId}/presentation?name=${encodeURIComponent(name)}`, {
    method: 'PUT', body, headers: { 'Content-Type': 'application/octet-stream', Cookie: [...who.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'X-CSRF-Token': who.jar.get('bm_csrf') ?? '' },
  });
}

// Declares a body of `length` bytes and waits for the server's go-ahead
// (Expect: 100-continue) before sending any: a refusal comes without one.
function declareUpload(portalUrl, who, friendlyId, length) {
  return new Promise((resolve, reject) => {
    const req = httpRequest(`${portalUrl}/api/v1/rooms/${friendlyId}/presentation?name=big.pdf`, {
      method: 'PUT',
      headers: { 'Content-Length': length, Expect: '100-continue', Cookie: [...who.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'X-CSRF-Token': who.jar.get('bm_csrf') },
    }, (res) => {
      let text = '';
      res.on('data', (d) => { text += d; });
      res.on('end', () => resolve({ status: res.statusCode, json: JSON.parse(text) }));
    });
    req.on('continue', () => reject(new Error('the server asked for the body of an upload it should refuse')));
    req.on('error', reject);
    req.end();
  });
}

for (const db of backends()) {
  describe(`the portal (${db.name})`, { skip: db.skip }, () => {
    const root = mkdtempSync(join(tmpdir(), 'bluemeet-portal-rec-'));
    const f = federationFixture(backends()[0], { nodes: [{}], tenants: { campus: {} }, gatewayArgs: ['--recordings', root] });
    let portal;
    let pg;
    before(async () => {
      pg = portalDb(db);
      portal = await startPortal({
        gatewayApi: `${f.gateway.url}/t/campus/bigbluebutton/api/`, secret: f.clients.campus.secret,
        args: ['--admin-email', ADMIN.email, '--admin-password', ADMIN.password, ...pg.args],
      });
    });
    after(async () => {
      await portal?.stop();
      pg?.drop();
      rmSync(root, { recursive: true, force: true });
    });
    const sessions = [];
    after(() => Promise.all(sessions.map((s) => s.close())));

    const ada = browser('');
    let room;

    test('the app is served for any page, the API tells who is signed in', async () => {
      Object.assign(ada, browser(portal.url));
      const page = await fetch(`${portal.url}/rooms/abc`);
      assert.ok([200, 503].includes(page.status), 'the single-page app (or its absence) answers every route');
      const s = await ada.session();
      assert.equal(s.user, null);
      assert.equal(s.site.registration, 'open');
      assert.ok(s.csrfToken.length >= 20);
    });

    test('sign-up, then sign-in; wrong passwords are refused and then throttled', async () => {
      await ada.session();
      const weak = await ada.post('users', { name: 'Ada', email: 'ada@example.org', password: 'short' });
      assert.equal(weak.status, 422);
      assert.equal(weak.json.error.code, 'weakPassword');
      const made = await ada.post('users', { name: 'Ada Lovelace', email: 'Ada@Example.org', password: 'analytical-engine' });
      assert.equal(made.status, 201, JSON.stringify(made.json));
      assert.equal(made.json.user.email, 'ada@example.org');
      assert.deepEqual(made.json.user.permissions.includes('CreateRoom'), true);
      // Nothing to verify or approve (no mail server here): signed in at once, with a new CSRF token.
      assert.ok(made.headers.getSetCookie().some((c) => c.startsWith('bm_session=')));
      assert.equal((await ada.session()).user.email, 'ada@example.org');
      const again = await ada.post('users', { name: 'Ada', email: 'ada@example.org', password: 'analytical-engine' });
      assert.equal(again.status, 409);
      assert.equal(again.json.error.code, 'emailTaken');

      const noCsrf = await ada.request('POST', 'session', { email: 'ada@example.org', password: 'analytical-engine' }, { csrf: 'forged' });
      assert.equal(noCsrf.status, 403);
      assert.equal(noCsrf.json.error.code, 'csrfInvalid');

      const mallory = browser(portal.url);
      await mallory.session();
      for (let i = 0; i < 5; i++) assert.equal((await mallory.post('session', { email: 'victim@example.org', password: `guess-${i}-xx` })).status, 401);
      const throttled = await mallory.post('session', { email: 'victim@example.org', password: 'guess-again' });
      assert.equal(throttled.status, 429);
      assert.ok(Number(throttled.headers.get('retry-after')) > 0);

      const ok = await ada.signIn('ada@example.org', 'analytical-engine');
      assert.equal(ok.status, 200);
      assert.equal((await ada.session()).user.name, 'Ada Lovelace');
      const cookie = ok.headers.getSetCookie().find((c) => c.startsWith('bm_session='));
      assert.match(cookie, /HttpOnly/);
      assert.match(cookie, /SameSite=Lax/);
    });

    test('rooms: create, list, change options, and a visitor sees only the public view', async () => {
      const made = await ada.post('rooms', { name: 'Analysis seminar' });
      assert.equal(made.status, 201);
      room = made.json.room;
      assert.match(room.friendlyId, /^[a-z0-9]{3}-[a-z0-9]{3}-[a-z0-9]{3}-[a-z0-9]{3}$/);
      assert.equal(room.url, `${portal.url}/r/${room.friendlyId}`);
      const changed = await ada.patch(`rooms/${room.friendlyId}`, { options: { viewerAccessCode: 'k3y', record: true } });
      assert.equal(changed.status, 200);
      assert.equal(changed.json.room.options.viewerAccessCode, 'k3y');
      const bad = await ada.patch(`rooms/${room.friendlyId}`, { options: { record: 'yes' } });
      assert.equal(bad.status, 422);
      const list = await ada.get('rooms');
      assert.deepEqual(list.json.rooms.map((r) => r.friendlyId), [room.friendlyId]);

      const visitor = browser(portal.url);
      await visitor.session();
      const view = await visitor.get(`rooms/${room.friendlyId}`);
      assert.equal(view.status, 200);
      assert.equal(view.json.room.viewerCodeRequired, true);
      assert.equal(view.json.room.options, undefined, 'no codes for visitors');
      assert.equal((await visitor.get('rooms')).status, 401);
      assert.equal((await visitor.get(`rooms/${room.friendlyId}/recordings`)).status, 404);
    });

    test('a visitor waits until the owner starts; then joins with the access code, as a viewer', async () => {
      const guest = browser(portal.url);
      await guest.session();
      assert.equal((await guest.post(`rooms/${room.friendlyId}/join`, { name: 'Guest' })).json.error.code, 'accessCodeRequired');
      assert.equal((await guest.post(`rooms/${room.friendlyId}/join`, { name: 'Guest', accessCode: 'nope' })).json.error.code, 'wrongAccessCode');
      const waiting = await guest.post(`rooms/${room.friendlyId}/join`, { name: 'Guest', accessCode: 'k3y' });
      assert.deepEqual(waiting.json, { waiting: true });
      assert.equal((await guest.post(`rooms/${room.friendlyId}/start`, { accessCode: 'k3y' })).status, 403, 'viewers do not start');

      const started = await ada.post(`rooms/${room.friendlyId}/start`);
      assert.equal(started.status, 200, JSON.stringify(started.json));
      // The join URL is the gateway's; following it lands in the node's client as a moderator.
      const hop = await fetch(started.json.joinUrl, { redirect: 'manual' });
      assert.equal(hop.status, 302, await hop.text());
      const atNode = await fetch(hop.headers.get('location'), { redirect: 'manual' });
      assert.equal(atNode.status, 302, `${hop.headers.get('location')}: ${await atNode.text()}`);
      const clientUrl = new URL(atNode.headers.get('location'));
      const [node] = f.nodes;
      const mod = await openSession(node, clientUrl.searchParams.get('sessionToken'));
      sessions.push(mod);
      const welcome = await mod.next('welcome');
      assert.equal(welcome.you.role, 'MODERATOR');
      assert.equal(welcome.you.name, 'Ada Lovelace');
      assert.equal(welcome.meeting.name, 'Analysis seminar');

      assert.equal((await guest.get(`rooms/${room.friendlyId}/status`)).json.running, true);
      const joined = await guest.post(`rooms/${room.friendlyId}/join`, { name: 'Guest', accessCode: 'k3y' });
      assert.ok(joined.json.joinUrl, JSON.stringify(joined.json));
      const joinUrl = new URL(joined.json.joinUrl);
      assert.equal(joinUrl.searchParams.get('role'), 'VIEWER');
      assert.equal(joinUrl.searchParams.get('fullName'), 'Guest');
      assert.equal((await ada.get('rooms')).json.rooms[0].running, true);
    });

    test('the gateway\'s recording-ready callback makes the recording appear in the room, and its visibility changes', async () => {
      const meetingID = new URL((await ada.post(`rooms/${room.friendlyId}/start`)).json.joinUrl).searchParams.get('meetingID');
      const { dropTar, metadataXml, sha1 } = await import('../lib/recordings.mjs');
      const backendId = `campus~${meetingID}`;
      const recordId = `${sha1(backendId)}-${Date.now()}`;
      dropTar(root, recordId, { presentation: { 'metadata.xml': metadataXml({ recordId, backendId, name: 'Analysis seminar', format: 'presentation' }), 'index.html': 'player' } });
      const recs = await eventually(async () => {
        const r = await ada.get(`rooms/${room.friendlyId}/recordings`);
        return r.json.recordings.length ? r.json.recordings : null;
      }, { timeoutMs: 20000 });
      assert.equal(recs[0].recordId, recordId);
      assert.equal(recs[0].visibility, 'published');
      assert.equal(recs[0].formats[0].type, 'presentation');

      const hidden = await ada.patch(`recordings/${recordId}`, { visibility: 'unpublished', name: 'Week 1' });
      assert.equal(hidden.status, 200, JSON.stringify(hidden.json));
      const atGateway = expectSuccess(await call(f.clients.campus, 'getRecordings', { recordID: recordId, state: 'any' }));
      assert.equal(atGateway.recordings.recording.published, 'false', 'the gateway follows the portal');
      const other = browser(portal.url);
      await other.session();
      await other.post('users', { name: 'Eve', email: 'eve@example.org', password: 'eve-password-1' });
      await other.signIn('eve@example.org', 'eve-password-1');
      assert.equal((await other.patch(`recordings/${recordId}`, { visibility: 'public' })).status, 404, 'not hers');
    });

    test('when the meeting ends, its attendance reaches the room\'s owner through the analytics callback', async () => {
      const meetingID = new URL((await ada.post(`rooms/${room.friendlyId}/start`)).json.joinUrl).searchParams.get('meetingID');
      expectSuccess(await call(f.clients.campus, 'end', { meetingID }));
      const sessions = await eventually(async () => {
        const r = await ada.get(`rooms/${room.friendlyId}/attendance`);
        return r.json.sessions.length ? r.json.sessions : null;
      }, { timeoutMs: 20000 });
      const ada1 = sessions[0].attendees.find((a) => a.name === 'Ada Lovelace');
      assert.ok(ada1, JSON.stringify(sessions[0]));
      assert.equal(ada1.moderator, true);
      assert.ok(ada1.joinedAt > 0 && sessions[0].startedAt > 0);
      const visitor = browser(portal.url);
      await visitor.session();
      assert.equal((await visitor.get(`rooms/${room.friendlyId}/attendance`)).status, 404, 'owners only');
    });

    test('co-owners manage the room; only the owner deletes it', async () => {
      const bob = browser(portal.url);
      await bob.session();
      await bob.post('users', { name: 'Bob', email: 'bob@example.org', password: 'bob-password-1' });
      await bob.signIn('bob@example.org', 'bob-password-1');
      assert.equal((await bob.get(`rooms/${room.friendlyId}/shares`)).status, 404);
      assert.equal((await ada.post(`rooms/${room.friendlyId}/shares`, { email: 'nobody@example.org' })).json.error.code, 'userNotFound');
      assert.equal((await ada.post(`rooms/${room.friendlyId}/shares`, { email: 'bob@example.org' })).status, 201);
      const bobs = await bob.get('rooms');
      assert.deepEqual(bobs.json.rooms.map((r) => [r.friendlyId, r.mine]), [[room.friendlyId, false]]);
      assert.equal((await bob.get(`rooms/${room.friendlyId}/recordings`)).json.recordings.length, 1);
      assert.equal((await bob.del(`rooms/${room.friendlyId}`)).status, 403);
    });

    test('administrators approve accounts when registration needs approval, and see usage', async () => {
      const admin = browser(portal.url);
      assert.equal((await admin.signIn(ADMIN.email, ADMIN.password)).status, 200);
      assert.equal((await ada.get('admin/users')).status, 403);
      assert.equal((await admin.patch('admin/settings', { registration: 'approval' })).json.registration, 'approval');
      const carol = browser(portal.url);
      await carol.session();
      const made = await carol.post('users', { name: 'Carol', email: 'carol@example.org', password: 'carol-password' });
      assert.equal(made.json.approvalRequired, true);
      assert.equal((await carol.signIn('carol@example.org', 'carol-password')).json.error.code, 'pendingApproval');
      const pending = await admin.get('admin/users?status=pending');
      const id = pending.json.users.find((u) => u.email === 'carol@example.org').id;
      assert.equal((await admin.patch(`admin/users/${id}`, { status: 'active' })).status, 200);
      assert.equal((await carol.signIn('carol@example.org', 'carol-password')).status, 200);
      const usage = await admin.get('admin/usage');
      assert.equal(usage.json.rooms, 1);
      assert.ok(usage.json.users >= 4);
      await admin.patch('admin/settings', { registration: 'open' });
    });

    test('administrators make custom roles; built-in ones and roles in use stay', async () => {
      const admin = browser(portal.url);
      await admin.signIn(ADMIN.email, ADMIN.password);
      const roles = (await admin.get('admin/roles')).json.roles;
      const byName = Object.fromEntries(roles.map((r) => [r.name, r]));
      assert.equal(byName.Administrator.builtin, true);
      assert.ok(byName.User.users >= 1);
      const made = await admin.post('admin/roles', { name: 'Teacher', permissions: ['CreateRoom', 'CanRecord', 'CreateRoom'] });
      assert.equal(made.status, 201);
      assert.deepEqual(made.json.role.permissions, ['CreateRoom', 'CanRecord']);
      assert.equal((await admin.post('admin/roles', { name: 'Teacher' })).json.error.code, 'nameTaken');
      assert.equal((await admin.post('admin/roles', { name: 'Bad', permissions: ['Everything'] })).status, 422);
      assert.equal((await admin.patch(`admin/roles/${byName.Administrator.id}`, { permissions: ['CreateRoom'] })).status, 422);
      assert.equal((await admin.patch(`admin/roles/${byName.User.id}`, { name: 'Member' })).status, 422);
      assert.equal((await admin.del(`admin/roles/${byName.Guest.id}`)).status, 422);

      const users = (await admin.get('admin/users')).json.users;
      const bob = users.find((u) => u.email === 'bob@example.org');
      assert.equal((await admin.patch(`admin/users/${bob.id}`, { roleId: made.json.role.id })).json.user.role.name, 'Teacher');
      assert.equal((await admin.del(`admin/roles/${made.json.role.id}`)).json.error.code, 'roleInUse');
      const renamed = await admin.patch(`admin/roles/${made.json.role.id}`, { name: 'Lecturer', permissions: ['CreateRoom'] });
      assert.deepEqual([renamed.json.role.name, renamed.json.role.permissions], ['Lecturer', ['CreateRoom']]);
      assert.equal((await ada.get('admin/roles')).status, 403);
    });

    test('administrators brand the site with a logo and see every room\'s recordings', async () => {
      const admin = browser(portal.url);
      await admin.signIn(ADMIN.email, ADMIN.password);
      const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(64, 1)]);
      // The image's own bytes and type, with the browser's cookies and CSRF token.
      const put = (body, type, who = admin) => fetch(`${portal.url}/api/v1/admin/logo`, {
        method: 'PUT', body, headers: { 'Content-Type': type, Cookie: [...who.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'X-CSRF-Token': who.jar.get('bm_csrf') },
      });
      assert.equal((await put(png, 'image/png')).status, 200);
      const site = (await admin.session()).site;
      assert.match(site.logoUrl, /^\/api\/v1\/site\/logo\?v=\d+$/);
      const served = await fetch(`${portal.url}${site.logoUrl}`);
      assert.equal(served.headers.get('content-type'), 'image/png');
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), png);
      assert.match(served.headers.get('content-security-policy'), /sandbox/);
      assert.equal((await put(Buffer.from('<html><script>alert(1)</script>'), 'image/svg+xml')).status, 415);
      assert.equal((await put(png, 'image/jpeg')).status, 415, 'the bytes decide, not the label');
      assert.equal((await put(Buffer.alloc(600 * 1024), 'image/png')).status, 413);
      assert.equal((await put(png, 'image/png', ada)).status, 403);
      assert.equal((await admin.del('admin/logo')).status, 204);
      const links = { privacyUrl: 'https://campus.example.org/privacy', accessibilityUrl: 'https://campus.example.org/a11y' };
      assert.equal((await admin.patch('admin/settings', links)).json.privacyUrl, links.privacyUrl);
      const bad = await admin.patch('admin/settings', { termsUrl: 'javascript:alert(1)' });
      assert.deepEqual([bad.status, bad.json.error.field], [422, 'termsUrl']);
      const shown = (await ada.session()).site;
      assert.deepEqual([shown.privacyUrl, shown.accessibilityUrl, shown.termsUrl], [links.privacyUrl, links.accessibilityUrl, '']);
      assert.equal((await admin.session()).site.logoUrl, null);

      const all = await admin.get('admin/recordings');
      assert.equal(all.status, 200);
      assert.deepEqual(all.json.recordings.map((r) => [r.room.friendlyId, r.owner.name]), [[room.friendlyId, 'Ada Lovelace']]);
      assert.equal((await ada.get('admin/recordings')).status, 403);
    });

    test('a room\'s owners upload its presentation (PDF, PNG or JPEG by its bytes, at most 20 MiB), download and remove it', async () => {
      const pdf = onePagePdf();
      const up = await putPresentation(portal.url, ada, room.friendlyId, pdf, 'Week 1 – slides.pdf');
      assert.equal(up.status, 200, await up.clone().text());
      assert.equal((await up.json()).presentation.name, 'Week 1 – slides.pdf');
      const shown = (await ada.get(`rooms/${room.friendlyId}`)).json.room.presentation;
      assert.deepEqual([shown.name, shown.size], ['Week 1 – slides.pdf', pdf.length]);
      assert.ok(shown.uploadedAt > 0);

      const got = await fetch(`${portal.url}/api/v1/rooms/${room.friendlyId}/presentation`, { headers: { Cookie: [...ada.jar].map(([k, v]) => `${k}=${v}`).join('; ') } });
      assert.equal(got.status, 200);
      assert.equal(got.headers.get('content-type'), 'application/pdf');
      assert.match(got.headers.get('content-disposition'), /^attachment; filename="Week 1 _ slides.pdf"; filename\*=UTF-8''Week%201%20%E2%80%93%20slides\.pdf$/);
      assert.equal(got.headers.get('x-content-type-options'), 'nosniff');
      assert.deepEqual(Buffer.from(await got.arrayBuffer()), pdf);

      const eve = browser(portal.url);
      await eve.signIn('eve@example.org', 'eve-password-1');
      const refused = await putPresentation(portal.url, eve, room.friendlyId, pdf, 'mine.pdf');
      assert.equal(refused.status, 403);
      assert.equal((await refused.json()).error.code, 'forbidden');
      assert.equal((await eve.get(`rooms/${room.friendlyId}/presentation`)).status, 403);
      assert.equal((await eve.del(`rooms/${room.friendlyId}/presentation`)).status, 403);
      assert.equal((await eve.get(`rooms/${room.friendlyId}`)).json.room.presentation, undefined, 'visitors do not see it');

      const text = await putPresentation(portal.url, ada, room.friendlyId, Buffer.from('just some notes, not a PDF\n'), 'notes.pdf');
      assert.equal(text.status, 415);
      assert.deepEqual((await text.json()).error.code, 'unsupportedType');
      const svg = await putPresentation(portal.url, ada, room.friendlyId, Buffer.from('<svg xmlns="http://www.w3.org/2000/svg"/>'), 'a.png');
      assert.equal(svg.status, 415);
      const noName = await putPresentation(portal.url, ada, room.friendlyId, pdf, '');
      assert.deepEqual([noName.status, (await noName.json()).error.field], [422, 'name']);
      const forged = await fetch(`${portal.url}/api/v1/rooms/${room.friendlyId}/presentation?name=x.pdf`, { method: 'PUT', body: pdf, headers: { Cookie: [...ada.jar].map(([k, v]) => `${k}=${v}`).join('; '), 'X-CSRF-Token': 'forged' } });
      assert.equal(forged.status, 403);
      const big = await declareUpload(portal.url, ada, room.friendlyId, 20 * 1024 * 1024 + 1);
      assert.deepEqual([big.status, big.json.error.code], [413, 'tooLarge']);
      assert.equal((await ada.get(`rooms/${room.friendlyId}`)).json.room.presentation.name, 'Week 1 – slides.pdf', 'refusals change nothing');

      // A co-owner replaces it; an administrator who manages rooms may too.
      const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(32, 7)]);
      const bob = browser(portal.url);
      await bob.signIn('bob@example.org', 'bob-password-1');
      assert.equal((await putPresentation(portal.url, bob, room.friendlyId, png, 'map.png')).status, 200);
      assert.equal((await ada.get(`rooms/${room.friendlyId}`)).json.room.presentation.name, 'map.png');
      const admin = browser(portal.url);
      await admin.signIn(ADMIN.email, ADMIN.password);
      assert.equal((await admin.del(`rooms/${room.friendlyId}/presentation`)).status, 204);
      assert.equal((await ada.get(`rooms/${room.friendlyId}`)).json.room.presentation, null);
      assert.equal((await ada.del(`rooms/${room.friendlyId}/presentation`)).status, 404);
      assert.equal((await ada.get(`rooms/${room.friendlyId}/presentation`)).status, 404);
    });

    test('starting a room sends its presentation with the create: the moderator\'s client is offered it', async () => {
      const pdf = onePagePdf();
      assert.equal((await putPresentation(portal.url, ada, room.friendlyId, pdf, 'Lezione 1 & <note>.pdf')).status, 200);
      const started = await ada.post(`rooms/${room.friendlyId}/start`);
      assert.equal(started.status, 200, JSON.stringify(started.json));
      const hop = await fetch(started.json.joinUrl, { redirect: 'manual' });
      const atNode = await fetch(hop.headers.get('location'), { redirect: 'manual' });
      const clientUrl = new URL(atNode.headers.get('location'));
      const [node] = f.nodes;
      const mod = await openSession(node, clientUrl.searchParams.get('sessionToken'));
      sessions.push(mod);
      const welcome = await mod.next('welcome');
      const [doc] = welcome.presentation.docs;
      assert.ok(doc, JSON.stringify(welcome.presentation));
      assert.equal(doc.name, 'Lezione 1 & <note>.pdf');
      assert.equal(doc.kind, 'pdf');
      const served = await fetch(new URL(doc.url, node.url));
      assert.equal(served.status, 200);
      assert.deepEqual(Buffer.from(await served.arrayBuffer()), pdf);
      assert.equal((await ada.del(`rooms/${room.friendlyId}/presentation`)).status, 204);
    });

    test('sign-out ends the session', async () => {
      assert.equal((await ada.del('session')).status, 204);
      assert.equal((await ada.session()).user, null);
      assert.equal((await ada.get('rooms')).status, 401);
    });
  });
}
