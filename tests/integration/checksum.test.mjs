// Request authentication and transport rules of the BBB API, as every client
// library signs requests: checksum = hex(H(call + rawQueryWithoutChecksum + secret)).
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { describe, test } from 'node:test';
import { checksum, encoders } from '../lib/harness.mjs';
import {
  apiRequest, call, childNames, expectFailed, expectSuccess, httpRequest, meetingInfo, nodeFixture, rawCall, signQuery, uniqueId,
} from '../lib/api.mjs';

// The shared secret of the BBB API documentation's examples, so that the
// documented checksums below must be accepted byte for byte.
const DOCS_SECRET = '639259d4-9dd8-4b25-bf01-95f9567eaf4b';
const DOCS_CREATE_QUERY = 'name=Test+Meeting&meetingID=abc123&attendeePW=111222&moderatorPW=333444';
const DOCS_CREATE_CHECKSUMS = {
  sha1: '1fcbb0c4fc1f039f73aa6d697d2db9ba7f803f17',
  sha256: 'da9185f7f333cfdfcd6eeac32dca3777510c4c436020d8b887ba5515bd1d189e',
  sha384: '891ac633df39d0a1b4f8d597f3e190833216c4b29c4fb51ea3ca72757eeb958d6e7b49a845cf29f5c6019c7d29d029d1',
  sha512: 'de73ad61d11a5c801b68d4bd6ec5248546085cefb0b25c85f3c46249ea93a3a4b120f92c0a8a58d7512cb77821884951a3b01245f3435dbbef49fff3cc3988b4',
};
const ALGORITHMS = Object.keys(DOCS_CREATE_CHECKSUMS);

const withChecksum = (query, cs) => `${query}&checksum=${cs}`;

describe('the API index', () => {
  const f = nodeFixture();

  for (const path of ['', '/', '/?&checksum=0000']) {
    test(`GET /bigbluebutton/api${path} answers SUCCESS with version 2.0 and needs no checksum`, async () => {
      const r = await httpRequest(f.node.url, '/bigbluebutton/api' + path);
      assert.deepEqual(childNames(r.text).slice(0, 4), ['returncode', 'version', 'apiVersion', 'bbbVersion']);
      const index = expectSuccess(r);
      assert.equal(index.version, '2.0');
      assert.equal(index.apiVersion, '2.0');
      assert.match(index.bbbVersion, /^3\.0/);
    });
  }
});

describe('the documented checksum vectors (docs secret)', () => {
  const f = nodeFixture({ secret: DOCS_SECRET });

  test('our hashing reproduces the documented sha1 create checksum', () => {
    assert.equal(checksum('create', DOCS_CREATE_QUERY, DOCS_SECRET, 'sha1'), DOCS_CREATE_CHECKSUMS.sha1);
  });

  test('create with the documented sha1 checksum succeeds and echoes the passwords', async () => {
    const r = expectSuccess(await apiRequest(f.node, 'create', { query: withChecksum(DOCS_CREATE_QUERY, DOCS_CREATE_CHECKSUMS.sha1) }));
    assert.equal(r.meetingID, 'abc123');
    assert.equal(r.attendeePW, '111222');
    assert.equal(r.moderatorPW, '333444');
    const info = await meetingInfo(f.node, 'abc123');
    assert.equal(info.meetingName, 'Test Meeting');
  });

  for (const alg of ALGORITHMS.slice(1)) {
    test(`the ${alg} checksum of the same query is accepted (length ${DOCS_CREATE_CHECKSUMS[alg].length})`, async () => {
      assert.equal(checksum('create', DOCS_CREATE_QUERY, DOCS_SECRET, alg), DOCS_CREATE_CHECKSUMS[alg]);
      const r = expectSuccess(await apiRequest(f.node, 'create', { query: withChecksum(DOCS_CREATE_QUERY, DOCS_CREATE_CHECKSUMS[alg]) }));
      assert.equal(r.messageKey, 'duplicateWarning');
    });
  }

  test('the documented vectors of isMeetingRunning, join, getMeetings and end verify', async () => {
    expectSuccess(await apiRequest(f.node, 'isMeetingRunning', { query: 'meetingID=abc123&checksum=8478733ccb8695b8aaaff48b3c1e281a75a6f046' }));
    const join = expectSuccess(await apiRequest(f.node, 'join', {
      query: 'redirect=false&fullName=Jo%20Ann&meetingID=abc123&password=333444&checksum=7ff2f304e52b77fb08335e768e03233ae9569676',
    }), 'successfullyJoined');
    assert.match(join.session_token, /^[a-z0-9]{16}$/);
    expectSuccess(await apiRequest(f.node, 'getMeetings', { query: 'checksum=2027baa7771026e9e93392f55031535d1444c41f' }));
    expectSuccess(await apiRequest(f.node, 'end', { query: 'meetingID=abc123&password=333444&checksum=108cff1d464726e7f5ca952d168d72c915fe4acb' }),
      'sentEndMeetingRequest');
  });

  test("PHP's empty-parameter form ?&checksum= verifies against the empty string (documented sha256)", async () => {
    expectSuccess(await apiRequest(f.node, 'getMeetings', {
      query: '&checksum=a5370c5f3d97d56d53b435684cdbc429c2898a3bf9f435518b4279e1e0dbfc8c',
    }));
  });

  test('the bigbluebutton-js encoding (%20, raw * and ~) verifies as sent (documented sha1)', async () => {
    const query = 'attendeePW=111222&moderatorPW=333444&meta_bbb-origin=x%20y*~&name=Test%20Meeting&meetingID=abc123';
    const r = expectSuccess(await apiRequest(f.node, 'create', { query: withChecksum(query, 'f9c384f734a1524dc3190ed8439703845a16bc17') }));
    assert.equal(r.meetingID, 'abc123');
  });

  test('hooks/create is signed over the call name "hooks/create" (documented sha1)', async () => {
    const r = expectSuccess(await apiRequest(f.node, 'hooks/create', {
      query: 'callbackURL=http%3A%2F%2F127.0.0.1%3A9%2Fcb&checksum=8568603a82d689e01c510d4d895d8fe4faf700ce',
    }));
    expectSuccess(await call(f.node, 'hooks/destroy', { hookID: r.hookID }));
  });

  test('changing one byte of the signed query fails with checksumError', async () => {
    const tampered = DOCS_CREATE_QUERY.replace('abc123', 'abc124');
    expectFailed(await apiRequest(f.node, 'create', { query: withChecksum(tampered, DOCS_CREATE_CHECKSUMS.sha1) }), 'checksumError');
  });
});

describe('checksum verification', () => {
  const f = nodeFixture();
  const get = (query) => apiRequest(f.node, 'getMeetings', { query });
  const good = (alg = 'sha1') => checksum('getMeetings', '', f.node.secret, alg);

  test('a missing checksum fails with checksumError', async () => {
    expectFailed(await get(undefined), 'checksumError');
    expectFailed(await apiRequest(f.node, 'isMeetingRunning', { query: 'meetingID=x' }), 'checksumError');
  });

  test('an empty checksum value fails with checksumError', async () => {
    expectFailed(await get('checksum='), 'checksumError');
  });

  for (const len of [39, 41, 63, 65, 95, 127, 129]) {
    test(`a checksum of length ${len} fails with checksumError`, async () => {
      const long = good('sha512') + good('sha512');
      expectFailed(await get('checksum=' + long.slice(0, len)), 'checksumError');
    });
  }

  test('a checksum over another secret fails with checksumError', async () => {
    expectFailed(await get('checksum=' + checksum('getMeetings', '', 'not-the-secret')), 'checksumError');
  });

  test('a checksum for another call name fails with checksumError', async () => {
    expectFailed(await get('checksum=' + checksum('getMeeting', '', f.node.secret)), 'checksumError');
  });

  for (const alg of ALGORITHMS) {
    test(`the comparison ignores hex case (${alg}, upper case)`, async () => {
      expectSuccess(await get('checksum=' + good(alg).toUpperCase()));
    });
  }

  test('two checksum parameters fail with checksumError, whether equal or different', async () => {
    expectSuccess(await get('checksum=' + good()));
    expectFailed(await get(`checksum=${good()}&checksum=${good()}`), 'checksumError');
    expectFailed(await get(`checksum=${good()}&checksum=${good('sha256')}`), 'checksumError');
    const q = 'meetingID=dup-check';
    const cs = checksum('isMeetingRunning', q, f.node.secret);
    expectFailed(await apiRequest(f.node, 'isMeetingRunning', { query: `checksum=${cs}&${q}&checksum=${cs}` }), 'checksumError');
  });

  test('the checksum may come first, in the middle or last', async () => {
    const id = uniqueId('pos');
    const q = `name=Position&meetingID=${id}&attendeePW=ap-pw&moderatorPW=mp-pw`;
    const cs = checksum('create', q, f.node.secret);
    const [a, b, c, d] = q.split('&');
    expectSuccess(await apiRequest(f.node, 'create', { query: `checksum=${cs}&${q}` }));
    expectSuccess(await apiRequest(f.node, 'create', { query: `${a}&${b}&checksum=${cs}&${c}&${d}` }), 'duplicateWarning');
    expectSuccess(await apiRequest(f.node, 'create', { query: `${q}&checksum=${cs}` }), 'duplicateWarning');
  });

  test('the raw query bytes are hashed: +/%20, */%2A, ~/%7E and parameter order each verify as sent', async () => {
    const id = uniqueId('raw');
    const variants = [
      `meetingID=${id}&name=A+b*~`,
      `meetingID=${id}&name=A%20b%2A%7E`,
      `name=A%20b*%7E&meetingID=${id}`,
    ];
    for (const q of variants) expectSuccess(await rawCall(f.node, 'create', q));
    assert.equal((await meetingInfo(f.node, id)).meetingName, 'A b*~');
    // A checksum over one encoding does not verify another encoding of the same values.
    const cs = checksum('create', variants[0], f.node.secret);
    expectFailed(await apiRequest(f.node, 'create', { query: `${variants[1]}&checksum=${cs}` }), 'checksumError');
  });
});

describe('POST requests', () => {
  const f = nodeFixture();
  const form = { 'Content-Type': 'application/x-www-form-urlencoded' };

  test('a form body with no query is verified against the empty query string', async () => {
    const id = uniqueId('post');
    expectSuccess(await apiRequest(f.node, 'create', {
      method: 'POST', headers: form, query: 'checksum=' + checksum('create', '', f.node.secret),
      body: `meetingID=${id}&name=Posted+form`,
    }));
    assert.equal((await meetingInfo(f.node, id)).meetingName, 'Posted form');
    const info = expectSuccess(await apiRequest(f.node, 'getMeetingInfo', {
      method: 'POST', headers: form, query: 'checksum=' + checksum('getMeetingInfo', '', f.node.secret, 'sha256'),
      body: `meetingID=${id}`,
    }));
    assert.equal(info.meetingID, id);
  });

  test('a form body may carry the checksum itself', async () => {
    const id = uniqueId('post-body');
    const body = `meetingID=${id}&name=Body+signed`;
    expectSuccess(await apiRequest(f.node, 'create', {
      method: 'POST', headers: form, body: `${body}&checksum=${checksum('create', '', f.node.secret)}`,
    }));
    const r = expectSuccess(await apiRequest(f.node, 'getMeetingInfo', {
      method: 'POST', headers: form, body: `meetingID=${id}&checksum=${checksum('getMeetingInfo', '', f.node.secret)}`,
    }));
    assert.equal(r.meetingName, 'Body signed');
  });

  test('a form POST with a wrong checksum fails with checksumError', async () => {
    expectFailed(await apiRequest(f.node, 'create', {
      method: 'POST', headers: form, query: 'checksum=' + checksum('create', '', 'wrong-secret'),
      body: `meetingID=${uniqueId()}&name=Nope`,
    }), 'checksumError');
  });

  for (const type of ['application/xml', 'text/xml']) {
    test(`create with a ${type} <modules> body is signed over the query only`, async () => {
      const id = uniqueId('xml');
      const body = '<modules><module name="presentation"><document url="http://127.0.0.1:9/slides.pdf" filename="slides.pdf"/></module></modules>';
      const r = expectSuccess(await rawCall(f.node, 'create', `meetingID=${id}&name=With+slides`, {
        method: 'POST', headers: { 'Content-Type': type }, body,
      }));
      assert.equal(r.meetingID, id);
    });
  }

  test('a POST with a non-empty body of an unsupported Content-Type fails with unsupportedContentType', async () => {
    for (const type of ['text/plain', 'application/json']) {
      expectFailed(await rawCall(f.node, 'create', `meetingID=${uniqueId()}&name=Typed`, {
        method: 'POST', headers: { 'Content-Type': type }, body: '{"modules":[]}',
      }), 'unsupportedContentType');
    }
  });
});

describe('HTTP methods per call (BBB 3.0)', () => {
  const f = nodeFixture();

  const rejected = (r) => {
    assert.notEqual(r.status, 302, 'must not redirect into a meeting');
    assert.ok(r.xml?.response?.returncode !== 'SUCCESS', `must not succeed: ${r.status} ${r.text}`);
  };

  test('join by POST is rejected (GET only), even when correctly signed', async () => {
    const id = uniqueId('method');
    expectSuccess(await call(f.node, 'create', { meetingID: id, name: 'Methods' }));
    const q = encoders.js({ meetingID: id, fullName: 'Poster', role: 'MODERATOR', redirect: 'false' });
    rejected(await rawCall(f.node, 'join', q, { method: 'POST' }));
    const form = { 'Content-Type': 'application/x-www-form-urlencoded' };
    rejected(await apiRequest(f.node, 'join', { method: 'POST', headers: form, query: signQuery(f.node, 'join', ''), body: q }));
  });

  test('insertDocument by GET is rejected (POST only)', async () => {
    rejected(await rawCall(f.node, 'insertDocument', `meetingID=${uniqueId()}`));
  });

  test('publishRecordings, deleteRecordings and sendChatMessage by POST are rejected (GET only)', async () => {
    for (const name of ['publishRecordings', 'deleteRecordings', 'sendChatMessage'])
      rejected(await rawCall(f.node, name, 'recordID=r1&publish=true&meetingID=x&message=hi', { method: 'POST' }));
  });

  test('putRecordingTextTrack by GET is rejected (POST only)', async () => {
    const r = await rawCall(f.node, 'putRecordingTextTrack', 'recordID=r1&kind=subtitles&lang=en');
    assert.notEqual(r.status, 200, r.text);
  });
});

describe('a node that accepts only sha256 and no empty-query POSTs', () => {
  const f = nodeFixture({ args: ['--checksum-algorithms', 'sha256', '--no-allow-empty-query-post'] });

  test('sha1, sha384 and sha512 checksums are rejected even when correct', async () => {
    for (const alg of ['sha1', 'sha384', 'sha512'])
      expectFailed(await call(f.node, 'getMeetings', {}, { alg }), 'checksumError');
  });

  test('sha256 checksums are accepted', async () => {
    expectSuccess(await call(f.node, 'getMeetings', {}, { alg: 'sha256' }));
  });

  test('a form body signed over the empty query is rejected when that mode is off', async () => {
    const id = uniqueId('strict');
    expectFailed(await apiRequest(f.node, 'create', {
      method: 'POST', headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      query: 'checksum=' + checksum('create', '', f.node.secret, 'sha256'), body: `meetingID=${id}&name=Unsigned+body`,
    }), 'checksumError');
    expectFailed(await call(f.node, 'getMeetingInfo', { meetingID: id }, { alg: 'sha256' }), 'notFound');
  });
});

describe('client encodings (PHP, Ruby, Moodle, JS) with awkward values', () => {
  const f = nodeFixture();
  const awkward = {
    name: 'Rénée & Zoë: 1+1 = 2 * ~tilde~ 😀 "quoted" <b>',
    'meta_bbb-origin': 'x y*~+&=è😀',
    'meta_Awkward-Key': "it's (fine)!",
    welcome: 'Hello %%CONFNAME%%',
  };
  const algFor = { js: 'sha1', php: 'sha256', ruby: 'sha1', moodle: 'sha512' };

  for (const encoder of Object.keys(encoders)) {
    test(`${encoder}-encoded create, isMeetingRunning and getMeetingInfo verify and round-trip the values`, async () => {
      const meetingID = `${encoder} ID ~*+&è😀 ${uniqueId()}`;
      const opts = { encoder, alg: algFor[encoder] };
      const created = expectSuccess(await call(f.node, 'create', { meetingID, ...awkward }, opts));
      assert.equal(created.meetingID, meetingID);
      assert.equal(created.internalMeetingID.split('-')[0], createHash('sha1').update(meetingID).digest('hex'));
      const running = expectSuccess(await call(f.node, 'isMeetingRunning', { meetingID }, opts));
      assert.equal(running.running, 'false');
      const info = await meetingInfo(f.node, meetingID, opts);
      assert.equal(info.meetingName, awkward.name);
      assert.equal(info.metadata['bbb-origin'], awkward['meta_bbb-origin']);
      assert.equal(info.metadata['awkward-key'], awkward['meta_Awkward-Key']);
    });
  }
});
