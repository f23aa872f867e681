// A recorded meeting from start to playback: a node records it (record and
// autoStartRecording), hands the presentation format to the gateway's spool
// when it ends, the gateway imports it for the tenant, and its player and
// events play from the gateway. Nothing secret (passwords) is in it. The
// node answers the recording calls for its own copy.
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { eventually, openSession } from '../lib/harness.mjs';
import { asList, call, closeAll, expectSuccess, uniqueId } from '../lib/api.mjs';
import { backends, federationFixture } from '../lib/gateway.mjs';

const [sqlite] = backends();

describe('a meeting recorded on a node plays through the gateway', () => {
  const root = mkdtempSync(join(tmpdir(), 'bluemeet-recorded-'));
  mkdirSync(join(root, 'spool'), { recursive: true });
  after(() => rmSync(root, { recursive: true, force: true }));
  const f = federationFixture(sqlite, {
    nodes: [{}], tenants: { campus: {} }, gatewayArgs: ['--recordings', root], nodeArgs: ['--spool', join(root, 'spool')],
  });
  const sessions = [];
  after(() => closeAll(sessions));

  test('record, chat, end: the recording appears and plays', async () => {
    const meetingID = uniqueId('recorded');
    const created = expectSuccess(await call(f.clients.campus, 'create', {
      meetingID, name: 'Recorded lecture', record: 'true', autoStartRecording: 'true', moderatorPW: 'very-secret-mod',
      'meta_bbb-origin': 'test',
    }));
    const joined = expectSuccess(await call(f.clients.campus, 'join', {
      meetingID, fullName: 'Ada Lovelace', role: 'MODERATOR', redirect: 'false',
    }));
    const session = await openSession(f.nodes[0], joined.session_token);
    sessions.push(session);
    await session.next('welcome');
    session.send({ type: 'chatSend', text: 'Notes for the recording' });
    await session.next('chat');
    expectSuccess(await call(f.clients.campus, 'end', { meetingID }));

    const rec = await eventually(async () => asList(expectSuccess(await call(f.clients.campus, 'getRecordings', { meetingID })).recordings?.recording)[0], { timeoutMs: 20000 });
    assert.equal(rec.recordID, created.internalMeetingID);
    assert.equal(rec.meetingID, meetingID);
    assert.equal(rec.name, 'Recorded lecture');
    assert.equal(rec.metadata['bbb-origin'], 'test');
    const format = asList(rec.playback.format)[0];
    assert.equal(format.type, 'presentation');

    const page = await fetch(format.url);
    assert.equal(page.status, 200);
    assert.match(await page.text(), /<title>Recording<\/title>/);
    const events = await (await fetch(`${format.url}events.json`)).json();
    assert.equal(events.name, 'Recorded lecture');
    const ids = events.events.map((e) => e.event.data.id);
    assert.ok(ids.includes('user-joined') && ids.includes('chat-group-message-sent'), ids.join());
    const chat = events.events.find((e) => e.event.data.id === 'chat-group-message-sent');
    assert.equal(chat.event.data.attributes['chat-message'].message, 'Notes for the recording');
    assert.ok(chat.offset >= 0);
    assert.doesNotMatch(JSON.stringify(events), /very-secret-mod/);

    // The node answers for its own copy, as a BigBlueButton server does.
    const [node] = f.nodes;
    const own = asList(expectSuccess(await call(node, 'getRecordings', { meetingID: `campus~${meetingID}` })).recordings?.recording)[0];
    assert.equal(own.recordID, rec.recordID);
    const ownUrl = asList(own.playback.format)[0].url;
    assert.equal(ownUrl, `${node.url}/playback/presentation/${rec.recordID}/`);
    assert.equal((await fetch(ownUrl)).status, 200);
    expectSuccess(await call(node, 'updateRecordings', { recordID: rec.recordID, meta_course: 'history' }));
    assert.equal(expectSuccess(await call(node, 'publishRecordings', { recordID: rec.recordID, publish: 'false' })).published, 'false');
    const hidden = asList(expectSuccess(await call(node, 'getRecordings', { recordID: rec.recordID })).recordings?.recording)[0];
    assert.equal(hidden.state, 'unpublished');
    assert.equal(hidden.metadata.course, 'history');
    assert.equal((await fetch(ownUrl)).status, 404);
    expectSuccess(await call(node, 'deleteRecordings', { recordID: rec.recordID }));
    expectSuccess(await call(node, 'getRecordings', { recordID: rec.recordID }), 'noRecordings');
    // The gateway's copy is the federation's: untouched.
    assert.equal((await fetch(format.url)).status, 200);
  });
});
