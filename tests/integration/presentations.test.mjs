// Presentations: documents given with create's <modules> body (inline base64
// or by URL) and insertDocument reach the meeting's clients, only they can
// fetch them, only the presenter turns pages, and a restarted node keeps
// them. Through the gateway, the body reaches the meeting's server and a
// failover gives the documents to the next one.
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import { after, before, describe, test } from 'node:test';
import { encoders, eventually, joinUser, openSession } from '../lib/harness.mjs';
import {
  apiRequest, closeAll, expectSuccess, nodeFixture, restartableNodeFixture, signQuery, uniqueId,
} from '../lib/api.mjs';
import { backends, federationFixture, nodeMeetingIds, redirectTarget } from '../lib/gateway.mjs';
import { makePdf } from '../lib/pdf.mjs';

const PDF = makePdf([{ color: [1, 0, 0], text: 'One' }, { color: [0, 0.5, 0], text: 'Two' }, { color: [0, 0, 1], text: 'Three' }]);
// A 1×1 PNG.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==', 'base64');

const xmlEscape = (s) => s.replace(/[<>&"]/g, (c) => ({ '<': '&lt;', '>': '&gt;', '&': '&amp;', '"': '&quot;' })[c]);
const inlineDoc = (name, bytes, attrs = '') =>
  `<document filename="${xmlEscape(name)}"${attrs}>${bytes.toString('base64')}</document>`;
const modules = (...docs) => `<?xml version="1.0" encoding="UTF-8"?><modules><module name="presentation">${docs.join('')}</module></modules>`;

// A POST whose body is XML: the checksum covers the query only, as on BBB.
function postXml(target, callName, params, xml) {
  const query = signQuery(target, callName, encoders.js(params));
  return apiRequest(target, callName, { query, method: 'POST', headers: { 'Content-Type': 'application/xml' }, body: xml });
}

async function enter(target, meetingID, fullName, extra = {}) {
  const user = await joinUser(target, meetingID, fullName, extra);
  const session = await openSession(target, user.token);
  const welcome = await session.next('welcome');
  return { ...user, session, welcome };
}

const docNames = (p) => p.docs.map((d) => d.name);

describe('presentations on a node', () => {
  const f = nodeFixture();
  const sessions = [];
  let files;
  before(async () => {
    // Serves a document by URL, as an LMS would.
    files = createServer((req, res) => {
      if (req.url === '/slides.pdf') return res.writeHead(200, { 'Content-Type': 'application/pdf' }).end(PDF);
      res.writeHead(404).end();
    });
    await new Promise((r) => files.listen(0, '127.0.0.1', r));
  });
  after(async () => {
    await closeAll(sessions);
    await new Promise((r) => files.close(r));
  });

  test('inline and URL documents reach the clients; what the node cannot show is left out', async () => {
    const meetingID = uniqueId('docs');
    const url = `http://127.0.0.1:${files.address().port}/slides.pdf`;
    const body = modules(
      inlineDoc('Agenda «2026».pdf', PDF, ' downloadable="true"'),
      inlineDoc('notes.txt', Buffer.from('not a document the node shows')),
      inlineDoc('photo.png', PNG, ' current="true"'),
      `<document url="${url}" filename="from-url.pdf"/>`,
    );
    const created = await postXml(f.node, 'create', { meetingID, name: 'Documents' }, body);
    expectSuccess(created);

    const mod = await enter(f.node, meetingID, 'Teacher', { role: 'MODERATOR' });
    sessions.push(mod.session);
    const p = mod.welcome.presentation;
    // Inline ones are there when create answers; the text file is not a kind the node shows.
    assert.deepEqual(docNames(p).slice(0, 2), ['Agenda «2026».pdf', 'photo.png']);
    assert.deepEqual(p.docs.slice(0, 2).map((d) => d.kind), ['pdf', 'png']);
    assert.equal(p.current, p.docs[1].id, 'the document marked current is shown');
    assert.equal(p.page, 1);
    assert.equal(p.docs[0].downloadable, true);
    assert.equal(p.docs[1].downloadable, false);

    // The URL document follows once fetched.
    const all = await eventually(async () => {
      if (docNames(p).length === 3) return p;
      const m = await mod.session.next('presentation');
      return m.presentation.docs.length === 3 && m.presentation;
    });
    assert.deepEqual(docNames(all), ['Agenda «2026».pdf', 'photo.png', 'from-url.pdf']);

    const pdf = await fetch(f.node.url + all.docs[0].url);
    assert.equal(pdf.status, 200);
    assert.equal(pdf.headers.get('content-type'), 'application/pdf');
    assert.equal(pdf.headers.get('x-content-type-options'), 'nosniff');
    assert.match(pdf.headers.get('content-disposition'), /^attachment; filename="Agenda _2026_.pdf"; filename\*=UTF-8''Agenda%20%C2%AB2026%C2%BB.pdf$/);
    assert.deepEqual(Buffer.from(await pdf.arrayBuffer()), PDF);
    const fetched = await fetch(f.node.url + all.docs[2].url);
    assert.deepEqual(Buffer.from(await fetched.arrayBuffer()), PDF);
    const png = await fetch(f.node.url + all.docs[1].url);
    assert.equal(png.headers.get('content-type'), 'image/png');
    assert.match(png.headers.get('content-disposition'), /^inline;/);
  });

  test('only people admitted to the meeting fetch its documents', async () => {
    const meetingID = uniqueId('private-docs');
    const other = uniqueId('other');
    expectSuccess(await postXml(f.node, 'create', { meetingID, name: 'Private' }, modules(inlineDoc('a.pdf', PDF), inlineDoc('c.png', PNG))));
    expectSuccess(await postXml(f.node, 'create', { meetingID: other, name: 'Other', guestPolicy: 'ASK_MODERATOR' }, modules(inlineDoc('b.pdf', PDF))));
    const member = await enter(f.node, meetingID, 'Member', { role: 'MODERATOR' });
    sessions.push(member.session);
    // The second document: the other meeting has a first one of its own, but not a second.
    const doc = member.welcome.presentation.docs[1];
    assert.equal((await fetch(f.node.url + doc.url)).status, 200);

    const path = doc.url.split('?')[0];
    assert.equal((await fetch(f.node.url + path)).status, 403, 'no token');
    assert.equal((await fetch(f.node.url + path + '?sessionToken=nonsense')).status, 403, 'unknown token');
    // Someone of another meeting asks for this meeting's document id: not theirs.
    const stranger = await joinUser(f.node, other, 'Stranger', { role: 'MODERATOR' });
    assert.equal((await fetch(`${f.node.url}${path}?sessionToken=${stranger.token}`)).status, 404);
    // A guest still waiting for approval sees nothing.
    const guest = await joinUser(f.node, other, 'Guest', { guest: 'true', role: 'VIEWER' });
    const otherDoc = `${f.node.url}/bigbluebutton/presentation/d1?sessionToken=`;
    assert.equal((await fetch(otherDoc + stranger.token)).status, 200);
    assert.equal((await fetch(otherDoc + guest.token)).status, 403);
    // No document, no file; a path that tries to leave the directory is not a document id.
    assert.equal((await fetch(`${f.node.url}/bigbluebutton/presentation/d9?sessionToken=${member.token}`)).status, 404);
    assert.equal((await fetch(`${f.node.url}/bigbluebutton/presentation/..%2F..%2Fnode.db?sessionToken=${member.token}`)).status, 404);
  });

  test('the presenter turns pages for everyone; nobody else can', async () => {
    const meetingID = uniqueId('pages');
    expectSuccess(await postXml(f.node, 'create', { meetingID, name: 'Pages' },
      modules(inlineDoc('deck.pdf', PDF), inlineDoc('photo.png', PNG))));
    const teacher = await enter(f.node, meetingID, 'Teacher', { role: 'MODERATOR' });
    const student = await enter(f.node, meetingID, 'Student', { role: 'VIEWER' });
    sessions.push(teacher.session, student.session);
    const [deck, photo] = teacher.welcome.presentation.docs;
    assert.equal(teacher.welcome.you.presenter, true, 'the first moderator presents');

    teacher.session.send({ type: 'presentationShow', docId: deck.id, page: 3 });
    const seen = await student.session.next('presentation');
    assert.equal(seen.presentation.current, deck.id);
    assert.equal(seen.presentation.page, 3);
    // Each gets links with their own token.
    assert.ok(seen.presentation.docs[0].url.endsWith('sessionToken=' + student.token));

    student.session.send({ type: 'presentationShow', docId: deck.id, page: 1 });
    assert.equal((await student.session.next('error')).code, 'forbidden');
    for (const bad of [{ docId: 'd9', page: 1 }, { docId: deck.id, page: 0 }, { docId: photo.id, page: 2 }, { docId: deck.id, page: 'x' }]) {
      teacher.session.send({ type: 'presentationShow', ...bad });
      assert.equal((await teacher.session.next('error')).code, 'badRequest', JSON.stringify(bad));
    }
    // A latecomer starts where the presenter is.
    const late = await enter(f.node, meetingID, 'Late', { role: 'VIEWER' });
    sessions.push(late.session);
    assert.equal(late.welcome.presentation.page, 3);
  });

  test('insertDocument adds documents to a running meeting; bad XML is refused', async () => {
    const meetingID = uniqueId('insert');
    expectSuccess(await postXml(f.node, 'create', { meetingID, name: 'Insert' }, modules(inlineDoc('first.pdf', PDF))));
    const mod = await enter(f.node, meetingID, 'Teacher', { role: 'MODERATOR' });
    sessions.push(mod.session);
    const r = await postXml(f.node, 'insertDocument', { meetingID }, modules(inlineDoc('second.pdf', PDF, ' current="true"')));
    expectSuccess(r);
    const m = await mod.session.next('presentation');
    assert.deepEqual(docNames(m.presentation), ['first.pdf', 'second.pdf']);
    assert.equal(m.presentation.current, m.presentation.docs[1].id);

    const bad = await postXml(f.node, 'insertDocument', { meetingID }, '<modules><module');
    assert.equal(bad.xml.response.returncode, 'FAILED');
    const badCreate = await postXml(f.node, 'create', { meetingID: uniqueId('bad'), name: 'Bad' }, '<modules>');
    assert.equal(badCreate.xml.response.messageKey, 'invalidXML');
  });
});

describe('presentations across a node restart', () => {
  const f = restartableNodeFixture();
  test('a restored meeting offers its documents again', async () => {
    const meetingID = uniqueId('restart');
    expectSuccess(await postXml(f.node, 'create', { meetingID, name: 'Restart' },
      modules(inlineDoc('one.pdf', PDF), inlineDoc('two.png', PNG, ' current="true"'))));
    await f.restart({ signal: 'SIGKILL' });
    const mod = await enter(f.node, meetingID, 'Teacher', { role: 'MODERATOR' });
    try {
      const p = mod.welcome.presentation;
      assert.deepEqual(docNames(p), ['one.pdf', 'two.png']);
      assert.equal(p.current, p.docs[1].id);
      const back = await fetch(f.node.url + p.docs[0].url);
      assert.deepEqual(Buffer.from(await back.arrayBuffer()), PDF);
    } finally {
      await mod.session.close();
    }
  });
});

for (const db of backends()) {
  describe(`presentations through the gateway (${db.name})`, { skip: db.skip }, () => {
    const f = federationFixture(db, {
      nodes: [{ tags: ['doomed'] }, {}],
      tenants: { acme: {} },
      gatewayArgs: ['--backend-timeout-ms', '3000', '--poll-timeout-ms', '500'],
    });

    async function enterThroughGateway(meetingID, fullName) {
      const r = await apiRequest(f.clients.acme, 'join', {
        query: signQuery(f.clients.acme, 'join', encoders.js({ meetingID, fullName, role: 'MODERATOR' })),
      });
      const { node, location } = redirectTarget(f.nodes, r);
      const token = new URL((await fetch(location, { redirect: 'manual' })).headers.get('location')).searchParams.get('sessionToken');
      const session = await openSession(node, token);
      return { node, session, welcome: await session.next('welcome') };
    }

    test('create\'s documents and inserted ones reach the server, and the next server after a failover', async () => {
      const meetingID = uniqueId('gw-docs');
      expectSuccess(await postXml(f.clients.acme, 'create', { meetingID, name: 'Federated', 'meta_server-tag': 'doomed' },
        modules(inlineDoc('lecture.pdf', PDF))));
      const first = await enterThroughGateway(meetingID, 'Teacher');
      assert.equal(first.node, f.nodes[0]);
      assert.deepEqual(docNames(first.welcome.presentation), ['lecture.pdf']);
      expectSuccess(await postXml(f.clients.acme, 'insertDocument', { meetingID }, modules(inlineDoc('extra.png', PNG))));
      await first.session.next('presentation');
      await first.session.close();

      await f.nodes[0].stop({ signal: 'SIGKILL' });
      await f.fed.waitHealth(f.serverIds[0], 'offline');
      const second = await enterThroughGateway(meetingID, 'Teacher');
      try {
        assert.equal(second.node, f.nodes[1]);
        assert.ok((await nodeMeetingIds(f.nodes[1])).includes(`acme~${meetingID}`));
        const p = second.welcome.presentation;
        assert.deepEqual(docNames(p), ['lecture.pdf', 'extra.png']);
        const back = await fetch(second.node.url + p.docs[0].url);
        assert.deepEqual(Buffer.from(await back.arrayBuffer()), PDF);
      } finally {
        await second.session.close();
      }
    });
  });
}
