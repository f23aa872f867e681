// What the gateway's polls conclude about meetings: a meeting a server stops
// listing has ended (its tenant's limit and its voice bridge are free
// again), but a create racing a slow poll is not mistaken for an end.
// The node sits behind an HTTP proxy that slows creates and polls down.
// Each suite runs on SQLite and (with BLUEMEET_TEST_PG_URL) on PostgreSQL.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { eventually, startNode } from '../lib/harness.mjs';
import { call, expectFailed, expectSuccess, uniqueId } from '../lib/api.mjs';
import { backends, Federation, startSlowProxy, tenantClient } from '../lib/gateway.mjs';

for (const db of backends()) {
  describe(`gateway polls (${db.name})`, { skip: db.skip }, () => {
    const s = { fed: null, node: null, proxy: null, serverId: 0, acme: null, limited: null };
    before(async () => {
      s.fed = new Federation(db);
      s.node = await startNode();
      s.proxy = await startSlowProxy(s.node.url, { createDelayMs: 200, pollDelayMs: 350 });
      s.serverId = s.fed.addServer(s.proxy.url, s.node.secret);
      const acmeSecret = s.fed.addTenant('acme');
      const limitedSecret = s.fed.addTenant('limited');
      s.fed.admin('tenants', 'set', 'limited', '--max-meetings', '1');
      const gateway = await s.fed.startGateway({ args: ['--poll-interval-ms', '1500', '--poll-timeout-ms', '1400'] });
      s.acme = tenantClient(gateway, 'acme', acmeSecret);
      s.limited = tenantClient(gateway, 'limited', limitedSecret);
      await s.fed.waitHealth(s.serverId, 'online');
    });
    after(async () => {
      await s.fed?.gateway?.stop();
      await s.proxy?.close();
      await s.node?.stop();
      await s.fed?.close();
    });

    test('creates racing slow polls are not taken for ended meetings', async () => {
      // Creates every 100 ms for 3 s: polls (about every 2 s) reach the node while
      // some create is held back, and are answered after that create.
      const ids = [];
      const answers = [];
      const start = Date.now();
      while (Date.now() - start < 3000) {
        const meetingID = uniqueId('race');
        ids.push(meetingID);
        answers.push(call(s.acme, 'create', { name: 'Racing meeting', meetingID }));
        await delay(100);
      }
      for (const r of await Promise.all(answers)) expectSuccess(r);
      assert.ok(s.proxy.stats.pollsDuringCreate > 0, `a poll overlapped a create: ${JSON.stringify(s.proxy.stats)}`);

      // Let three more polls be answered and compared by the gateway.
      const seen = s.proxy.stats.pollsAnswered;
      await eventually(() => s.proxy.stats.polls > seen + 3, { timeoutMs: 15000 });
      const lost = [];
      for (const meetingID of ids) {
        const r = await call(s.acme, 'getMeetingInfo', { meetingID });
        if (r.xml?.response?.returncode !== 'SUCCESS') lost.push(meetingID);
      }
      assert.deepEqual(lost, [], `the gateway forgot meetings the node still has (${ids.length} created)`);
      const listed = [expectSuccess(await call(s.acme, 'getMeetings')).meetings.meeting].flat().map((m) => m.meetingID);
      assert.deepEqual(ids.filter((id) => !listed.includes(id)), []);
    });

    test('a meeting that ends on its server frees its tenant\'s limit and its voice bridge', async () => {
      const bridge = String(60000 + Math.floor(Math.random() * 9999));
      const first = uniqueId('ends');
      expectSuccess(await call(s.limited, 'create', { name: 'Ends on its own', meetingID: first, voiceBridge: bridge }));
      const second = uniqueId('next');
      expectFailed(await call(s.limited, 'create', { name: 'Next', meetingID: second, voiceBridge: bridge }), 'maxConcurrent');
      // Ended on the node itself (as when everyone leaves), not through the gateway.
      expectSuccess(await call(s.node, 'end', { meetingID: `limited~${first}` }));
      await eventually(async () => {
        const r = await call(s.limited, 'create', { name: 'Next', meetingID: second, voiceBridge: bridge });
        if (r.xml?.response?.messageKey === 'maxConcurrent') return false;
        return expectSuccess(r);
      }, { timeoutMs: 15000, intervalMs: 200 });
      assert.equal(expectSuccess(await call(s.limited, 'getMeetingInfo', { meetingID: second })).voiceBridge, bridge);
      expectFailed(await call(s.limited, 'getMeetingInfo', { meetingID: first }), 'notFound');
    });
  });
}
