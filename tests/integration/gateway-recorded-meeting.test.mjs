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

  test('moderators start and pause recording from the client; only the recorded stretch plays', async () => {
    const unrecorded = uniqueId('never-started');
    expectSuccess(await call(f.clients.campus, 'create', { meetingID: unrecorded, name: 'Never started', record: 'true' }));
    const j0 = expectSuccess(await call(f.clients.campus, 'join', { meetingID: unrecorded, fullName: 'Nobody Records', role: 'MODERATOR', redirect: 'false' }));
    const s0 = await openSession(f.nodes[0], j0.session_token);
    sessions.push(s0);
    assert.equal((await s0.next('welcome')).meeting.recording, false);
    expectSuccess(await call(f.clients.campus, 'end', { meetingID: unrecorded }));

    const meetingID = uniqueId('start-stop');
    expectSuccess(await call(f.clients.campus, 'create', { meetingID, name: 'Start and stop', record: 'true' }));
    const mod = await openSession(f.nodes[0], expectSuccess(await call(f.clients.campus, 'join', { meetingID, fullName: 'Mo Derator', role: 'MODERATOR', redirect: 'false' })).session_token);
    const viewer = await openSession(f.nodes[0], expectSuccess(await call(f.clients.campus, 'join', { meetingID, fullName: 'Vi Ewer', role: 'VIEWER', redirect: 'false' })).session_token);
    sessions.push(mod, viewer);
    const welcome = await mod.next('welcome');
    assert.equal(welcome.meeting.recording, false);
    assert.equal(welcome.meeting.canRecord, true);
    await viewer.next('welcome');

    viewer.send({ type: 'recordingSet', recording: true });
    assert.equal((await viewer.next('error')).code, 'forbidden');
    mod.send({ type: 'chatSend', text: 'before the start' });
    await mod.next((m) => m.type === 'chat' && m.message.text === 'before the start');

    mod.send({ type: 'recordingSet', recording: true });
    assert.equal((await viewer.next('recording')).recording, true);
    assert.equal((await mod.next('recording')).recording, true);
    mod.send({ type: 'chatSend', text: 'while recording' });
    await mod.next((m) => m.type === 'chat' && m.message.text === 'while recording');
    mod.send({ type: 'recordingSet', recording: false });
    assert.equal((await viewer.next('recording')).recording, false);
    mod.send({ type: 'chatSend', text: 'after the pause' });
    await mod.next((m) => m.type === 'chat' && m.message.text === 'after the pause');
    expectSuccess(await call(f.clients.campus, 'end', { meetingID }));

    const rec = await eventually(async () => asList(expectSuccess(await call(f.clients.campus, 'getRecordings', { meetingID })).recordings?.recording)[0], { timeoutMs: 20000 });
    const url = asList(rec.playback.format)[0].url;
    const events = (await (await fetch(`${url}events.json`)).json()).events.map((e) => e.event.data);
    const ids = events.map((d) => d.id);
    assert.ok(ids.indexOf('meeting-recording-started') < ids.indexOf('meeting-recording-stopped'), ids.join());
    const chats = events.filter((d) => d.id === 'chat-group-message-sent').map((d) => d.attributes['chat-message'].message);
    assert.deepEqual(chats, ['while recording']);
    // The node works through ended meetings in order: the unrecorded one, ended first, made nothing.
    expectSuccess(await call(f.clients.campus, 'getRecordings', { meetingID: unrecorded }), 'noRecordings');
  });
});
