// Failover: when a meeting's server dies (SIGKILL), is panicked, or hangs,
// the gateway notices through its polls and the meeting's next join
// recreates it elsewhere with the same meeting ID, passwords and voice
// bridge. A server that accepts connections but never answers slows nothing
// down for meetings on healthy servers.
// Each suite runs on SQLite and (with BLUEMEET_TEST_PG_URL) on PostgreSQL.
import assert from 'node:assert/strict';
import { connect, createServer } from 'node:net';
import { after, before, describe, test } from 'node:test';
import { eventually, startNode } from '../lib/harness.mjs';
import { call, expectSuccess, uniqueId } from '../lib/api.mjs';
import {
  backends, federationFixture, nodeMeetingIds, redirectTarget, startSlowProxy,
} from '../lib/gateway.mjs';

// A TCP server that holds every connection open and never answers. With
// `upstream` it forwards to it until hang() is called; from then on it
// forwards nothing more, on old connections as on new ones.
async function startSilentServer({ upstream } = {}) {
  const sockets = new Set();
  const stats = { connections: 0, bytesIn: 0 };
  let hanging = !upstream;
  const server = createServer((client) => {
    stats.connections++;
    sockets.add(client);
    client.on('close', () => sockets.delete(client));
    client.on('error', () => {});
    if (hanging) {
      client.on('data', (d) => { stats.bytesIn += d.length; });
      return;
    }
    const up = connect(upstream.port, '127.0.0.1');
    up.on('error', () => client.destroy());
    client.on('close', () => up.destroy());
    up.on('close', () => { if (!hanging) client.destroy(); });
    sockets.add(up);
    up.on('close', () => sockets.delete(up));
    client.pipe(up);
    up.pipe(client);
    client.hang = () => {
      client.unpipe(up);
      up.unpipe(client);
      client.on('data', (d) => { stats.bytesIn += d.length; });
    };
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    hang() {
      hanging = true;
      for (const s of sockets) s.hang?.();
    },
    close() {
      for (const s of sockets) s.destroy();
      return new Promise((r) => server.close(r));
    },
  };
}

for (const db of backends()) {
  describe(`gateway failover (${db.name})`, { skip: db.skip }, () => {
    // Node 0 is tagged `doomed` so that meetings asking for it land there; nodes 1 and 2 are the rest of the pool.
    const f = federationFixture(db, {
      nodes: [{ tags: ['doomed'] }, {}, {}],
      tenants: { acme: {} },
      gatewayArgs: ['--backend-timeout-ms', '1500', '--poll-timeout-ms', '500'],
    });
    const acme = () => f.clients.acme;
    const silent = [];
    after(() => Promise.all(silent.map((s) => s.close())));

    // Follows a gateway join redirect to its node, whose own join redirects to its client.
    async function followJoin(r, what = '') {
      const { node, location } = redirectTarget(f.nodes, r);
      const res = await fetch(location, { redirect: 'manual' });
      assert.equal(res.status, 302, `${what}: ${await res.text()}`);
      assert.ok(res.headers.get('location').startsWith(node.url + '/client/join?sessionToken='), res.headers.get('location'));
      return node;
    }

    test('a killed node\'s meetings are recreated elsewhere on their next join', async () => {
      const [doomedId] = f.serverIds;
      const doomed = f.nodes[0];
      const withPw = uniqueId('killed-pw');
      const withoutPw = uniqueId('killed');
      const created = {};
      created[withPw] = expectSuccess(await call(acme(), 'create', {
        name: 'Doomed meeting', meetingID: withPw, moderatorPW: 'mod-secret', attendeePW: 'att-secret', 'meta_server-tag': 'doomed',
      }));
      created[withoutPw] = expectSuccess(await call(acme(), 'create', {
        name: 'Doomed meeting 2', meetingID: withoutPw, 'meta_server-tag': 'doomed', welcome: 'Welcome back',
      }));
      const onDoomed = await nodeMeetingIds(doomed);
      assert.ok(onDoomed.includes(`acme~${withPw}`) && onDoomed.includes(`acme~${withoutPw}`), `${onDoomed}`);

      await doomed.stop({ signal: 'SIGKILL' });
      await f.fed.waitHealth(doomedId, 'offline');

      for (const meetingID of [withPw, withoutPw]) {
        const before = created[meetingID];
        // A viewer joins with the attendee password the tenant learned at create.
        const r = await call(acme(), 'join', { meetingID, fullName: 'Survivor', password: before.attendeePW });
        const node = await followJoin(r, meetingID);
        assert.notEqual(node, doomed);
        assert.ok((await nodeMeetingIds(node)).includes(`acme~${meetingID}`));

        const info = expectSuccess(await call(acme(), 'getMeetingInfo', { meetingID }));
        assert.equal(info.meetingID, meetingID);
        assert.equal(info.attendeePW, before.attendeePW, 'same attendee password');
        assert.equal(info.moderatorPW, before.moderatorPW, 'same moderator password');
        assert.equal(info.voiceBridge, before.voiceBridge, 'same voice bridge');
        assert.equal(info.hasBeenForciblyEnded, 'false');
        // The moderator password still makes a moderator.
        const mod = expectSuccess(await call(acme(), 'join', {
          meetingID, fullName: 'Moderator', password: before.moderatorPW, redirect: 'false',
        }));
        assert.equal(mod.messageKey, 'successfullyJoined');
      }
      // A repeat create answers from the new server, not a second meeting.
      expectSuccess(await call(acme(), 'create', { name: 'Doomed meeting', meetingID: withPw, moderatorPW: 'mod-secret', attendeePW: 'att-secret' }),
        'duplicateWarning');
    });

    test('servers panic on a live node moves its meetings on their next join', async () => {
      const ids = [uniqueId('panic'), uniqueId('panic')];
      const created = {};
      for (const meetingID of ids) created[meetingID] = expectSuccess(await call(acme(), 'create', { name: 'Panic meeting', meetingID }));
      const meetingID = ids[0];
      const lists = await Promise.all([f.nodes[1], f.nodes[2]].map((n) => nodeMeetingIds(n)));
      const fromIndex = lists[0].includes(`acme~${meetingID}`) ? 1 : 2;
      assert.ok(lists[fromIndex - 1].includes(`acme~${meetingID}`), 'on a live node');
      const fromId = f.serverIds[fromIndex];
      const out = f.fed.admin('servers', 'panic', String(fromId));
      assert.match(out, /disabled; \d+ meetings will be recreated elsewhere/);
      await f.fed.settle();

      const r = await call(acme(), 'join', { meetingID, fullName: 'Evacuee', password: created[meetingID].attendeePW });
      const node = await followJoin(r);
      assert.notEqual(node, f.nodes[fromIndex], 'moved off the panicked server');
      const info = expectSuccess(await call(acme(), 'getMeetingInfo', { meetingID }));
      assert.equal(info.voiceBridge, created[meetingID].voiceBridge);
      assert.equal(info.attendeePW, created[meetingID].attendeePW);
      assert.equal(info.moderatorPW, created[meetingID].moderatorPW);
      assert.ok((await nodeMeetingIds(node)).includes(`acme~${meetingID}`));
      f.fed.admin('servers', 'enable', String(fromId));
      await f.fed.settle();
    });

    test('a server that never answers does not hold up meetings on healthy nodes', async () => {
      const hung = await startSilentServer();
      silent.push(hung);
      const hungId = f.fed.addServer(hung.url, 'whatever');
      await f.fed.settle();
      // The gateway is polling it, and it has answered nothing.
      await eventually(() => hung.stats.connections > 0 && hung.stats.bytesIn > 0);
      assert.notEqual(f.fed.serverStatus(hungId).health, 'online');

      const ids = Array.from({ length: 5 }, () => uniqueId('beside-hung'));
      const created = await Promise.all(ids.map((meetingID) => call(acme(), 'create', { name: 'Healthy', meetingID })));
      for (const r of created) expectSuccess(r);
      for (const meetingID of ids) {
        const r = await call(acme(), 'join', { meetingID, fullName: 'Patient', role: 'VIEWER', redirect: 'false' });
        expectSuccess(r, 'successfullyJoined');
        await followJoin(await call(acme(), 'join', { meetingID, fullName: 'Browser', role: 'VIEWER' }));
        expectSuccess(await call(acme(), 'getMeetingInfo', { meetingID }));
      }
      const listed = expectSuccess(await call(acme(), 'getMeetings'));
      assert.ok(listed.meetings.meeting.length >= 5);
      assert.notEqual(f.fed.serverStatus(hungId).health, 'online');
      f.fed.admin('servers', 'remove', String(hungId));
    });

    test('a server that starts hanging goes offline and its meetings fail over', async () => {
      const target = f.nodes[1];
      const proxy = await startSilentServer({ upstream: new URL(target.url) });
      silent.push(proxy);
      const proxyId = f.fed.addServer(proxy.url, target.secret, { tags: ['flaky'] });
      await f.fed.waitHealth(proxyId, 'online');
      // Both prefer the flaky server, the only one with that tag; one of them insists on it.
      const soft = uniqueId('on-flaky');
      const hard = uniqueId('on-flaky-only');
      const created = expectSuccess(await call(acme(), 'create', {
        name: 'Flaky meeting', meetingID: soft, 'meta_server-tag': 'flaky', moderatorPW: 'fl-mod', attendeePW: 'fl-att',
      }));
      expectSuccess(await call(acme(), 'create', { name: 'Flaky only', meetingID: hard, 'meta_server-tag': 'flaky!' }));
      for (const meetingID of [soft, hard]) {
        const r = await call(acme(), 'join', { meetingID, fullName: 'Early', role: 'VIEWER' });
        assert.ok(r.headers.get('location').startsWith(proxy.url + '/bigbluebutton/api/join?'), r.headers.get('location'));
      }

      proxy.hang();
      // While it hangs, healthy nodes keep serving.
      const beside = uniqueId('beside-flaky');
      expectSuccess(await call(acme(), 'create', { name: 'Healthy', meetingID: beside }));
      await followJoin(await call(acme(), 'join', { meetingID: beside, fullName: 'Patient', role: 'VIEWER' }));
      await f.fed.waitHealth(proxyId, 'offline');

      // The meeting that only preferred the tag moves to a healthy node.
      const node = await followJoin(await call(acme(), 'join', { meetingID: soft, fullName: 'Late', password: 'fl-att' }));
      assert.ok((await nodeMeetingIds(node)).includes(`acme~${soft}`));
      const info = expectSuccess(await call(acme(), 'getMeetingInfo', { meetingID: soft }));
      assert.equal(info.voiceBridge, created.voiceBridge);
      assert.equal(info.moderatorPW, 'fl-mod');
      // The one that required it has nowhere to go.
      const refused = await call(acme(), 'join', { meetingID: hard, fullName: 'Late', role: 'VIEWER', redirect: 'false' });
      assert.equal(refused.xml?.response?.returncode, 'FAILED', refused.text);
      assert.equal(refused.xml.response.messageKey, 'serverTagUnavailable', refused.text);
      f.fed.admin('servers', 'remove', String(proxyId));
    });
  });

  describe(`gateway failover under concurrent joins (${db.name})`, { skip: db.skip }, () => {
    // The meetings start on node 0; the only other server creates slowly (as BBB does).
    const f = federationFixture(db, { nodes: [{ tags: ['doomed'] }], tenants: { acme: {} } });
    const slow = { node: null, proxy: null, id: 0 };
    before(async () => {
      slow.node = await startNode();
      slow.proxy = await startSlowProxy(slow.node.url, { createDelayMs: 400 });
      slow.id = f.fed.addServer(slow.proxy.url, slow.node.secret);
      await f.fed.waitHealth(slow.id, 'online');
    });
    after(async () => {
      await slow.proxy?.close();
      await slow.node?.stop();
    });

    test('everyone joining a meeting whose server died gets in, and it is recreated once', async () => {
      const acme = f.clients.acme;
      const ids = [uniqueId('crowd'), uniqueId('crowd'), uniqueId('crowd')];
      for (const meetingID of ids) {
        expectSuccess(await call(acme, 'create', {
          name: 'Crowded meeting', meetingID, attendeePW: 'crowd-att', moderatorPW: 'crowd-mod', 'meta_server-tag': 'doomed',
        }));
      }
      await f.nodes[0].stop({ signal: 'SIGKILL' });
      await f.fed.waitHealth(f.serverIds[0], 'offline');
      const createsBefore = slow.proxy.stats.creates;

      // Four API joins and two browser joins per meeting, all at once.
      const attempts = ids.flatMap((meetingID) => [
        ...Array.from({ length: 4 }, (_, i) => (async () => {
          const r = await call(acme, 'join', { meetingID, fullName: `Student ${i}`, password: 'crowd-att', redirect: 'false' });
          return r.xml?.response?.returncode === 'SUCCESS' ? null : `${meetingID} api join: ${r.text}`;
        })()),
        ...Array.from({ length: 2 }, (_, i) => (async () => {
          const r = await call(acme, 'join', { meetingID, fullName: `Browser ${i}`, password: 'crowd-att' });
          const location = r.headers.get('location') ?? '';
          if (r.status !== 302 || !location.startsWith(slow.proxy.url + '/bigbluebutton/api/join?')) return `${meetingID} redirect: ${r.status} ${location}`;
          const res = await fetch(location, { redirect: 'manual' });
          return res.status === 302 && /\/client\/join\?sessionToken=/.test(res.headers.get('location') ?? '')
            ? null : `${meetingID} browser join: ${res.status} ${await res.text()}`;
        })()),
      ]);
      assert.deepEqual((await Promise.all(attempts)).filter(Boolean), []);
      assert.equal(slow.proxy.stats.creates - createsBefore, ids.length, 'each meeting recreated once');
      for (const meetingID of ids) assert.ok((await nodeMeetingIds(slow.node)).includes(`acme~${meetingID}`));
    });
  });
}
