// Recordings through the gateway: tars in Scalelite's format (made here as a
// BigBlueButton server's post-publish script makes them) are imported from
// the spool for the tenant whose meeting made them, listed, published,
// protected, updated and deleted per tenant, played from storage, and
// announced to the tenant's recording-ready URL signed with its secret.
// Broken and hostile tars are set aside without showing anything.
// Each suite runs on SQLite and (with BLUEMEET_TEST_PG_URL) on PostgreSQL.
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { eventually } from '../lib/harness.mjs';
import { asList, call, expectFailed, expectSuccess, receiverFixture, uniqueId } from '../lib/api.mjs';
import { backends, federationFixture } from '../lib/gateway.mjs';
import { dropTar, metadataXml, sha1, spoolDir, verifyHs256 } from '../lib/recordings.mjs';

for (const db of backends()) {
  describe(`recordings through the gateway (${db.name})`, { skip: db.skip }, () => {
    const root = mkdtempSync(join(tmpdir(), 'bluemeet-recordings-'));
    after(() => rmSync(root, { recursive: true, force: true }));
    const f = federationFixture(db, { nodes: [{}], tenants: { alpha: {}, beta: {} }, gatewayArgs: ['--recordings', root] });
    const rx = receiverFixture();
    const A = () => f.clients.alpha;
    const B = () => f.clients.beta;
    const meetingID = uniqueId('lecture');
    const recordId = `${sha1(`alpha~${meetingID}`)}-${Date.now()}`;
    let recording;

    test('a server\'s tar is imported for the tenant whose meeting made it', async () => {
      expectSuccess(await call(A(), 'create', {
        meetingID, name: 'Lecture', record: 'true', 'meta_bbb-recording-ready-url': `${rx.receiver.base}/ready`,
        'meta_bbb-origin': 'moodle',
      }));
      const index = '<!doctype html><title>Lecture playback</title>';
      dropTar(root, recordId, {
        presentation: { 'metadata.xml': metadataXml({ recordId, backendId: `alpha~${meetingID}`, name: 'Lecture', format: 'presentation', meta: { 'bbb-origin': 'moodle' } }), 'index.html': index, 'thumb-1.png': 'png' },
        video: { 'metadata.xml': metadataXml({ recordId, backendId: `alpha~${meetingID}`, name: 'Lecture', format: 'video' }), 'index.html': 'video page' },
      });
      recording = await eventually(async () => {
        const r = expectSuccess(await call(A(), 'getRecordings', { meetingID }));
        return asList(r.recordings?.recording)[0];
      });
      assert.equal(recording.recordID, recordId);
      assert.equal(recording.meetingID, meetingID, 'the tenant\'s own meeting ID');
      assert.equal(recording.name, 'Lecture');
      assert.equal(recording.published, 'true');
      assert.equal(recording.state, 'published');
      assert.equal(recording.metadata['bbb-origin'], 'moodle');
      const formats = asList(recording.playback.format);
      assert.deepEqual(formats.map((x) => x.type).sort(), ['presentation', 'video']);
      const presentation = formats.find((x) => x.type === 'presentation');
      assert.equal(presentation.url, `${f.gateway.url}/playback/presentation/${recordId}/`);
      assert.equal(presentation.length, '10');
      assert.equal(presentation.preview.images.image['#text'], `${f.gateway.url}/playback/presentation/${recordId}/thumb-1.png`);

      const page = await fetch(presentation.url);
      assert.equal(page.status, 200);
      assert.match(page.headers.get('content-type'), /text\/html/);
      assert.equal(await page.text(), index);
      assert.equal((await fetch(`${f.gateway.url}/playback/presentation/${recordId}/../../etc/passwd`)).status, 404);
      assert.deepEqual(readdirSync(spoolDir(root)), [], 'the tar is gone once imported');
    });

    test('playback seeks: one byte range, 416 past the end, HEAD tells the length', async () => {
      const url = `${f.gateway.url}/playback/presentation/${recordId}/index.html`;
      const whole = '<!doctype html><title>Lecture playback</title>';
      const part = await fetch(url, { headers: { Range: 'bytes=2-8' } });
      assert.equal(part.status, 206);
      assert.equal(part.headers.get('content-range'), `bytes 2-8/${whole.length}`);
      assert.equal(await part.text(), whole.slice(2, 9));
      const tail = await fetch(url, { headers: { Range: 'bytes=-6' } });
      assert.equal(await tail.text(), whole.slice(-6));
      const past = await fetch(url, { headers: { Range: `bytes=${whole.length}-` } });
      assert.equal(past.status, 416);
      assert.equal(past.headers.get('content-range'), `bytes */${whole.length}`);
      const head = await fetch(url, { method: 'HEAD' });
      assert.equal(head.status, 200);
      assert.equal(head.headers.get('content-length'), String(whole.length));
      assert.equal(head.headers.get('accept-ranges'), 'bytes');
      // Several ranges: the whole file is a valid answer.
      const several = await fetch(url, { headers: { Range: 'bytes=0-1,4-5' } });
      assert.equal(several.status, 200);
      assert.equal(await several.text(), whole);
    });

    test('the tenant\'s recording-ready URL is called, signed with its secret', async () => {
      const ready = await rx.receiver.waitFor((r) => r.url === '/ready');
      assert.equal(ready.method, 'POST');
      const token = new URLSearchParams(ready.body).get('signed_parameters');
      const claims = verifyHs256(token, A().secret);
      assert.ok(claims, 'HS256 with the tenant\'s secret');
      assert.deepEqual(claims, { meeting_id: meetingID, record_id: recordId });
      const info = expectSuccess(await call(A(), 'getMeetingInfo', { meetingID }));
      assert.equal(info.metadata['bbb-recording-ready-url'], `${rx.receiver.base}/ready`, 'shown to the tenant as given');
    });

    test('another tenant cannot see or touch it', async () => {
      expectSuccess(await call(B(), 'getRecordings', { recordID: recordId }), 'noRecordings');
      expectSuccess(await call(B(), 'getRecordings'), 'noRecordings');
      expectFailed(await call(B(), 'publishRecordings', { recordID: recordId, publish: 'false' }), 'notFound');
      expectFailed(await call(B(), 'deleteRecordings', { recordID: recordId }), 'notFound');
      expectFailed(await call(B(), 'updateRecordings', { recordID: recordId, meta_name: 'x' }), 'notFound');
    });

    test('publish, update and protect act on the recording and its playback', async () => {
      const url = `${f.gateway.url}/playback/presentation/${recordId}/`;
      assert.equal(expectSuccess(await call(A(), 'publishRecordings', { recordID: recordId, publish: 'false' })).published, 'false');
      let r = asList(expectSuccess(await call(A(), 'getRecordings', { meetingID })).recordings.recording)[0];
      assert.equal(r.state, 'unpublished');
      assert.equal((await fetch(url)).status, 404, 'unpublished recordings do not play');
      expectSuccess(await call(A(), 'getRecordings', { meetingID, state: 'published' }), 'noRecordings');
      expectSuccess(await call(A(), 'publishRecordings', { recordID: recordId, publish: 'true' }));
      assert.equal((await fetch(url)).status, 200);

      expectSuccess(await call(A(), 'updateRecordings', { recordID: recordId, 'meta_Course': 'Physics', protect: 'true' }));
      r = asList(expectSuccess(await call(A(), 'getRecordings', { recordID: recordId.slice(0, 20) })).recordings.recording)[0];
      assert.equal(r.metadata.course, 'Physics');
      assert.equal(r.protected, 'true');
      expectSuccess(await call(A(), 'getRecordings', { meta_course: 'Chemistry' }), 'noRecordings');
      const link = asList(r.playback.format).find((x) => x.type === 'presentation').url;
      assert.match(link, /\?token=\d+\.[\w-]+$/);
      assert.equal((await fetch(url)).status, 403, 'protected: no token, no playback');
      const first = await fetch(link);
      assert.equal(first.status, 200);
      const cookie = first.headers.get('set-cookie').split(';')[0];
      assert.equal((await fetch(`${url}thumb-1.png`, { headers: { cookie } })).status, 200, 'the page\'s own requests carry the cookie');
      assert.equal((await fetch(link.replace(/token=\d+/, 'token=1'))).status, 403);
      expectSuccess(await call(A(), 'updateRecordings', { recordID: recordId, protect: 'false' }));
    });

    test('broken and hostile tars are set aside and show nothing', async () => {
      const broken = `${sha1('x')}-${Date.now()}`;
      writeFileSync(join(spoolDir(root), `${broken}.tar`), 'this is not a tar');
      const hostile = `${sha1(`alpha~${meetingID}`)}-${Date.now() + 1}`;
      dropTar(root, hostile, { presentation: { 'metadata.xml': metadataXml({ recordId: hostile, backendId: `alpha~${meetingID}`, name: 'Evil', format: 'presentation' }) } },
        { extra: (src) => symlinkSync('/etc/passwd', join(src, 'presentation', hostile, 'passwd')) });
      const stranger = `${sha1('nobody~x')}-${Date.now() + 2}`;
      dropTar(root, stranger, { presentation: { 'metadata.xml': metadataXml({ recordId: stranger, backendId: 'nobody~x', name: 'Stranger', format: 'presentation' }) } });
      await eventually(() => readdirSync(join(root, 'failed')).length === 3);
      assert.deepEqual(readdirSync(spoolDir(root)), []);
      const all = asList(expectSuccess(await call(A(), 'getRecordings', { state: 'any' })).recordings?.recording);
      assert.deepEqual(all.map((x) => x.recordID), [recordId]);
    });

    test('operators list, show, unpublish and publish with bluemeet admin, and send failed tars back', async () => {
      const listed = f.fed.admin('recordings', 'list', '--tenant', 'alpha');
      assert.match(listed, new RegExp(`${recordId}\\s+alpha\\s+${meetingID}\\s+Lecture\\s+published\\s+presentation,video`));
      assert.doesNotMatch(f.fed.admin('recordings', 'list', '--tenant', 'beta'), new RegExp(recordId));
      assert.match(f.fed.admin('recordings', 'show', recordId), /format: presentation \(10 min\)/);
      f.fed.admin('recordings', '--recordings', root, 'unpublish', recordId);
      let r = asList(expectSuccess(await call(A(), 'getRecordings', { meetingID })).recordings.recording)[0];
      assert.equal(r.published, 'false');
      assert.equal((await fetch(`${f.gateway.url}/playback/presentation/${recordId}/`)).status, 404);
      f.fed.admin('recordings', '--recordings', root, 'publish', recordId);
      r = asList(expectSuccess(await call(A(), 'getRecordings', { meetingID })).recordings.recording)[0];
      assert.equal(r.published, 'true');
      assert.equal((await fetch(`${f.gateway.url}/playback/presentation/${recordId}/`)).status, 200);
      assert.equal(f.fed.adminResult('recordings', '--recordings', root, 'delete', 'no-such-recording').status, 1);

      assert.match(f.fed.admin('recordings', '--recordings', root, 'import'), /^3 failed tars sent back to the spool/);
      await eventually(() => readdirSync(join(root, 'failed')).length === 3, { timeoutMs: 20000 });
      const metrics = await (await fetch(`${f.gateway.url}/metrics`)).text();
      assert.match(metrics, /^bluemeet_gateway_tenant_recordings\{tenant="alpha"\} 1$/m);
      assert.match(metrics, /^bluemeet_gateway_recording_imports_total\{outcome="failed"\} 6$/m);
    });

    test('delete removes it for good', async () => {
      assert.equal(expectSuccess(await call(A(), 'deleteRecordings', { recordID: recordId })).deleted, 'true');
      expectSuccess(await call(A(), 'getRecordings', { meetingID }), 'noRecordings');
      assert.equal((await fetch(`${f.gateway.url}/playback/presentation/${recordId}/`)).status, 404);
      expectFailed(await call(A(), 'deleteRecordings', { recordID: recordId }), 'notFound');
      expectSuccess(await call(A(), 'end', { meetingID }));
    });
  });
}
