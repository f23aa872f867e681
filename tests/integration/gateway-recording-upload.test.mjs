// Recordings from servers that share no storage with the gateway: a node
// started with --upload hands its recorded meeting to the gateway over HTTP,
// signed with its own secret, and the recording plays through the gateway.
// The endpoint stores nothing for a sender it cannot name, nothing whose
// body does not match its token, and a tar it accepts is imported like any
// other spool tar.
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { eventually, openSession } from '../lib/harness.mjs';
import { asList, call, closeAll, expectSuccess, uniqueId } from '../lib/api.mjs';
import { backends, federationFixture } from '../lib/gateway.mjs';
import { makeTar, metadataXml, sha1, spoolDir, uploadToken } from '../lib/recordings.mjs';

const [sqlite] = backends();
const sha256 = (bytes) => createHash('sha256').update(bytes).digest('hex');

describe('recordings uploaded by servers without shared storage', () => {
  const root = mkdtempSync(join(tmpdir(), 'bluemeet-upload-'));
  const scratch = mkdtempSync(join(tmpdir(), 'bluemeet-upload-src-'));
  after(() => {
    rmSync(root, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });
  const f = federationFixture(sqlite, { tenants: { campus: {} }, gatewayArgs: ['--recordings', root] });
  const sessions = [];
  after(() => closeAll(sessions));
  const endpoint = () => `${f.gateway.url}/gateway/recordings/upload`;
  // What the spool holds besides the layout's own directories: nothing, once uploads are done.
  const spoolEntries = () => readdirSync(spoolDir(root));
  const post = (body, headers = {}) => fetch(endpoint(), { method: 'POST', body, headers: { 'Content-Type': 'application/x-tar', ...headers } });

  test('a node with --upload hands its recorded meeting to the gateway', async () => {
    const { node, id } = await f.addNode({}, ['--upload', f.gateway.url]);
    await f.fed.waitHealth([id], 'online');
    const meetingID = uniqueId('uploaded');
    const created = expectSuccess(await call(f.clients.campus, 'create', {
      meetingID, name: 'Uploaded lecture', record: 'true', autoStartRecording: 'true',
    }));
    const joined = expectSuccess(await call(f.clients.campus, 'join', { meetingID, fullName: 'Grace Hopper', role: 'MODERATOR', redirect: 'false' }));
    const session = await openSession(node, joined.session_token);
    sessions.push(session);
    await session.next('welcome');
    session.send({ type: 'chatSend', text: 'sent over HTTP' });
    await session.next('chat');
    expectSuccess(await call(f.clients.campus, 'end', { meetingID }));

    const rec = await eventually(async () => asList(expectSuccess(await call(f.clients.campus, 'getRecordings', { meetingID })).recordings?.recording)[0], { timeoutMs: 20000 });
    assert.equal(rec.recordID, created.internalMeetingID);
    const url = asList(rec.playback.format)[0].url;
    const events = await (await fetch(`${url}events.json`)).json();
    assert.ok(events.events.some((e) => e.event.data.attributes?.['chat-message']?.message === 'sent over HTTP'));
    // The node's outbox is emptied once the gateway has the tar; the spool once it is imported.
    await eventually(() => readdirSync(join(node.dataDir, 'recordings', 'outbox')).length === 0);
    await eventually(() => spoolEntries().length === 0);
  });

  test('no token, another secret or an expired token: refused before anything is stored', async () => {
    const tar = readFileSync(makeTar(scratch, 'refused-1', { presentation: { 'metadata.xml': '<recording/>' } }));
    const digest = sha256(tar);
    const [node] = f.nodes;
    for (const headers of [
      {},
      { Authorization: 'Basic abc' },
      { Authorization: `Bearer ${uploadToken('not-the-node-secret', digest)}` },
      { Authorization: `Bearer ${uploadToken(node.secret, digest, { expiresIn: -60 })}` },
      { Authorization: `Bearer ${uploadToken(node.secret, digest, { aud: 'something-else' })}` },
    ]) {
      const r = await post(tar, headers);
      assert.equal(r.status, 401, JSON.stringify(headers));
    }
    assert.deepEqual(spoolEntries(), []);
  });

  test('a body that is not the tar its token names is refused and removed', async () => {
    const tar = readFileSync(makeTar(scratch, 'tampered-1', { presentation: { 'metadata.xml': '<recording/>' } }));
    const [node] = f.nodes;
    const r = await post(Buffer.concat([tar, Buffer.from('x')]), { Authorization: `Bearer ${uploadToken(node.secret, sha256(tar))}` });
    assert.equal(r.status, 400);
    assert.deepEqual(spoolEntries(), []);
  });

  test('a tar uploaded by a server imports for the tenant whose meeting made it; sending it again does no harm', async () => {
    const meetingID = uniqueId('bbb-upload');
    expectSuccess(await call(f.clients.campus, 'create', { meetingID, name: 'From a BBB server', record: 'true' }));
    const backendId = `campus~${meetingID}`;
    const recordId = `${sha1(backendId)}-${Date.now()}`;
    const tar = readFileSync(makeTar(scratch, recordId, {
      presentation: { 'metadata.xml': metadataXml({ recordId, backendId, name: 'From a BBB server', format: 'presentation' }), 'index.html': 'player' },
    }));
    const [node] = f.nodes;
    const auth = { Authorization: `Bearer ${uploadToken(node.secret, sha256(tar))}` };
    for (let i = 0; i < 2; i++) {
      const r = await post(tar, auth);
      assert.equal(r.status, 200, await r.text());
      const rec = await eventually(async () => asList(expectSuccess(await call(f.clients.campus, 'getRecordings', { meetingID })).recordings?.recording)[0]);
      assert.equal(rec.recordID, recordId);
      await eventually(() => spoolEntries().length === 0);
    }
    const all = asList(expectSuccess(await call(f.clients.campus, 'getRecordings', { meetingID })).recordings?.recording);
    assert.equal(all.length, 1);
    assert.ok(existsSync(join(root, 'published', 'presentation', recordId, 'index.html')));
  });

  test('an upload over the gateway\'s limit or without a length is refused', async () => {
    const [node] = f.nodes;
    const auth = `Bearer ${uploadToken(node.secret, '0'.repeat(64))}`;
    // A chunked body: no length to check before storing, so no upload.
    const chunked = await fetch(endpoint(), {
      method: 'POST', duplex: 'half', headers: { Authorization: auth },
      body: new ReadableStream({ start(c) { c.enqueue(new Uint8Array([1, 2, 3])); c.close(); } }),
    });
    assert.equal(chunked.status, 411);
    assert.deepEqual(spoolEntries(), []);
  });
});

describe('an upload to a full disk', () => {
  const root = mkdtempSync(join(tmpdir(), 'bluemeet-upload-full-'));
  const scratch = mkdtempSync(join(tmpdir(), 'bluemeet-upload-full-src-'));
  let mounted = false;
  if (process.getuid?.() === 0) {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=256k', 'tmpfs', root], { stdio: 'ignore' });
      mounted = true;
    } catch { /* no mount here: skipped */ }
  }
  after(() => {
    if (mounted) execFileSync('umount', [root]);
    rmSync(root, { recursive: true, force: true });
    rmSync(scratch, { recursive: true, force: true });
  });
  const f = federationFixture(mounted ? sqlite : { ...sqlite, skip: true }, { nodes: [{}], tenants: { campus: {} }, gatewayArgs: ['--recordings', root] });

  test('is refused with 507, leaves nothing behind, and succeeds once there is room', { skip: !mounted && 'needs root to mount a small tmpfs' }, async () => {
    const meetingID = uniqueId('full-upload');
    expectSuccess(await call(f.clients.campus, 'create', { meetingID, name: 'Big', record: 'true' }));
    const backendId = `campus~${meetingID}`;
    const recordId = `${sha1(backendId)}-${Date.now()}`;
    const tar = readFileSync(makeTar(scratch, recordId, { presentation: {
      'metadata.xml': metadataXml({ recordId, backendId, name: 'Big', format: 'presentation' }),
      'webcams.webm': 'w'.repeat(512 * 1024),
    } }));
    const [node] = f.nodes;
    const send = () => fetch(`${f.gateway.url}/gateway/recordings/upload`, {
      method: 'POST', body: tar, headers: { Authorization: `Bearer ${uploadToken(node.secret, sha256(tar))}` },
    }).then((r) => r.status, () => 'connection closed');
    const refused = await send();
    assert.ok(refused === 507 || refused === 'connection closed', String(refused));
    assert.deepEqual(readdirSync(spoolDir(root)), [], 'no partial upload left');
    execFileSync('mount', ['-o', 'remount,size=8m', root]);
    assert.equal(await send(), 200);
    const rec = await eventually(async () => asList(expectSuccess(await call(f.clients.campus, 'getRecordings', { meetingID })).recordings?.recording)[0]);
    assert.equal(rec.recordID, recordId);
  });
});
