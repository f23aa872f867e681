// Tenants are kept apart by construction: the same meeting ID in two tenants
// is two meetings, no secret works under another tenant's prefix, no call
// reaches another tenant's meeting (not even by its backend ID), answers
// carry only the caller's own IDs, and voice bridges are unique across the
// federation. Tenant states, secret rotation and tenant parameters too.
// Each suite runs on SQLite and (with BLUEMEET_TEST_PG_URL) on PostgreSQL.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { openSession } from '../lib/harness.mjs';
import {
  asList, call, closeAll, expectErrorsEnvelope, expectFailed, expectSuccess, uniqueId,
} from '../lib/api.mjs';
import {
  backends, federationFixture, nodeMeetingIds, redirectErrorKeys, tenantClient,
} from '../lib/gateway.mjs';

const BACKEND_ID = /(alpha|beta)~/;

for (const db of backends()) {
  describe(`gateway tenant isolation (${db.name})`, { skip: db.skip }, () => {
    const f = federationFixture(db, {
      nodes: [{}, {}],
      tenants: { alpha: {}, beta: {}, gamma: { state: 'requested' }, susp: {}, rot: {}, pol: {} },
    });
    const A = () => f.clients.alpha;
    const B = () => f.clients.beta;

    // The nodes holding a backend meeting ID.
    async function holders(backendId) {
      const lists = await Promise.all(f.nodes.map((n) => nodeMeetingIds(n)));
      return f.nodes.filter((_, i) => lists[i].includes(backendId));
    }
    async function onBackend(backendId) {
      const [node, ...more] = await holders(backendId);
      assert.ok(node && more.length === 0, `${backendId} on exactly one node`);
      return expectSuccess(await call(node, 'getMeetingInfo', { meetingID: backendId }));
    }

    test('the same meetingID in two tenants is two meetings on the backends', async () => {
      const meetingID = uniqueId('shared');
      const a = expectSuccess(await call(A(), 'create', { name: 'Alpha room', meetingID }));
      const b = expectSuccess(await call(B(), 'create', { name: 'Beta room', meetingID }));
      assert.equal(a.meetingID, meetingID);
      assert.equal(b.meetingID, meetingID);
      assert.equal(a.messageKey, '', 'the second tenant\'s create is no duplicateWarning');
      assert.equal(b.messageKey, '');
      assert.notEqual(a.internalMeetingID, b.internalMeetingID);
      assert.notEqual(a.voiceBridge, b.voiceBridge);

      const onA = await onBackend(`alpha~${meetingID}`);
      const onB = await onBackend(`beta~${meetingID}`);
      assert.equal(onA.meetingName, 'Alpha room');
      assert.equal(onB.meetingName, 'Beta room');
      assert.equal(expectSuccess(await call(A(), 'getMeetingInfo', { meetingID })).meetingName, 'Alpha room');
      assert.equal(expectSuccess(await call(B(), 'getMeetingInfo', { meetingID })).meetingName, 'Beta room');

      // Ending one leaves the other running.
      expectSuccess(await call(A(), 'end', { meetingID }));
      expectFailed(await call(A(), 'getMeetingInfo', { meetingID }), 'notFound');
      assert.equal(expectSuccess(await call(B(), 'getMeetingInfo', { meetingID })).meetingName, 'Beta room');
      assert.equal((await holders(`beta~${meetingID}`)).length, 1);
      expectSuccess(await call(B(), 'end', { meetingID }));
    });

    test('a secret works only under its own tenant\'s prefix', async () => {
      const onB = { ...B(), secret: A().secret };
      expectFailed(await call(onB, 'getMeetings'), 'checksumError');
      expectFailed(await call(onB, 'create', { name: 'Intruder', meetingID: uniqueId('intruder') }), 'checksumError');
      // An unknown tenant looks like a wrong secret, and so does no tenant at all.
      expectFailed(await call({ ...A(), api: `${f.gateway.url}/t/nosuch/bigbluebutton/api/` }, 'getMeetings'), 'checksumError');
      expectFailed(await call({ ...A(), api: `${f.gateway.url}/bigbluebutton/api/` }, 'getMeetings'), 'checksumError');
      expectSuccess(await call(A(), 'getMeetings'));
    });

    test('a tenant cannot reach another tenant\'s meeting, not even by its backend ID', async () => {
      const meetingID = uniqueId('beta-only');
      const created = expectSuccess(await call(B(), 'create', { name: 'Beta private', meetingID, moderatorPW: 'beta-mod', attendeePW: 'beta-att' }));
      for (const id of [meetingID, `beta~${meetingID}`, created.internalMeetingID]) {
        expectFailed(await call(A(), 'getMeetingInfo', { meetingID: id }), 'notFound');
        assert.equal(expectSuccess(await call(A(), 'isMeetingRunning', { meetingID: id })).running, 'false');
        expectFailed(await call(A(), 'end', { meetingID: id, password: 'beta-mod' }), 'notFound');
        expectFailed(await call(A(), 'join', { meetingID: id, fullName: 'Intruder', password: 'beta-mod', redirect: 'false' }), 'notFound');
        const redirected = await call(A(), 'join', { meetingID: id, fullName: 'Intruder', password: 'beta-mod' });
        assert.deepEqual(redirectErrorKeys(redirected), ['notFound']);
        assert.doesNotMatch(redirected.headers.get('location'), /beta~/);
      }
      // Still there and untouched for its owner.
      const info = expectSuccess(await call(B(), 'getMeetingInfo', { meetingID }));
      assert.equal(info.internalMeetingID, created.internalMeetingID);
      assert.equal(info.hasBeenForciblyEnded, 'false');
      // As BBB 3.0, getMeetingInfo also takes the internal ID, answering with the tenant's own IDs.
      const byInternal = expectSuccess(await call(B(), 'getMeetingInfo', { meetingID: created.internalMeetingID }));
      assert.equal(byInternal.meetingID, meetingID);
      assert.equal(byInternal.internalMeetingID, created.internalMeetingID);

      // Creating B's backend ID as a meeting ID makes a meeting of A's own.
      const forged = `beta~${meetingID}`;
      const mine = expectSuccess(await call(A(), 'create', { name: 'Alpha look-alike', meetingID: forged }));
      assert.equal(mine.meetingID, forged);
      assert.notEqual(mine.internalMeetingID, created.internalMeetingID);
      assert.equal((await holders(`alpha~beta~${meetingID}`)).length, 1);
      assert.equal((await onBackend(`beta~${meetingID}`)).meetingName, 'Beta private');
      const bList = asList(expectSuccess(await call(B(), 'getMeetings')).meetings?.meeting).map((m) => m.meetingID);
      assert.ok(!bList.includes(forged), 'B does not see A\'s look-alike');
      expectSuccess(await call(A(), 'end', { meetingID: forged }));
      expectSuccess(await call(B(), 'end', { meetingID }));
    });

    test('getMeetings shows each tenant only its own meetings, and no answer carries a backend ID', async () => {
      const answers = [];
      const keep = (r) => { answers.push(r.text); return r; };
      const aIds = [uniqueId('a-list'), uniqueId('a-list')];
      const bIds = [uniqueId('b-list'), uniqueId('b-list'), uniqueId('b-list')];
      for (const meetingID of aIds) expectSuccess(keep(await call(A(), 'create', { name: 'A listed', meetingID })));
      for (const meetingID of bIds) expectSuccess(keep(await call(B(), 'create', { name: 'B listed', meetingID })));

      const aList = asList(expectSuccess(keep(await call(A(), 'getMeetings'))).meetings?.meeting);
      const bList = asList(expectSuccess(keep(await call(B(), 'getMeetings'))).meetings?.meeting);
      assert.deepEqual(aList.map((m) => m.meetingID).sort(), [...aIds].sort());
      assert.deepEqual(bList.map((m) => m.meetingID).sort(), [...bIds].sort());
      assert.ok(aList.every((m) => m.meetingName === 'A listed'));
      assert.ok(bList.every((m) => m.meetingName === 'B listed'));

      for (const [client, id] of [[A(), aIds[0]], [B(), bIds[0]]]) {
        expectSuccess(keep(await call(client, 'getMeetingInfo', { meetingID: id })));
        expectSuccess(keep(await call(client, 'isMeetingRunning', { meetingID: id })));
        expectSuccess(keep(await call(client, 'create', { name: 'again', meetingID: id })), 'duplicateWarning');
        expectSuccess(keep(await call(client, 'join', { meetingID: id, fullName: 'Lister', role: 'VIEWER', redirect: 'false' })));
        expectSuccess(keep(await call(client, 'end', { meetingID: id })));
      }
      for (const text of answers) assert.doesNotMatch(text, BACKEND_ID, text);
      assert.deepEqual(asList(expectSuccess(await call(A(), 'getMeetings')).meetings?.meeting).map((m) => m.meetingID), [aIds[1]]);
      for (const meetingID of aIds.slice(1)) expectSuccess(await call(A(), 'end', { meetingID }));
      for (const meetingID of bIds.slice(1)) expectSuccess(await call(B(), 'end', { meetingID }));
    });

    test('getSessions shows each tenant only the users of its own meetings', async () => {
      const sessions = [];
      after(() => closeAll(sessions));
      const meetingID = uniqueId('sessions');
      const internal = {};
      for (const [client, name] of [[A(), 'Ada'], [B(), 'Bob']]) {
        internal[client.name] = expectSuccess(await call(client, 'create', { name: 'Sessions', meetingID })).internalMeetingID;
        const joined = expectSuccess(await call(client, 'join', { meetingID, fullName: name, role: 'MODERATOR', redirect: 'false' }));
        const node = f.nodes.find((n) => joined.url.startsWith(n.url));
        const session = await openSession(node, joined.session_token);
        sessions.push(session);
        await session.next('welcome');
      }
      for (const [client, name] of [[A(), 'Ada'], [B(), 'Bob']]) {
        const listed = asList(expectSuccess(await call(client, 'getSessions')).sessions?.meeting)
          .filter((m) => m.meetingID === internal.alpha || m.meetingID === internal.beta);
        assert.deepEqual(listed.map((m) => [m.meetingID, m.userName]), [[internal[client.name], name]]);
      }
      for (const client of [A(), B()]) expectSuccess(await call(client, 'end', { meetingID }));
    });

    test('voice bridges are unique across tenants', async () => {
      const bridge = String(70000 + Math.floor(Math.random() * 9999));
      const aId = uniqueId('bridge-a');
      const a = expectSuccess(await call(A(), 'create', { name: 'Bridge A', meetingID: aId, voiceBridge: bridge }));
      assert.equal(a.voiceBridge, bridge);
      expectErrorsEnvelope(await call(B(), 'create', { name: 'Bridge B', meetingID: uniqueId('bridge-b'), voiceBridge: bridge }),
        'nonUniqueVoiceBridge');
      expectErrorsEnvelope(await call(A(), 'create', { name: 'Bridge A2', meetingID: uniqueId('bridge-a2'), voiceBridge: bridge }),
        'nonUniqueVoiceBridge');
      // Once A's meeting ended, the bridge is free again.
      expectSuccess(await call(A(), 'end', { meetingID: aId }));
      const bId = uniqueId('bridge-b');
      assert.equal(expectSuccess(await call(B(), 'create', { name: 'Bridge B', meetingID: bId, voiceBridge: bridge })).voiceBridge, bridge);

      // Bridges the gateway allocates do not collide either.
      const created = await Promise.all(Array.from({ length: 12 }, (_, i) =>
        call(i % 2 ? A() : B(), 'create', { name: 'Many bridges', meetingID: uniqueId('bridges') })));
      const bridges = [bridge, ...created.map((r) => expectSuccess(r).voiceBridge)];
      assert.equal(new Set(bridges).size, bridges.length, `distinct: ${bridges}`);
    });

    test('a suspended tenant gets tenantSuspended; a requested one tenantNotActive', async () => {
      const susp = f.clients.susp;
      const meetingID = uniqueId('susp');
      expectSuccess(await call(susp, 'create', { name: 'Before suspension', meetingID }));
      f.fed.admin('tenants', 'suspend', 'susp');
      await f.fed.settle();
      expectFailed(await call(susp, 'getMeetings'), 'tenantSuspended');
      expectFailed(await call(susp, 'create', { name: 'During suspension', meetingID: uniqueId('susp') }), 'tenantSuspended');
      expectFailed(await call(susp, 'getMeetingInfo', { meetingID }), 'tenantSuspended');
      expectFailed(await call(susp, 'join', { meetingID, fullName: 'Suspended', role: 'VIEWER', redirect: 'false' }), 'tenantSuspended');
      // A wrong secret still reads as a wrong secret: states are not disclosed to strangers.
      expectFailed(await call({ ...susp, secret: 'not-the-secret' }, 'getMeetings'), 'checksumError');

      f.fed.admin('tenants', 'activate', 'susp');
      await f.fed.settle();
      assert.equal(expectSuccess(await call(susp, 'getMeetingInfo', { meetingID })).meetingName, 'Before suspension');

      const gamma = f.clients.gamma;
      expectFailed(await call(gamma, 'getMeetings'), 'tenantNotActive');
      expectFailed(await call(gamma, 'create', { name: 'Too early', meetingID: uniqueId('gamma') }), 'tenantNotActive');
      expectFailed(await call({ ...gamma, secret: 'not-the-secret' }, 'getMeetings'), 'checksumError');
    });

    test('secret rotation: both secrets work until the old one is removed', async () => {
      const old = f.clients.rot;
      const fresh = tenantClient(f.gateway, 'rot', `rot-new-${Math.random().toString(36).slice(2)}`);
      f.fed.admin('tenants', 'rotate-secret', 'rot', '--secret', fresh.secret);
      await f.fed.settle();
      const meetingID = uniqueId('rot');
      expectSuccess(await call(old, 'create', { name: 'Rotating', meetingID }));
      expectSuccess(await call(fresh, 'getMeetingInfo', { meetingID }));
      expectSuccess(await call(old, 'getMeetingInfo', { meetingID }));

      f.fed.admin('tenants', 'remove-secret', 'rot', old.secret);
      await f.fed.settle();
      expectFailed(await call(old, 'getMeetingInfo', { meetingID }), 'checksumError');
      expectFailed(await call(old, 'getMeetings'), 'checksumError');
      assert.equal(expectSuccess(await call(fresh, 'getMeetingInfo', { meetingID })).meetingName, 'Rotating');
      // The last secret stays.
      const r = f.fed.adminResult('tenants', 'remove-secret', 'rot', fresh.secret);
      assert.notEqual(r.status, 0, 'removing the last secret is refused');
      await f.fed.settle();
      expectSuccess(await call(fresh, 'getMeetings'));
    });

    test('tenant default and forced create parameters reach the backend', async () => {
      f.fed.admin('tenants', 'set', 'pol', '--force', 'record=false', '--default', 'maxParticipants=7');
      await f.fed.settle();
      const pol = f.clients.pol;

      const plain = uniqueId('pol');
      expectSuccess(await call(pol, 'create', { name: 'Policy meeting', meetingID: plain, record: 'true' }));
      const backend = await onBackend(`pol~${plain}`);
      assert.equal(backend.recording, 'false', 'forced record=false wins over the client\'s record=true');
      assert.equal(backend.maxUsers, '7', 'the default maxParticipants fills the gap');
      const viaGateway = expectSuccess(await call(pol, 'getMeetingInfo', { meetingID: plain }));
      assert.equal(viaGateway.recording, 'false');
      assert.equal(viaGateway.maxUsers, '7');

      const own = uniqueId('pol');
      expectSuccess(await call(pol, 'create', { name: 'Policy meeting', meetingID: own, maxParticipants: '9' }));
      assert.equal((await onBackend(`pol~${own}`)).maxUsers, '9', 'a default does not override the client');
    });
  });
}
