// The portal's mail, through a local SMTP sink: a new account verifies its
// address before it signs in, a forgotten password is reset by a one-use
// link that ends the old sessions, and a mail server that is away delays
// mail without losing it.
import assert from 'node:assert/strict';
import { after, before, describe, test } from 'node:test';
import { backends, federationFixture } from '../lib/gateway.mjs';
import { browser, startPortal } from '../lib/portal.mjs';
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
