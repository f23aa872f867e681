// Recording import under faults, losing nothing: a disk too small for the
// extraction (a tmpfs made by the test) keeps the tar and imports it once
// there is room; a gateway stopped in the middle of an import (its tar
// claimed, its extraction half done) resumes it at the next start.
// The small filesystem needs root (CI runs as root); without it that case is skipped.
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, test } from 'node:test';
import { eventually } from '../lib/harness.mjs';
import { asList, call, expectSuccess, uniqueId } from '../lib/api.mjs';
import { backends, federationFixture, tenantClient } from '../lib/gateway.mjs';
import { dropTar, metadataXml, sha1, spoolDir } from '../lib/recordings.mjs';

const [sqlite] = backends();

function tryMount(dir, size) {
  try {
    execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir], { stdio: 'ignore' });
    return true;
  } catch { return false; }
}

const workTars = (root) => readdirSync(join(root, 'work'), { recursive: true }).filter((p) => String(p).endsWith('.tar'));

async function recordingsOf(client, meetingID) {
  return asList(expectSuccess(await call(client, 'getRecordings', { meetingID })).recordings?.recording);
}

describe('recording import on a full disk', () => {
  const root = mkdtempSync(join(tmpdir(), 'bluemeet-full-'));
  const mounted = process.getuid?.() === 0 && tryMount(root, '1m');
  after(() => {
    if (mounted) execFileSync('umount', [root]);
    rmSync(root, { recursive: true, force: true });
  });
  const f = federationFixture(mounted ? sqlite : { ...sqlite, skip: true }, {
    nodes: [{}], tenants: { alpha: {} }, gatewayArgs: ['--recordings', root],
  });

  test('the tar waits until there is room, then imports', { skip: !mounted && 'needs root to mount a small tmpfs' }, async () => {
    const meetingID = uniqueId('full');
    expectSuccess(await call(f.clients.alpha, 'create', { meetingID, name: 'Full disk' }));
    const recordId = `${sha1(`alpha~${meetingID}`)}-${Date.now()}`;
    const video = 'v'.repeat(600 * 1024);  // the tar fits in 1 MiB; tar and extraction together do not
    dropTar(root, recordId, { presentation: {
      'metadata.xml': metadataXml({ recordId, backendId: `alpha~${meetingID}`, name: 'Full disk', format: 'presentation' }),
      'webcams.webm': video,
    } });
    await eventually(async () => /recording_imports_total\{outcome="retried"\} [1-9]/.test(await (await fetch(`${f.gateway.url}/metrics`)).text()));
    assert.deepEqual(await recordingsOf(f.clients.alpha, meetingID), [], 'nothing half-visible');
    assert.equal(workTars(root).length, 1, 'the tar is kept');

    execFileSync('mount', ['-o', 'remount,size=8m', root]);
    const [rec] = await eventually(async () => {
      const list = await recordingsOf(f.clients.alpha, meetingID);
      return list.length ? list : null;
    }, { timeoutMs: 20000 });
    assert.equal(rec.recordID, recordId);
    const file = await fetch(`${f.gateway.url}/playback/presentation/${recordId}/webcams.webm`);
    assert.equal(file.status, 200);
    assert.equal((await file.arrayBuffer()).byteLength, video.length, 'every byte arrived');
    assert.deepEqual(workTars(root), [], 'the tar goes only after the commit');
  });
});

describe('recording import after a crash', () => {
  const root = mkdtempSync(join(tmpdir(), 'bluemeet-crash-'));
  after(() => rmSync(root, { recursive: true, force: true }));
  const f = federationFixture(sqlite, { nodes: [{}], tenants: { alpha: {} }, gatewayArgs: ['--recordings', root] });

  test('a tar claimed before the gateway stopped is imported at the next start', async () => {
    const meetingID = uniqueId('crash');
    expectSuccess(await call(f.clients.alpha, 'create', { meetingID, name: 'Crash' }));
    const [owner] = readdirSync(join(root, 'work'));
    assert.ok(owner, 'the gateway has its work directory');
    await f.fed.gateway.stop();

    // What a crash mid-import leaves: the claimed tar, and a partial extraction.
    const recordId = `${sha1(`alpha~${meetingID}`)}-${Date.now()}`;
    const staging = mkdtempSync(join(tmpdir(), 'bluemeet-crash-spool-'));
    mkdirSync(join(staging, 'spool'));
    dropTar(staging, recordId, { presentation: {
      'metadata.xml': metadataXml({ recordId, backendId: `alpha~${meetingID}`, name: 'Crash', format: 'presentation' }),
      'index.html': 'resumed',
    } });
    copyFileSync(join(staging, 'spool', `${recordId}.tar`), join(root, 'work', owner, `${recordId}.tar`));
    rmSync(staging, { recursive: true, force: true });
    mkdirSync(join(root, 'work', owner, `${recordId}.tar.d`, 'presentation'), { recursive: true });
    writeFileSync(join(root, 'work', owner, `${recordId}.tar.d`, 'presentation', 'half'), 'partial');

    f.gateway = await f.fed.startGateway({ args: ['--recordings', root] });
    f.clients.alpha = { ...f.clients.alpha, ...tenantClient(f.gateway, 'alpha', f.clients.alpha.secret) };
    const [rec] = await eventually(async () => {
      const list = await recordingsOf(f.clients.alpha, meetingID);
      return list.length ? list : null;
    });
    assert.equal(rec.recordID, recordId);
    assert.equal(await (await fetch(`${f.gateway.url}/playback/presentation/${recordId}/`)).text(), 'resumed');
    assert.deepEqual(readdirSync(join(root, 'work', owner)), [], 'tar and partial extraction are gone');
  });
});
