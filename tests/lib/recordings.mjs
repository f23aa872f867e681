// Recording tars as a BigBlueButton server's post-publish script writes them
// into the gateway's spool, for the recordings tests.
import assert from 'node:assert/strict';
import { createHash, createHmac } from 'node:crypto';
import { mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';

export const sha1 = (s) => createHash('sha1').update(s).digest('hex');

// Verifies an HS256 compact JWT with a secret; returns its claims or null.
export function verifyHs256(token, secret) {
  const [h, c, s] = token.split('.');
  if (createHmac('sha256', secret).update(`${h}.${c}`).digest('base64url') !== s) return null;
  assert.equal(JSON.parse(Buffer.from(h, 'base64url')).alg, 'HS256');
  return JSON.parse(Buffer.from(c, 'base64url'));
}

export function metadataXml({ recordId, backendId, name, format, published = true, meta = {} }) {
  const metaXml = Object.entries(meta).map(([k, v]) => `<${k}>${v}</${k}>`).join('');
  return `<?xml version="1.0" encoding="UTF-8"?>
<recording>
  <id>${recordId}</id><state>published</state><published>${published}</published>
  <start_time>${recordId.split('-')[1]}</start_time><end_time>${Number(recordId.split('-')[1]) + 600000}</end_time>
  <participants>2</participants><raw_size>1234</raw_size>
  <meeting id="${recordId}" externalId="${backendId}" name="${name}" breakout="false"/>
  <meta><isBreakout>false</isBreakout><meetingId>${backendId}</meetingId><meetingName>${name}</meetingName>${metaXml}</meta>
  <playback><format>${format}</format><link>https://bbb1.example.org/playback/${format}/${recordId}/</link>
    <processing_time>1200</processing_time><duration>600000</duration>
    <extensions><preview><images><image width="176" height="136" alt="Welcome">https://bbb1.example.org/${format}/${recordId}/thumb-1.png</image></images></preview></extensions>
  </playback>
</recording>`;
}

export const spoolDir = (root) => join(root, 'spool');

// Writes <format>/<recordId>/ trees and tars them into `dir` as
// scalelite_post_publish.rb does: under a temporary name, then renamed.
// Returns the tar's path.
export function makeTar(dir, recordId, formats, { extra } = {}) {
  const src = mkdtempSync(join(tmpdir(), 'bluemeet-rec-src-'));
  for (const [format, files] of Object.entries(formats)) {
    const d = join(src, format, recordId);
    mkdirSync(d, { recursive: true });
    for (const [name, content] of Object.entries(files)) writeFileSync(join(d, name), content);
  }
  extra?.(src);
  const tmp = join(dir, `.${recordId}.tar.tmp`);
  execFileSync('tar', ['-C', src, '-cf', tmp, ...Object.keys(formats).map((f) => `${f}/${recordId}`)]);
  const tar = join(dir, `${recordId}.tar`);
  renameSync(tmp, tar);
  rmSync(src, { recursive: true, force: true });
  return tar;
}

// The same, straight into a gateway's spool.
export function dropTar(root, recordId, formats, options) {
  return makeTar(spoolDir(root), recordId, formats, options);
}

// An upload token (recording/upload_token.h): HS256 with a server's secret over the tar's SHA-256.
export function uploadToken(secret, tarSha256, { aud = 'bluemeet-recording-upload', expiresIn = 3600 } = {}) {
  const b64 = (o) => Buffer.from(JSON.stringify(o)).toString('base64url');
  const now = Math.floor(Date.now() / 1000);
  const input = `${b64({ typ: 'JWT', alg: 'HS256' })}.${b64({ aud, sha256: tarSha256, iat: now, exp: now + expiresIn })}`;
  return `${input}.${createHmac('sha256', secret).update(input).digest('base64url')}`;
}
