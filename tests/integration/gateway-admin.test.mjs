// `bluemeet admin` against a running gateway: every change is written to the
// database and the gateway follows within a couple of seconds, without a
// restart — servers added, disabled and removed, tenants added, suspended and
// limited — and `admin status` reports what the gateway's polls saw.
// Each suite runs on SQLite and (with BLUEMEET_TEST_PG_URL) on PostgreSQL.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { eventually, openSession } from '../lib/harness.mjs';
import { call, closeAll, expectFailed, expectSuccess, uniqueId } from '../lib/api.mjs';
import {
  backends, federationFixture, nodeMeetingIds, nodeMeetings, redirectErrorKeys, redirectTarget, tenantClient,
} from '../lib/gateway.mjs';

// "Within a couple of seconds": the gateway reads the configuration version twice a second.
const SOON = { timeoutMs: 5000 };

for (const db of backends()) {
  describe(`gateway administration (${db.name})`, { skip: db.skip }, () => {
    const f = federationFixture(db, { nodes: [{}], tenants: { acme: {} } });
    const acme = () => f.clients.acme;
    let added; // the server added by the first test: { node, id }
    const sessions = [];
    after(() => closeAll(sessions));

    async function createOn(client, name = 'Admin test') {
      const meetingID = uniqueId('adm');
      expectSuccess(await call(client, 'create', { name, meetingID }));
      const [n0, n1] = await Promise.all(f.nodes.slice(0, 2).map((n) => nodeMeetingIds(n)));
      const backendId = `${client.name}~${meetingID}`;
      return { meetingID, index: n0.includes(backendId) ? 0 : n1?.includes(backendId) ? 1 : -1 };
    }

    test('a server added while the gateway runs starts receiving meetings', async () => {
      assert.equal((await createOn(acme())).index, 0);
      added = await f.addNode();
      // The gateway polls it (the status it records says online) ...
      await f.fed.waitHealth(added.id, 'online', SOON);
      // ... and the emptier server gets the next meeting.
      const m = await createOn(acme());
      assert.equal(m.index, 1, 'the new, empty server takes the next meeting');
      const r = await call(acme(), 'join', { meetingID: m.meetingID, fullName: 'New server guest', role: 'VIEWER' });
      assert.equal(redirectTarget(f.nodes, r).node, added.node);
    });

    test('a disabled server receives nothing more', async () => {
      f.fed.admin('servers', 'disable', String(added.id));
      await f.fed.settle(SOON);
      for (let i = 0; i < 4; i++) assert.equal((await createOn(acme())).index, 0, 'only the enabled server');
      f.fed.admin('servers', 'enable', String(added.id));
      await f.fed.settle(SOON);
      assert.equal((await createOn(acme())).index, 1, 'enabled again, the emptier server takes meetings');
    });

    test('a removed server\'s meetings move on their next join', async () => {
      const m = await createOn(acme());
      const third = await f.addNode();
      await f.fed.waitHealth(third.id, 'online', SOON);
      const holderId = f.serverIds[m.index];
      f.fed.admin('servers', 'remove', String(holderId));
      await f.fed.settle(SOON);
      assert.equal(f.fed.serverStatus(holderId), undefined, 'gone from status');
      const r = await call(acme(), 'join', { meetingID: m.meetingID, fullName: 'Moved', role: 'VIEWER' });
      const { node } = redirectTarget(f.nodes, r);
      assert.notEqual(node, f.nodes[m.index]);
      assert.ok((await nodeMeetingIds(node)).includes(`acme~${m.meetingID}`));
      // Put it back for the tests that follow.
      const url = f.nodes[m.index].url;
      f.serverIds[m.index] = f.fed.addServer(url, f.nodes[m.index].secret);
      await f.fed.waitHealth(f.serverIds[m.index], 'online', SOON);
    });

    test('a tenant added while the gateway runs may call; suspended it may not', async () => {
      const secret = `newco-${Math.random().toString(36).slice(2)}`;
      const newco = tenantClient(f.gateway, 'newco', secret);
      expectFailed(await call(newco, 'getMeetings'), 'checksumError');
      f.fed.addTenant('newco', { secret });
      await eventually(async () => (await call(newco, 'getMeetings')).xml?.response?.returncode === 'SUCCESS', SOON);
      const meetingID = uniqueId('newco');
      expectSuccess(await call(newco, 'create', { name: 'Newcomer', meetingID }));

      f.fed.admin('tenants', 'suspend', 'newco');
      await eventually(async () => (await call(newco, 'getMeetings')).xml?.response?.messageKey === 'tenantSuspended', SOON);
      expectFailed(await call(newco, 'create', { name: 'Newcomer', meetingID: uniqueId('newco') }), 'tenantSuspended');
      expectFailed(await call(newco, 'join', { meetingID, fullName: 'Blocked', role: 'VIEWER', redirect: 'false' }), 'tenantSuspended');
      // Other tenants are not affected.
      expectSuccess(await call(acme(), 'getMeetings'));

      f.fed.admin('tenants', 'activate', 'newco');
      await eventually(async () => (await call(newco, 'getMeetings')).xml?.response?.returncode === 'SUCCESS', SOON);
      expectSuccess(await call(newco, 'getMeetingInfo', { meetingID }));

      // A tenant with live meetings is not removed; without, it is, and its secret stops working.
      assert.notEqual(f.fed.adminResult('tenants', 'remove', 'newco').status, 0);
      expectSuccess(await call(newco, 'end', { meetingID }));
      f.fed.admin('tenants', 'remove', 'newco');
      await eventually(async () => (await call(newco, 'getMeetings')).xml?.response?.messageKey === 'checksumError', SOON);
    });

    test('--max-meetings limits a tenant\'s concurrent meetings', async () => {
      const secret = f.fed.addTenant('limited');
      const limited = tenantClient(f.gateway, 'limited', secret);
      f.fed.admin('tenants', 'set', 'limited', '--max-meetings', '2');
      await f.fed.settle(SOON);
      const first = uniqueId('lim');
      expectSuccess(await call(limited, 'create', { name: 'One', meetingID: first }));
      expectSuccess(await call(limited, 'create', { name: 'Two', meetingID: uniqueId('lim') }));
      const third = uniqueId('lim');
      expectFailed(await call(limited, 'create', { name: 'Three', meetingID: third }), 'maxConcurrent');
      expectFailed(await call(limited, 'getMeetingInfo', { meetingID: third }), 'notFound');
      // Creating a meeting that exists is not a new meeting.
      expectSuccess(await call(limited, 'create', { name: 'One', meetingID: first }), 'duplicateWarning');
      // Ending one makes room.
      expectSuccess(await call(limited, 'end', { meetingID: first }));
      expectSuccess(await call(limited, 'create', { name: 'Three', meetingID: third }));
      expectFailed(await call(limited, 'create', { name: 'Four', meetingID: uniqueId('lim') }), 'maxConcurrent');
      // Lifting the limit takes effect too.
      f.fed.admin('tenants', 'set', 'limited', '--max-meetings', '0');
      await eventually(async () => (await call(limited, 'create', { name: 'Four', meetingID: uniqueId('lim') })).xml?.response?.returncode === 'SUCCESS', SOON);
    });

    test('--max-meetings holds against a burst of concurrent creates', async () => {
      const secret = f.fed.addTenant('bursty');
      const bursty = tenantClient(f.gateway, 'bursty', secret);
      f.fed.admin('tenants', 'set', 'bursty', '--max-meetings', '3');
      await f.fed.settle(SOON);
      const answers = await Promise.all(Array.from({ length: 12 }, () =>
        call(bursty, 'create', { name: 'Burst', meetingID: uniqueId('bursty') })));
      const keys = answers.map((r) => r.xml?.response?.messageKey || r.xml?.response?.returncode);
      assert.equal(keys.filter((k) => k === 'SUCCESS').length, 3, `${keys}`);
      assert.equal(keys.filter((k) => k === 'maxConcurrent').length, 9, `${keys}`);
      const listed = [expectSuccess(await call(bursty, 'getMeetings')).meetings.meeting].flat();
      assert.equal(listed.length, 3);
    });

    test('participant limits: per meeting on the server, in total at join', async () => {
      const secret = f.fed.addTenant('crowded');
      const crowded = tenantClient(f.gateway, 'crowded', secret);
      f.fed.admin('tenants', 'set', 'crowded', '--max-participants-per-meeting', '5', '--max-participants', '1');
      await f.fed.settle(SOON);
      // The per-meeting limit caps what the client asks for, on the server itself.
      const capped = uniqueId('capped');
      expectSuccess(await call(crowded, 'create', { name: 'Capped', meetingID: capped, maxParticipants: '50' }));
      assert.equal(expectSuccess(await call(crowded, 'getMeetingInfo', { meetingID: capped })).maxUsers, '5');
      const smaller = uniqueId('smaller');
      expectSuccess(await call(crowded, 'create', { name: 'Smaller', meetingID: smaller, maxParticipants: '3' }));
      assert.equal(expectSuccess(await call(crowded, 'getMeetingInfo', { meetingID: smaller })).maxUsers, '3');

      // One participant connected: once a poll has counted them, further joins are refused.
      const joined = expectSuccess(await call(crowded, 'join', { meetingID: capped, fullName: 'First', role: 'VIEWER', redirect: 'false' }));
      const node = f.nodes.find((n) => joined.url.startsWith(n.url + '/'));
      assert.ok(node, joined.url);
      const session = await openSession(node, joined.session_token);
      sessions.push(session);
      await session.next('welcome');
      await eventually(async () => {
        const r = await call(crowded, 'join', { meetingID: smaller, fullName: 'Second', role: 'VIEWER', redirect: 'false' });
        return r.xml?.response?.messageKey === 'maxParticipantsReached';
      }, { timeoutMs: 10000, intervalMs: 200 });
      const redirected = await call(crowded, 'join', { meetingID: smaller, fullName: 'Second', role: 'VIEWER' });
      assert.deepEqual(redirectErrorKeys(redirected), ['maxParticipantsReached']);
      // Other tenants are not limited by it.
      expectSuccess(await call(acme(), 'getMeetings'));
    });

    test('status lists the servers with their state, health, meetings and participants', async () => {
      // What each node itself reports (one participant is connected, from the test before).
      const reports = await Promise.all(f.nodes.map((n) => nodeMeetings(n)));
      const expected = reports.map((ms) => ({
        meetings: ms.length, participants: ms.reduce((sum, m) => sum + Number(m.participantCount), 0),
      }));
      assert.equal(expected.reduce((sum, e) => sum + e.participants, 0), 1);
      f.fed.admin('servers', 'cordon', String(f.serverIds[1]));
      await eventually(() => {
        const rows = f.fed.status();
        const ok = f.serverIds.every((id, i) => {
          const row = rows.find((s) => Number(s.id) === id);
          return row && row.health === 'online' && row.state === (i === 1 ? 'cordoned' : 'enabled') &&
            Number(row.meetings) === expected[i].meetings && Number(row.participants) === expected[i].participants;
        });
        if (!ok) throw new Error(`expected ${JSON.stringify(expected)}, status ${JSON.stringify(rows)}`);
        return true;
      }, SOON);
      const rows = f.fed.status();
      assert.equal(rows.length, f.serverIds.length, JSON.stringify(rows));
      for (const [i, id] of f.serverIds.entries()) {
        const row = rows.find((s) => Number(s.id) === id);
        assert.ok(row.url.startsWith(f.nodes[i].url), `${row.url} is node ${i}`);
        assert.match(row.polled, /^\d+s ago$/);
      }
      assert.ok(expected[0].meetings > 0 && expected[1].meetings > 0, 'both first servers hold meetings');

      // A stopped node is reported offline.
      const stopped = f.nodes[2];
      await stopped.stop();
      await f.fed.waitHealth(f.serverIds[2], 'offline', { timeoutMs: 5000 });
    });
  });
}
