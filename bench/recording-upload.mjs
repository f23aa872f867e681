// Recording upload: how fast a server's tar streams into the gateway's spool
// (POST /gateway/recordings/upload), and the gateway's peak memory while it
// does, which shows the body goes to disk, not to memory.
//
//   node bench/recording-upload.mjs [MiB]        (default 1024; build/bluemeet, or BLUEMEET_BIN)
//
// Prints MiB/s of the upload, the same copy made by `cp` on this disk (the
// ceiling), their ratio, and the gateway's peak resident memory before and after.
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { createReadStream, mkdirSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { request } from 'node:http';
import { Federation } from '../tests/lib/gateway.mjs';
import { uploadToken } from '../tests/lib/recordings.mjs';

const mib = Number(process.argv[2] ?? 1024);
const work = mkdtempSync(join(tmpdir(), 'bluemeet-bench-upload-'));
const peakRss = (pid) => Number(readFileSync(`/proc/${pid}/status`, 'utf8').match(/VmHWM:\s+(\d+)/)[1]) / 1024;

try {
  const recordings = join(work, 'recordings');
  mkdirSync(recordings);
  const src = join(work, 'src', 'presentation', 'bench-1');
  mkdirSync(src, { recursive: true });
  writeFileSync(join(src, 'metadata.xml'), '<recording/>');
  execFileSync('dd', ['if=/dev/urandom', `of=${join(src, 'video.webm')}`, 'bs=1M', `count=${mib}`, 'status=none']);
  const tar = join(work, 'bench-1.tar');
  execFileSync('tar', ['-C', join(work, 'src'), '-cf', tar, 'presentation/bench-1']);
  const size = statSync(tar).size;
  const digest = await new Promise((resolve) => {
    const h = createHash('sha256');
    createReadStream(tar).on('data', (d) => h.update(d)).on('end', () => resolve(h.digest('hex')));
  });

  const fed = new Federation({ name: 'sqlite', kind: 'sqlite' });
  const secret = 'bench-server-secret';
  fed.addServer('http://127.0.0.1:9/bigbluebutton/api', secret, {});
  const gw = await fed.startGateway({ args: ['--recordings', recordings] });
  const pid = gw.proc.pid;
  const before = peakRss(pid);

  const t0 = process.hrtime.bigint();
  const status = await new Promise((resolve, reject) => {
    const url = new URL(`${gw.url}/gateway/recordings/upload`);
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: 'POST',
      headers: { Authorization: `Bearer ${uploadToken(secret, digest)}`, 'Content-Length': size, 'Content-Type': 'application/x-tar' } },
    (res) => { res.resume(); res.on('end', () => resolve(res.statusCode)); });
    req.on('error', reject);
    createReadStream(tar).pipe(req);
  });
  const uploadSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const after = peakRss(pid);
  await gw.stop();
  await fed.close();

  const t1 = process.hrtime.bigint();
  execFileSync('cp', [tar, join(work, 'copy.tar')]);
  execFileSync('sync');
  const copySeconds = Number(process.hrtime.bigint() - t1) / 1e9;

  const rate = size / 1048576 / uploadSeconds;
  const ceiling = size / 1048576 / copySeconds;
  console.log(`upload of ${(size / 1048576).toFixed(0)} MiB: HTTP ${status}, ${uploadSeconds.toFixed(2)} s, ${rate.toFixed(0)} MiB/s`);
  console.log(`cp + sync of the same tar: ${copySeconds.toFixed(2)} s, ${ceiling.toFixed(0)} MiB/s; upload/cp = ${(rate / ceiling).toFixed(2)}`);
  console.log(`gateway peak RSS: ${before.toFixed(1)} MiB before, ${after.toFixed(1)} MiB after the upload`);
} finally {
  rmSync(work, { recursive: true, force: true });
}
