// The portal's mail, through a local SMTP sink: a new account verifies its
// address before it signs in, a forgotten password is reset by a one-use
// link that ends the old sessions, and a mail server that is away delays
// mail without losing it.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, test } from 'node:test';
import { backends, federationFixture } from '../lib/gateway.mjs';
import { browser, startPortal } from '../lib/portal.mjs';
import { eventually } from '../lib/harness.mjs';
import { linkIn, startSmtpSink } from '../lib/smtp.mjs';

const [sqlite] = backends();

describe('the portal\'s mail', () => {
  const f = federationFixture(sqlite, { nodes: [], tenants: { campus: {} } });
  let portal;
  let smtp;
  before(async () => {
    smtp = await startSmtpSink();
    portal = await startPortal({
      gatewayApi: `${f.gateway.url}/t/campus/bigbluebutton/api/`, secret: f.clients.campus.secret,
      args: ['--smtp', smtp.url, '--mail-from', 'Campus Meet <meet@campus.example.org>',
        '--admin-email', 'admin@campus.example.org', '--admin-password', 'admin-password-1'],
    });
  });
  after(async () => {
    await portal?.stop();
    await smtp?.stop();
  });

  test('sign-up mails a verification link; the account signs in once it is followed', async () => {
    const b = browser(portal.url);
    await b.session();
    const made = await b.post('users', { name: 'Grace Hopper', email: 'grace@example.org', password: 'compiler-1952', language: 'it' });
    assert.equal(made.status, 201);
    assert.deepEqual(made.json, { user: null, verificationRequired: true, approvalRequired: false });
    assert.equal((await b.signIn('grace@example.org', 'compiler-1952')).json.error.code, 'unverified');

    const mail = await smtp.waitFor((m) => m.to.includes('grace@example.org'));
    assert.equal(mail.from, 'meet@campus.example.org');
    assert.match(mail.subject, /^Conferma il tuo indirizzo/, 'in the account\'s language');
    const link = new URL(linkIn(mail, portal.url));
    assert.equal(link.pathname, '/verify');
    await b.session();
    const verified = await b.post('users/verify', { token: link.searchParams.get('token') });
    assert.equal(verified.status, 200);
    assert.equal(verified.json.user.verified, true);
    assert.equal((await b.session()).user.email, 'grace@example.org', 'signed in by the link');
    assert.equal((await b.post('users/verify', { token: link.searchParams.get('token') })).json.error.code, 'invalidToken', 'once only');
  });

  test('a password reset link works once and ends the sessions the old password opened', async () => {
    const old = browser(portal.url);
    assert.equal((await old.signIn('grace@example.org', 'compiler-1952')).status, 200);
    const b = browser(portal.url);
    await b.session();
    const before = smtp.messages.length;
    assert.equal((await b.post('password-resets', { email: 'grace@example.org' })).status, 202);
    assert.equal((await b.post('password-resets', { email: 'nobody@example.org' })).status, 202, 'the same answer for anyone');
    const mail = await smtp.waitFor((m) => smtp.messages.indexOf(m) >= before && m.to.includes('grace@example.org'));
    const token = new URL(linkIn(mail, portal.url)).searchParams.get('token');
    assert.equal((await b.post('password-resets/confirm', { token, password: 'short' })).json.error.code, 'weakPassword');
    assert.equal((await b.post('password-resets/confirm', { token, password: 'cobol-1959-x' })).status, 204);
    assert.equal((await b.post('password-resets/confirm', { token, password: 'cobol-1959-y' })).json.error.code, 'invalidToken');
    assert.equal((await old.get('rooms')).status, 401, 'the old session is gone');
    assert.equal((await b.signIn('grace@example.org', 'compiler-1952')).status, 401);
    assert.equal((await b.signIn('grace@example.org', 'cobol-1959-x')).status, 200);
    assert.equal(smtp.messages.filter((m) => m.to.includes('nobody@example.org')).length, 0);
  });

  test('registration by invitation: the mailed link opens it, for that address, once', async () => {
    const admin = browser(portal.url);
    assert.equal((await admin.signIn('admin@campus.example.org', 'admin-password-1')).status, 200);
    await admin.patch('admin/settings', { registration: 'invite' });
    const stranger = browser(portal.url);
    await stranger.session();
    assert.equal((await stranger.post('users', { name: 'Nobody', email: 'nobody@example.org', password: 'password-123' })).json.error.code, 'registrationClosed');

    const made = await admin.post('admin/invitations', { email: 'Barbara@Example.org' });
    assert.equal(made.status, 201, JSON.stringify(made.json));
    assert.equal(made.json.mailed, true);
    assert.equal(made.json.invitation.email, 'barbara@example.org');
    assert.equal((await admin.post('admin/invitations', { email: 'grace@example.org' })).json.error.code, 'emailTaken');
    assert.deepEqual((await admin.get('admin/invitations')).json.invitations.map((i) => i.email), ['barbara@example.org']);
    const mail = await smtp.waitFor((m) => m.to.includes('barbara@example.org'));
    const link = new URL(linkIn(mail, portal.url));
    assert.equal(`${link.origin}${link.pathname}`, `${portal.url}/signup`);
    const inviteToken = link.searchParams.get('inviteToken');
    assert.equal(made.json.invitation.link, link.href, 'the same link for the administrator to pass on');

    const b = browser(portal.url);
    await b.session();
    assert.equal((await b.post('users', { name: 'Barbara', email: 'other@example.org', password: 'liskov-1987', inviteToken })).json.error.code, 'inviteMismatch');
    const joined = await b.post('users', { name: 'Barbara Liskov', email: 'barbara@example.org', password: 'liskov-1987', inviteToken });
    assert.equal(joined.status, 201, JSON.stringify(joined.json));
    assert.equal(joined.json.user.verified, true, 'the invitation vouched for the address');
    assert.equal((await b.session()).user.email, 'barbara@example.org');
    const again = browser(portal.url);
    await again.session();
    assert.equal((await again.post('users', { name: 'B', email: 'barbara@example.org', password: 'liskov-1987', inviteToken })).json.error.code, 'registrationClosed');
    assert.deepEqual((await admin.get('admin/invitations')).json.invitations, []);

    const revoked = await admin.post('admin/invitations', { email: 'tony@example.org' });
    assert.equal((await admin.del(`admin/invitations/${revoked.json.invitation.id}`)).status, 204);
    const tony = browser(portal.url);
    await tony.session();
    const token2 = new URL(revoked.json.invitation.link).searchParams.get('inviteToken');
    assert.equal((await tony.post('users', { name: 'Tony', email: 'tony@example.org', password: 'hoare-1960', inviteToken: token2 })).json.error.code, 'registrationClosed');
    await admin.patch('admin/settings', { registration: 'open' });
  });

  test('mail waits while the mail server is away, and goes when it is back', async () => {
    const port = smtp.port;
    await smtp.stop();
    const b = browser(portal.url);
    await b.session();
    assert.equal((await b.post('users', { name: 'Alan', email: 'alan@example.org', password: 'enigma-1941' })).status, 201);
    await new Promise((r) => setTimeout(r, 1500));  // the first attempt fails meanwhile
    smtp = await startSmtpSink({ port });
    const mail = await smtp.waitFor((m) => m.to.includes('alan@example.org'), 60000);
    assert.match(mail.subject, /^Confirm your address/);
  });
});

// A certificate for 127.0.0.1 made by the test: the portal trusts it through --smtp-ca-file.
function selfSignedCertificate(dir) {
  execFileSync('openssl', ['req', '-x509', '-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes',
    '-keyout', join(dir, 'key.pem'), '-out', join(dir, 'cert.pem'), '-days', '2', '-subj', '/CN=127.0.0.1',
    '-addext', 'subjectAltName=IP:127.0.0.1'], { stdio: 'ignore' });
  return { key: readFileSync(join(dir, 'key.pem')), cert: readFileSync(join(dir, 'cert.pem')), caFile: join(dir, 'cert.pem') };
}

describe('the portal\'s mail through a submission server with TLS and a password', () => {
  const f = federationFixture(sqlite, { nodes: [], tenants: { campus: {} } });
  const credentials = { user: 'meet@campus.example.org', pass: 'p@ss+word: 1' };
  const userinfo = `${encodeURIComponent(credentials.user)}:${encodeURIComponent(credentials.pass)}`;
  let dir;
  let keys;
  const running = [];
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'bluemeet-smtp-tls-'));
    keys = selfSignedCertificate(dir);
  });
  after(async () => {
    await Promise.all(running.map((x) => x.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  async function portalWith(smtpUrl, dataDir) {
    const portal = await startPortal({
      gatewayApi: `${f.gateway.url}/t/campus/bigbluebutton/api/`, secret: f.clients.campus.secret, dataDir,
      args: ['--smtp', smtpUrl, '--smtp-ca-file', keys.caFile, '--mail-from', 'meet@campus.example.org'],
    });
    running.push(portal);
    return portal;
  }

  async function signUp(portal, email) {
    const b = browser(portal.url);
    await b.session();
    assert.equal((await b.post('users', { name: 'Ada', email, password: 'engine-1843' })).status, 201);
  }

  for (const [security, scheme] of [['starttls', 'smtp+starttls'], ['tls', 'smtps']]) {
    test(`${scheme}: the mail goes inside TLS, after AUTH`, async () => {
      const smtp = await startSmtpSink({ security, tls: keys, auth: credentials });
      running.push(smtp);
      const portal = await portalWith(`${scheme}://${userinfo}@127.0.0.1:${smtp.port}`);
      await signUp(portal, `ada-${security}@example.org`);
      const mail = await smtp.waitFor((m) => m.to.includes(`ada-${security}@example.org`));
      assert.equal(mail.tls, true);
      assert.equal(mail.user, credentials.user);
      assert.match(mail.subject, /^Confirm your address/);
    });
  }

  test('refused credentials keep the mail queued until the operator fixes them', async () => {
    const smtp = await startSmtpSink({ security: 'starttls', tls: keys, auth: credentials });
    running.push(smtp);
    const data = mkdtempSync(join(dir, 'portal-'));
    const wrong = await portalWith(`smtp+starttls://${encodeURIComponent(credentials.user)}:wrong@127.0.0.1:${smtp.port}`, data);
    await signUp(wrong, 'ada-queued@example.org');
    await eventually(() => smtp.failedAuths.length > 0);
    assert.ok(!wrong.stderr().includes('wrong'), 'the password is never logged');
    await wrong.stop();
    assert.equal(smtp.messages.length, 0);

    // Fixed: the same database, the right password; the queued mail goes.
    await portalWith(`smtp+starttls://${userinfo}@127.0.0.1:${smtp.port}`, data);
    const mail = await smtp.waitFor((m) => m.to.includes('ada-queued@example.org'), 60000);
    assert.equal(mail.user, credentials.user);
  });

  test('credentials without TLS are refused at start', async () => {
    await assert.rejects(portalWith(`smtp://${userinfo}@127.0.0.1:25`), /credentials only with TLS/);
  });
});
