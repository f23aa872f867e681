// Recording text tracks through the gateway: putRecordingTextTrack (a
// checksummed POST with the file in multipart/form-data, WebVTT or SRT)
// stores a track for the tenant's recording, getRecordingTextTracks lists it
// with the live captions a BigBlueButton server's presentation format
// brought, and the href plays it. Another tenant neither sees nor writes it;
// tracks survive publish moves and re-imports and go with the recording.
// Runs on SQLite and (with BLUEMEET_TEST_PG_URL) on PostgreSQL.
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { eventually } from '../lib/harness.mjs';
import { asList, call, expectSuccess, rawCall, uniqueId } from '../lib/api.mjs';
import { backends, federationFixture } from '../lib/gateway.mjs';
import { dropTar, metadataXml, sha1, spoolDir } from '../lib/recordings.mjs';

const json = (r) => {
  assert.equal(r.status, 200, r.text);
  assert.match(r.headers.get('content-type'), /^application\/json/);
  assert.equal(r.headers.get('cache-control'), 'no-cache');
  return JSON.parse(r.text).response;
};

// multipart/form-data with the file field (none when null) and any other fields, as the PHP and Ruby clients send it.
function multipart(fields, file, { filename = 'track.vtt' } = {}) {
  const boundary = `----bluemeet${Math.random().toString(36).slice(2)}`;
  let body = '';
  for (const [k, v] of Object.entries(fields)) body += `--${boundary}\r\nContent-Disposition: form-data; name="${k}"\r\n\r\n${v}\r\n`;
  if (file !== null) {
    body += `--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\n`
      + `Content-Type: application/octet-stream\r\n\r\n${file}\r\n`;
  }
  body += `--${boundary}--\r\n`;
  return { headers: { 'Content-Type': `multipart/form-data; boundary=${boundary}` }, body };
}

const put = async (client, query, file, { fields = {}, ...opts } = {}) =>
  json(await rawCall(client, 'putRecordingTextTrack', query, { method: 'POST', ...multipart(fields, file, opts) }));
const list = async (client, recordID) => json(await call(client, 'getRecordingTextTracks', { recordID }));

const SRT = '1\r\n00:00:01,000 --> 00:00:04,000\r\nGuten Tag\r\n\r\n2\r\n00:00:05,000 --> 00:00:06,500\r\nZweite Zeile\r\n';
const LIVE = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nlive caption\n';

for (const db of backends()) {
  describe(`recording text tracks through the gateway (${db.name})`, { skip: db.skip }, () => {
    const root = mkdtempSync(join(tmpdir(), 'bluemeet-tracks-'));
    after(() => rmSync(root, { recursive: true, force: true }));
    const f = federationFixture(db, { tenants: { alpha: {}, beta: {} }, gatewayArgs: ['--recordings', root] });
    const A = () => f.clients.alpha;
    const B = () => f.clients.beta;
    const meetingID = uniqueId('lecture');
    const recordId = `${sha1(`alpha~${meetingID}`)}-${Date.now()}`;
    const tar = () => ({
      presentation: {
        'metadata.xml': metadataXml({ recordId, backendId: `alpha~${meetingID}`, name: 'Lecture', format: 'presentation' }),
        'index.html': 'player',
        'captions.json': JSON.stringify([{ localeName: 'English (live)', locale: 'en-US' }]),
        'caption_en-US.vtt': LIVE,
      },
    });
    const trackHref = `/playback/presentation/${recordId}/captions/subtitles_de-DE.vtt`;

    test('a recording imported with live captions lists them', async () => {
      dropTar(root, recordId, tar());
      await eventually(async () => asList(expectSuccess(await call(A(), 'getRecordings', { meetingID })).recordings?.recording).length === 1);
      const r = await list(A(), recordId);
      assert.deepEqual(r, {
        returncode: 'SUCCESS',
        tracks: [{ href: `${f.gateway.url}/playback/presentation/${recordId}/caption_en-US.vtt`, kind: 'captions', label: 'English (live)', lang: 'en-US', source: 'live' }],
      });
      assert.equal(await (await fetch(r.tracks[0].href)).text(), LIVE);
    });

    test('putRecordingTextTrack stores an SRT file as WebVTT, and getRecordingTextTracks lists and plays it', async () => {
      const q = `recordID=${recordId}&kind=subtitles&lang=de_DE&label=Deutsch`;
      assert.deepEqual(await put(A(), q, SRT, { filename: 'de.srt' }), {
        messageKey: 'upload_text_track_success', message: 'Text track uploaded successfully', recordId, returncode: 'SUCCESS',
      });
      const r = await list(A(), recordId);
      assert.equal(r.returncode, 'SUCCESS');
      assert.deepEqual(r.tracks[0], { href: `${f.gateway.url}${trackHref}`, kind: 'subtitles', label: 'Deutsch', lang: 'de-DE', source: 'upload' });
      assert.equal(r.tracks[1].source, 'live', 'the live captions stay listed');
      const played = await fetch(r.tracks[0].href);
      assert.equal(played.status, 200);
      assert.match(played.headers.get('content-type'), /^text\/vtt/);
      assert.equal(played.headers.get('cache-control'), 'no-cache', 'an upload may replace it');
      assert.equal(await played.text(),
        'WEBVTT\n\n1\n00:00:01.000 --> 00:00:04.000\nGuten Tag\n\n2\n00:00:05.000 --> 00:00:06.500\nZweite Zeile\n');

      // BBB's captions.json beside the file, and nothing temporary left behind.
      const dir = join(root, 'captions', recordId);
      assert.deepEqual(readdirSync(dir).sort(), ['captions.json', 'subtitles_de-DE.vtt']);
      assert.deepEqual(JSON.parse(readFileSync(join(dir, 'captions.json'), 'utf8')),
        [{ kind: 'subtitles', label: 'Deutsch', lang: 'de-DE', source: 'upload' }]);
      assert.equal((await fetch(`${f.gateway.url}/playback/presentation/${recordId}/captions/captions.json`)).status, 404);
    });

    test('an upload replaces the track of the same kind and lang, and may replace live captions', async () => {
      const again = 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nNeu\n';
      json(await rawCall(A(), 'putRecordingTextTrack', `recordID=${recordId}`, { method: 'POST', ...multipart({ kind: 'subtitles', lang: 'de-DE' }, again) }));
      let r = await list(A(), recordId);
      assert.equal(r.tracks.length, 2);
      assert.equal(r.tracks[0].label, 'de-DE', 'no label: the lang, as BBB');
      assert.equal(await (await fetch(r.tracks[0].href)).text(), again);

      await put(A(), `recordID=${recordId}&kind=captions&lang=en-US&label=English`, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\ncorrected\n');
      r = await list(A(), recordId);
      assert.deepEqual(r.tracks.map((t) => [t.kind, t.lang, t.source]), [['captions', 'en-US', 'upload'], ['subtitles', 'de-DE', 'upload']]);
    });

    test('another tenant can neither list nor put the tracks', async () => {
      const listed = await list(B(), recordId);
      assert.deepEqual(listed, { returncode: 'FAILED', messageKey: 'noRecordings', message: `No recording found for ${recordId}` });
      const r = await put(B(), `recordID=${recordId}&kind=subtitles&lang=de-DE&label=Evil`, 'WEBVTT\n\n00:00:01.000 --> 00:00:02.000\nevil\n');
      assert.equal(r.returncode, 'FAILED');
      assert.equal(r.messageKey, 'noRecordings');
      const mine = await list(A(), recordId);
      assert.equal(mine.tracks.find((t) => t.lang === 'de-DE').label, 'de-DE', 'unchanged');
      // B's secret on A's path is a wrong checksum, in JSON.
      const forged = json(await rawCall({ ...A(), secret: B().secret }, 'getRecordingTextTracks', `recordID=${recordId}`));
      assert.equal(forged.messageKey, 'checksumError');
    });

    test('putRecordingTextTrack validates as BBB: parameters, then the file, then the recording', async () => {
      const vtt = 'WEBVTT\n';
      const key = async (query, file = vtt, opts) => (await put(A(), query, file, opts)).messageKey;
      assert.equal(await key('kind=subtitles&lang=en'), 'paramError');
      assert.equal(await key(`recordID=${recordId}&lang=en`), 'paramError');
      assert.equal(await key(`recordID=${recordId}&kind=karaoke&lang=en`), 'invalidKind');
      assert.equal(await key(`recordID=${recordId}&kind=subtitles`), 'paramError');
      assert.equal(await key(`recordID=${recordId}&kind=subtitles&lang=not%20a%20tag`), 'invalidLang');
      assert.equal(await key(`recordID=${recordId}&kind=subtitles&lang=en`, ''), 'empty_uploaded_text_track');
      assert.equal(await key(`recordID=${recordId}&kind=subtitles&lang=en`, null), 'empty_uploaded_text_track', 'no file field');
      assert.equal(await key('recordID=no-such-recording&kind=subtitles&lang=en'), 'noRecordings');
      assert.equal(await key(`recordID=${recordId}&kind=subtitles&lang=en`, 'just words, no cues'), 'upload_text_track_failed');
      assert.equal(await key(`recordID=${recordId}&kind=subtitles&lang=en`, `WEBVTT\n${'x'.repeat(5 << 20)}`), 'upload_text_track_failed');
      const noBody = json(await rawCall(A(), 'putRecordingTextTrack', `recordID=${recordId}&kind=subtitles&lang=en`, { method: 'POST' }));
      assert.equal(noBody.messageKey, 'empty_uploaded_text_track');
      const byGet = await rawCall(A(), 'putRecordingTextTrack', `recordID=${recordId}&kind=subtitles&lang=en`);
      assert.equal(byGet.status, 405);
      assert.equal((await list(A(), recordId)).tracks.length, 2, 'nothing refused was stored');
      assert.equal((await call(A(), 'getRecordingTextTracks', {})).xml.response.messageKey, 'missingParamRecordID');
    });

    test('tracks follow publishing and survive a re-import', async () => {
      expectSuccess(await call(A(), 'publishRecordings', { recordID: recordId, publish: 'false' }));
      assert.equal((await fetch(`${f.gateway.url}${trackHref}`)).status, 404, 'unpublished: not played');
      assert.equal((await list(A(), recordId)).tracks.length, 2, 'still listed for the tenant');
      expectSuccess(await call(A(), 'publishRecordings', { recordID: recordId, publish: 'true' }));
      assert.equal((await fetch(`${f.gateway.url}${trackHref}`)).status, 200);

      dropTar(root, recordId, tar());
      await eventually(() => readdirSync(spoolDir(root)).length === 0 && readdirSync(join(root, 'work')).every((d) => readdirSync(join(root, 'work', d)).length === 0));
      const r = await list(A(), recordId);
      assert.equal(r.tracks.length, 2);
      assert.equal((await fetch(`${f.gateway.url}${trackHref}`)).status, 200);
    });

    test('protected recordings give tokened track links', async () => {
      expectSuccess(await call(A(), 'updateRecordings', { recordID: recordId, protect: 'true' }));
      const href = (await list(A(), recordId)).tracks.find((t) => t.source === 'upload' && t.lang === 'de-DE').href;
      assert.match(href, /\/captions\/subtitles_de-DE\.vtt\?token=/);
      assert.equal((await fetch(href)).status, 200);
      assert.equal((await fetch(`${f.gateway.url}${trackHref}`)).status, 403);
      expectSuccess(await call(A(), 'updateRecordings', { recordID: recordId, protect: 'false' }));
    });

    test('deleting the recording deletes its tracks', async () => {
      expectSuccess(await call(A(), 'deleteRecordings', { recordID: recordId }));
      assert.equal((await list(A(), recordId)).messageKey, 'noRecordings');
      assert.equal((await fetch(`${f.gateway.url}${trackHref}`)).status, 404);
      assert.equal(existsSync(join(root, 'captions', recordId)), false);
    });
  });
}
