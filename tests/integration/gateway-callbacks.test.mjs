// Callbacks through the gateway: servers are given the gateway's own URLs;
// what they send there reaches the tenant about its own meeting ID, signed
// with the tenant's secret; forged or foreign callbacks are refused.
import assert from 'node:assert/strict';
import { createHmac } from 'node:crypto';
import { after, describe, test } from 'node:test';
import { eventually, openSession } from '../lib/harness.mjs';
import { call, closeAll, expectSuccess, meetingInfo, receiverFixture, uniqueId } from '../lib/api.mjs';
import { backends, federationFixture } from '../lib/gateway.mjs';

const [sqlite] = backends();

// Verifies an HS512 compact JWT with a secret; returns its claims or null.
function verifyHs512(token, secret) {
  const [h, c, s] = token.split('.');
  const expected = createHmac('sha512', secret).update(`${h}.${c}`).digest('base64url');
  if (expected !== s) return null;
  const header = JSON.parse(Buffer.from(h, 'base64url'));
  assert.equal(header.alg, 'HS512');
  return JSON.parse(Buffer.from(c, 'base64url'));
}

describe('callbacks relayed by the gateway', () => {
  const f = federationFixture(sqlite, { nodes: [{}], tenants: { campus: {} } });
  const rx = receiverFixture();
  const sessions = [];
  after(() => closeAll(sessions));
  const meetingID = uniqueId('callbacks');
  let node;

  test('the server gets gateway URLs; the tenant sees its own', async () => {
    const r = rx.receiver;
    expectSuccess(await call(f.clients.campus, 'create', {
      meetingID, name: 'Callbacks', 'meta_endCallbackUrl': `${r.base}/end?x=1`,
      'meta_analytics-callback-url': `${r.base}/analytics`, 'meta_bbb-origin': 'test',
    }));
    const tenantView = await meetingInfo(f.clients.campus, meetingID);
    assert.equal(tenantView.metadata.endcallbackurl, `${r.base}/end?x=1`);
    assert.equal(tenantView.metadata['analytics-callback-url'], `${r.base}/analytics`);
    [node] = f.nodes;
    const serverView = await meetingInfo(node, `campus~${meetingID}`);
    assert.ok(serverView.metadata.endcallbackurl.startsWith(`${f.gateway.url}/gateway/callback/endcallbackurl?`));
    assert.ok(!JSON.stringify(serverView.metadata).includes(r.base), 'the server never learns the tenant\'s URLs');
    assert.equal(serverView.metadata['bbb-origin'], 'test');
  });

  test('a forged callback is refused', async () => {
    const serverView = await meetingInfo(node, `campus~${meetingID}`);
    const forged = serverView.metadata.endcallbackurl.replace(/token=[^&]+/, 'token=AAAA');
    assert.equal((await fetch(forged)).status, 403);
    // A valid URL, but an analytics token not signed by the hosting server.
    const analytics = serverView.metadata['analytics-callback-url'];
    const bad = `${Buffer.from('{"alg":"HS512","typ":"JWT"}').toString('base64url')}.${Buffer.from('{"exp":9999999999}').toString('base64url')}`;
    const sig = createHmac('sha512', 'not-the-server-secret').update(bad).digest('base64url');
    const res = await fetch(analytics, { method: 'POST', headers: { authorization: `Bearer ${bad}.${sig}`, 'content-type': 'application/json' }, body: '{}' });
    assert.equal(res.status, 401);
  });

  test('ending the meeting sends the tenant its end and analytics callbacks', async () => {
    const joined = expectSuccess(await call(f.clients.campus, 'join', {
      meetingID, fullName: 'Ada', role: 'MODERATOR', userID: 'ada-1', redirect: 'false',
    }));
    const session = await openSession(node, joined.session_token);
    sessions.push(session);
    await session.next('welcome');
    await eventually(async () => (await meetingInfo(f.clients.campus, meetingID)).participantCount === '1');
    expectSuccess(await call(f.clients.campus, 'end', { meetingID }), 'sentEndMeetingRequest');

    const end = await rx.receiver.waitFor((q) => q.url.startsWith('/end'));
    assert.equal(end.method, 'GET');
    const endUrl = new URL(end.url, rx.receiver.base);
    assert.equal(endUrl.searchParams.get('x'), '1');
    assert.equal(endUrl.searchParams.get('meetingID'), meetingID);
    assert.equal(endUrl.searchParams.get('recordingmarks'), 'false');

    const analytics = await rx.receiver.waitFor((q) => q.url === '/analytics');
    assert.equal(analytics.method, 'POST');
    const token = analytics.headers.authorization.replace(/^Bearer /, '');
    const claims = verifyHs512(token, f.clients.campus.secret);
    assert.ok(claims, 'signed with the tenant\'s secret');
    assert.equal(verifyHs512(token, node.secret), null, 'not with the server\'s');
    assert.ok(claims.exp > Date.now() / 1000 + 23 * 3600);
    const body = JSON.parse(analytics.body);
    assert.equal(body.meeting_id, meetingID);
    assert.deepEqual(body.data.attendees.map((a) => a.ext_user_id), ['ada-1']);
    const running = expectSuccess(await call(f.clients.campus, 'isMeetingRunning', { meetingID }));
    assert.equal(running.running, 'false');
  });
});
