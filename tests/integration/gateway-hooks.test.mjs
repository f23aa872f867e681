// Webhooks through the gateway: each tenant manages its own hooks; the
// gateway registers one hook of its own on every server and relays each
// event only to the hooks of the tenant that owns the meeting, with the
// tenant's meeting ID and callback URLs, signed with the tenant's secret.
// Each suite runs on SQLite and (with BLUEMEET_TEST_PG_URL) on PostgreSQL.
import assert from 'node:assert/strict';
import { after, describe, test } from 'node:test';
import { eventually, openSession } from '../lib/harness.mjs';
import {
  asList, call, closeAll, expectFailed, expectSuccess, receiverFixture, uniqueId,
} from '../lib/api.mjs';
import { backends, federationFixture } from '../lib/gateway.mjs';
import { decodeWebhook, eventIdOf, hookRequest, sha1 } from '../lib/webhooks.mjs';

const externalIdOf = (req) => {
  try { return JSON.parse(new URLSearchParams(req.body).get('event'))[0].data.attributes.meeting['external-meeting-id']; } catch { return null; }
};

const internalIdOf = (req) => {
  try { return JSON.parse(new URLSearchParams(req.body).get('event'))[0].data.attributes.meeting['internal-meeting-id']; } catch { return null; }
};

for (const db of backends()) {
  describe(`webhooks through the gateway (${db.name})`, { skip: db.skip }, () => {
    const f = federationFixture(db, { nodes: [{}], tenants: { alpha: {}, beta: {} } });
    const rx = receiverFixture();
    const sessions = [];
    after(() => closeAll(sessions));
    const A = () => f.clients.alpha;
    const B = () => f.clients.beta;
    const url = (path) => rx.receiver.base + path;
    let alphaHook;

    test('each tenant sees and destroys only its own hooks', async () => {
      alphaHook = expectSuccess(await call(A(), 'hooks/create', { callbackURL: url('/alpha') }));
      assert.match(alphaHook.hookID, /^\d+$/);
      assert.equal(alphaHook.permanentHook, 'false');
      const again = expectSuccess(await call(A(), 'hooks/create', { callbackURL: url('/alpha') }), 'duplicateWarning');
      assert.equal(again.hookID, alphaHook.hookID);
      // The same URL in another tenant is another tenant's hook.
      const betaSame = expectSuccess(await call(B(), 'hooks/create', { callbackURL: url('/alpha') }));
      assert.notEqual(betaSame.hookID, alphaHook.hookID);
      expectSuccess(await call(B(), 'hooks/destroy', { hookID: betaSame.hookID }));
      expectSuccess(await call(B(), 'hooks/create', { callbackURL: url('/beta'), eventID: 'meeting-created,user-joined' }));

      const listA = asList(expectSuccess(await call(A(), 'hooks/list')).hooks?.hook);
      assert.deepEqual(listA.map((h) => h.callbackURL), [url('/alpha')]);
      const listB = asList(expectSuccess(await call(B(), 'hooks/list')).hooks?.hook);
      assert.deepEqual(listB.map((h) => [h.callbackURL, h.eventID]), [[url('/beta'), 'meeting-created,user-joined']]);

      expectFailed(await call(B(), 'hooks/destroy', { hookID: alphaHook.hookID }), 'destroyMissingHook');
      expectFailed(await call(A(), 'hooks/destroy', {}), 'missingParamHookID');
      expectFailed(await call(A(), 'hooks/create', {}), 'missingParamCallbackURL');
      expectFailed(await call(A(), 'hooks/create', { callbackURL: 'not a url' }), 'createHookError');
      assert.equal(asList(expectSuccess(await call(A(), 'hooks/list')).hooks?.hook).length, 1, 'still there');
    });

    test('the gateway registers its own hook on the servers, never the tenants\'', async () => {
      const [node] = f.nodes;
      await eventually(async () => {
        const hooks = asList(expectSuccess(await call(node, 'hooks/list')).hooks?.hook);
        return hooks.length === 1 && hooks[0].callbackURL.startsWith(`${f.gateway.url}/gateway/hooks?`);
      });
    });

    test('events reach only the owning tenant, with its own IDs, signed with its secret', async () => {
      const meetingID = uniqueId('hooked');
      const endUrl = url('/end-alpha');
      const alphaInternal = expectSuccess(await call(A(), 'create', { meetingID, name: 'Hooked', 'meta_endCallbackUrl': endUrl })).internalMeetingID;
      const betaInternal = expectSuccess(await call(B(), 'create', { meetingID, name: 'Same ID, other tenant' })).internalMeetingID;

      const created = await rx.receiver.waitFor((r) => hookRequest('/alpha', 'meeting-created')(r) && externalIdOf(r) === meetingID);
      const data = decodeWebhook(created, url('/alpha'), A().secret);
      assert.equal(data.attributes.meeting['external-meeting-id'], meetingID);
      assert.equal(data.attributes.meeting.metadata.endcallbackurl, endUrl, 'the tenant sees its own callback URL');
      assert.ok(!created.body.includes('alpha~') && !created.body.includes('beta~'), 'no backend IDs');
      const betaCreated = await rx.receiver.waitFor((r) => hookRequest('/beta', 'meeting-created')(r) && externalIdOf(r) === meetingID);
      decodeWebhook(betaCreated, url('/beta'), B().secret);

      // A user joins alpha's meeting: alpha hears it; beta's hook hears only beta's meetings.
      const joined = expectSuccess(await call(A(), 'join', {
        meetingID, fullName: 'Ada', role: 'MODERATOR', userID: 'ada-1', redirect: 'false',
      }));
      const session = await openSession(f.nodes[0], joined.session_token);
      sessions.push(session);
      await session.next('welcome');
      const userJoined = await rx.receiver.waitFor((r) => hookRequest('/alpha', 'user-joined')(r) && externalIdOf(r) === meetingID);
      assert.equal(decodeWebhook(userJoined, url('/alpha'), A().secret).attributes.user['external-user-id'], 'ada-1');

      expectSuccess(await call(A(), 'end', { meetingID }), 'sentEndMeetingRequest');
      await rx.receiver.waitFor((r) => hookRequest('/alpha', 'meeting-ended')(r) && externalIdOf(r) === meetingID);
      expectSuccess(await call(B(), 'end', { meetingID }), 'sentEndMeetingRequest');
      await eventually(() => rx.receiver.requests.some((r) => r.url.startsWith('/end-alpha')));

      const beta = rx.receiver.requests.filter((r) => r.url.startsWith('/beta?'));
      assert.ok(beta.every((r) => ['meeting-created', 'user-joined'].includes(eventIdOf(r))), 'beta\'s eventID filter holds');
      assert.ok(beta.every((r) => eventIdOf(r) !== 'user-joined'), 'nobody joined beta\'s meeting');
      // Deliveries are at least once (a retry may repeat one), but never another tenant's meeting.
      const alphaHeard = rx.receiver.requests.filter((r) => r.url.startsWith('/alpha?') && externalIdOf(r) === meetingID);
      const internalIds = new Set(alphaHeard.map(internalIdOf));
      assert.deepEqual([...internalIds], [alphaInternal], 'alpha heard of its own meeting only');
      assert.notEqual(alphaInternal, betaInternal);
    });

    test('a hook for one meeting hears only that meeting', async () => {
      const one = uniqueId('one');
      const other = uniqueId('other');
      expectSuccess(await call(A(), 'hooks/create', { callbackURL: url('/alpha-one'), meetingID: one }));
      const listed = asList(expectSuccess(await call(A(), 'hooks/list', { meetingID: other })).hooks?.hook);
      assert.deepEqual(listed.map((h) => h.callbackURL), [url('/alpha')], 'filtered list: global hooks and that meeting\'s');
      expectSuccess(await call(A(), 'create', { meetingID: other, name: 'Other' }));
      expectSuccess(await call(A(), 'create', { meetingID: one, name: 'One' }));
      await rx.receiver.waitFor((r) => hookRequest('/alpha-one', 'meeting-created')(r) && externalIdOf(r) === one);
      await rx.receiver.waitFor((r) => hookRequest('/alpha', 'meeting-created')(r) && externalIdOf(r) === other);
      assert.ok(!rx.receiver.requests.some((r) => r.url.startsWith('/alpha-one?') && externalIdOf(r) === other));
      for (const meetingID of [one, other]) expectSuccess(await call(A(), 'end', { meetingID }));
    });

    test('event posts not signed by the server are refused', async () => {
      const [node] = f.nodes;
      const [hook] = asList(expectSuccess(await call(node, 'hooks/list')).hooks?.hook);
      const body = 'domain=x&event=%5B%5D&timestamp=1';
      const forgedToken = hook.callbackURL.replace(/token=[^&]+/, 'token=AAAA');
      assert.equal((await fetch(`${forgedToken}&checksum=${sha1(forgedToken + body + node.secret)}`, { method: 'POST', body })).status, 403);
      assert.equal((await fetch(`${hook.callbackURL}&checksum=${sha1(hook.callbackURL + body + 'wrong')}`, { method: 'POST', body })).status, 401);
      assert.equal((await fetch(`${hook.callbackURL}&checksum=${sha1(hook.callbackURL + body + node.secret)}`, { method: 'POST', body })).status, 200);
    });
  });
}
