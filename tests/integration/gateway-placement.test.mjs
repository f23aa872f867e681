// Where the gateway puts meetings: a burst of creates spreads over the pool,
// `test`-tagged servers take only tenants in testing, required tags are
// honoured, cordoned servers keep their meetings but get no new ones, and a
// disabled server's meetings move on their next join.
// Each suite runs on SQLite and (with BLUEMEET_TEST_PG_URL) on PostgreSQL.
import assert from 'node:assert/strict';
import { describe, test } from 'node:test';
import { eventually } from '../lib/harness.mjs';
import { asList, call, expectFailed, expectSuccess, uniqueId } from '../lib/api.mjs';
import {
  backends, federationFixture, nodeMeetingIds, redirectTarget,
} from '../lib/gateway.mjs';

for (const db of backends()) {
  describe(`gateway placement (${db.name})`, { skip: db.skip }, () => {
    // Three untagged nodes and one tagged `test`.
    const f = federationFixture(db, {
      nodes: [{}, {}, {}, { tags: ['test'] }],
      tenants: { acme: {}, lab: { state: 'testing' } },
    });
    const untagged = () => f.nodes.slice(0, 3);
    const testNode = () => f.nodes[3];
    const prefix = uniqueId('burst');
    const burstIds = Array.from({ length: 30 }, (_, i) => `${prefix}-${i}`);

    // Which node holds each of the tenant's meetings, by the nodes' own getMeetings.
    async function whereAre(tenant, ids) {
      const lists = await Promise.all(f.nodes.map((n) => nodeMeetingIds(n)));
      return Object.fromEntries(ids.map((id) => {
        const holders = lists.flatMap((l, i) => (l.includes(`${tenant}~${id}`) ? [i] : []));
        return [id, holders];
      }));
    }

    test('a burst of 30 concurrent creates spreads over the three untagged nodes', async () => {
      const answers = await Promise.all(burstIds.map((meetingID) =>
        call(f.clients.acme, 'create', { name: 'Burst meeting', meetingID })));
      for (const [i, r] of answers.entries()) assert.equal(expectSuccess(r).meetingID, burstIds[i]);

      const lists = await Promise.all(f.nodes.map((n) => nodeMeetingIds(n)));
      const counts = lists.map((l) => l.filter((id) => id.startsWith(`acme~${prefix}-`)).length);
      assert.equal(counts.reduce((a, b) => a + b, 0), 30, `every meeting on exactly one node: ${counts}`);
      for (const c of counts.slice(0, 3)) assert.ok(c >= 8 && c <= 12, `between 8 and 12 meetings per node: ${counts}`);
      assert.equal(counts[3], 0, 'the test-tagged node takes no active tenant meetings');
      // Each meeting exists once, under its backend ID.
      const where = await whereAre('acme', burstIds);
      for (const id of burstIds) assert.equal(where[id].length, 1, `${id} on nodes ${where[id]}`);

      // Once the gateway has polled every node since, it still knows all 30
      // (a poll racing with a create must not be taken for the meeting's end).
      await eventually(() => f.serverIds.slice(0, 3).every((id, i) => Number(f.fed.serverStatus(id).meetings) === lists[i].length));
      const listed = asList(expectSuccess(await call(f.clients.acme, 'getMeetings')).meetings?.meeting).map((m) => m.meetingID);
      assert.deepEqual(burstIds.filter((id) => !listed.includes(id)), [], 'every burst meeting listed by the gateway');
      for (const meetingID of burstIds) expectSuccess(await call(f.clients.acme, 'getMeetingInfo', { meetingID }));
    });

    test('a test-tagged server receives only the testing tenant\'s meetings', async () => {
      const ids = Array.from({ length: 4 }, () => uniqueId('lab'));
      for (const meetingID of ids) expectSuccess(await call(f.clients.lab, 'create', { name: 'Lab meeting', meetingID }));
      const where = await whereAre('lab', ids);
      for (const id of ids) assert.deepEqual(where[id], [3], `${id} on the test node`);
      // And the active tenant's new meetings still never land there.
      const more = Array.from({ length: 4 }, () => uniqueId('acme'));
      for (const meetingID of more) expectSuccess(await call(f.clients.acme, 'create', { name: 'More', meetingID }));
      const moreWhere = await whereAre('acme', more);
      for (const id of more) {
        assert.equal(moreWhere[id].length, 1);
        assert.notEqual(moreWhere[id][0], 3, `${id} not on the test node`);
      }
      const onTest = await nodeMeetingIds(testNode());
      assert.ok(onTest.every((id) => id.startsWith('lab~')), `only lab meetings on the test node: ${onTest}`);
    });

    test('a required tag no server carries is refused with serverTagUnavailable', async () => {
      const meetingID = uniqueId('gpu');
      expectFailed(await call(f.clients.acme, 'create', { name: 'GPU meeting', meetingID, 'meta_server-tag': 'gpu!' }),
        'serverTagUnavailable');
      // Nothing was left behind: the meeting does not exist anywhere.
      expectFailed(await call(f.clients.acme, 'getMeetingInfo', { meetingID }), 'notFound');
      const where = await whereAre('acme', [meetingID]);
      assert.deepEqual(where[meetingID], []);
      // Without `!` the tag is a preference: the meeting goes to an untagged server.
      const soft = uniqueId('gpu-soft');
      expectSuccess(await call(f.clients.acme, 'create', { name: 'GPU meeting', meetingID: soft, 'meta_server-tag': 'gpu' }));
      const softWhere = await whereAre('acme', [soft]);
      assert.equal(softWhere[soft].length, 1);
      assert.ok(softWhere[soft][0] < 3, 'on an untagged node');
    });

    test('a cordoned server gets no new meetings, but its meetings still answer and take joins', async () => {
      const [cordonedId] = f.serverIds;
      const cordoned = f.nodeOf(cordonedId);
      const before = await whereAre('acme', burstIds);
      const existing = burstIds.find((id) => before[id][0] === 0);
      assert.ok(existing, 'the burst left a meeting on the first node');
      f.fed.admin('servers', 'cordon', String(cordonedId));
      try {
        await f.fed.settle();
        const ids = Array.from({ length: 6 }, () => uniqueId('cordon'));
        for (const meetingID of ids) expectSuccess(await call(f.clients.acme, 'create', { name: 'After cordon', meetingID }));
        const where = await whereAre('acme', ids);
        for (const id of ids) {
          assert.equal(where[id].length, 1, `${id} created once`);
          assert.ok(where[id][0] !== 0 && where[id][0] !== 3, `${id} on node ${where[id][0]}, not the cordoned one`);
        }

        const info = expectSuccess(await call(f.clients.acme, 'getMeetingInfo', { meetingID: existing }));
        assert.equal(info.meetingID, existing);
        const r = await call(f.clients.acme, 'join', { meetingID: existing, fullName: 'Cordon guest', role: 'VIEWER' });
        const { node, location } = redirectTarget(f.nodes, r);
        assert.equal(node, cordoned, 'the join goes to the cordoned server that holds the meeting');
        const client = await fetch(location, { redirect: 'manual' });
        assert.equal(client.status, 302);
        assert.ok(client.headers.get('location').startsWith(cordoned.url + '/client/join?sessionToken='), client.headers.get('location'));
        // Still only on the cordoned node.
        assert.deepEqual((await whereAre('acme', [existing]))[existing], [0]);
      } finally {
        f.fed.admin('servers', 'enable', String(cordonedId));
      }
    });

    test('a disabled server gets nothing new and its meetings move on their next join', async () => {
      await f.fed.settle();
      const disabledId = f.serverIds[1];
      const disabled = f.nodeOf(disabledId);
      const before = await whereAre('acme', burstIds);
      const moving = burstIds.find((id) => before[id][0] === 1);
      assert.ok(moving, 'the burst left a meeting on the second node');
      const original = expectSuccess(await call(f.clients.acme, 'getMeetingInfo', { meetingID: moving }));
      f.fed.admin('servers', 'disable', String(disabledId));
      await f.fed.settle();

      const ids = Array.from({ length: 6 }, () => uniqueId('disabled'));
      for (const meetingID of ids) expectSuccess(await call(f.clients.acme, 'create', { name: 'After disable', meetingID }));
      const where = await whereAre('acme', ids);
      for (const id of ids) assert.ok(where[id].length === 1 && where[id][0] !== 1 && where[id][0] !== 3, `${id} on ${where[id]}`);

      const r = await call(f.clients.acme, 'join', { meetingID: moving, fullName: 'Moved guest', role: 'VIEWER' });
      const { node, location } = redirectTarget(f.nodes, r);
      assert.notEqual(node, disabled, 'the join goes elsewhere');
      assert.notEqual(node, testNode());
      const client = await fetch(location, { redirect: 'manual' });
      assert.equal(client.status, 302);
      assert.ok(client.headers.get('location').startsWith(node.url + '/client/join?sessionToken='), client.headers.get('location'));
      assert.ok((await nodeMeetingIds(node)).includes(`acme~${moving}`), 'recreated on the new node');

      const info = expectSuccess(await call(f.clients.acme, 'getMeetingInfo', { meetingID: moving }));
      assert.equal(info.meetingID, moving);
      assert.equal(info.meetingName, original.meetingName);
      assert.equal(info.voiceBridge, original.voiceBridge);
      assert.notEqual(info.internalMeetingID, original.internalMeetingID, 'a new meeting on the new server');
      f.fed.admin('servers', 'enable', String(disabledId));
    });
  });
}
