// A local SMTP sink for the tests: it speaks enough SMTP (RFC 5321) to take
// mail from the portal, decodes what it receives (quoted-printable bodies,
// RFC 2047 subjects) and lets a test wait for a message.
import { createServer } from 'node:net';
import { TLSSocket } from 'node:tls';

function decodeQuotedPrintable(text) {
  const bytes = [];
  const soft = text.replace(/=\r\n/g, '');
  for (let i = 0; i < soft.length; i++) {
    if (soft[i] === '=' && /^[0-9A-F]{2}$/i.test(soft.slice(i + 1, i + 3))) {
      bytes.push(parseInt(soft.slice(i + 1, i + 3), 16));
      i += 2;
    } else {
      bytes.push(...Buffer.from(soft[i], 'utf8'));
    }
  }
  return Buffer.from(bytes).toString('utf8').replace(/\r\n/g, '\n');
}

function decodeWord(value) {
  return value.replace(/=\?UTF-8\?B\?([^?]*)\?=/gi, (_, b64) => Buffer.from(b64, 'base64').toString('utf8'));
}

function parseMessage(raw) {
  const split = raw.indexOf('\r\n\r\n');
  const headers = {};
  for (const line of raw.slice(0, split).split('\r\n')) {
    const colon = line.indexOf(':');
    headers[line.slice(0, colon).toLowerCase()] = line.slice(colon + 1).trim();
  }
  let body = raw.slice(split + 4);
  if (/quoted-printable/i.test(headers['content-transfer-encoding'] ?? '')) body = decodeQuotedPrintable(body);
  return { headers, subject: decodeWord(headers.subject ?? ''), body };
}

// Starts the sink on a free loopback port (or `port`); refuse: answer RCPT with 550.
// security: 'none', 'starttls' (offered in EHLO, RFC 3207) or 'tls' (from the
// first byte, RFC 8314), with tls: { key, cert }; auth: { user, pass } makes
// AUTH PLAIN or LOGIN (only inside TLS) required before MAIL. Each message
// records whether it came over TLS and as which user.
export async function startSmtpSink({ port = 0, refuse = false, security = 'none', tls: keys, auth } = {}) {
  const messages = [];
  const waiters = [];
  const sockets = new Set();
  const failedAuths = [];

  function serve(socket, state) {
    let buffer = '';
    let inData = false;
    let envelope = { from: '', to: [] };
    let loginStep = null;  // AUTH LOGIN: 'user', then 'pass'
    let loginUser = '';
    const checkAuth = (user, pass) => {
      if (user === auth.user && pass === auth.pass) { state.user = user; socket.write('235 authenticated\r\n'); }
      else { failedAuths.push(user); socket.write('535 bad credentials\r\n'); }
    };
    const onData = (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const raw = Buffer.from(buffer.slice(0, end + 2), 'latin1').toString('utf8').replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          const m = { ...envelope, ...parseMessage(raw), tls: state.tls, user: state.user };
          messages.push(m);
          for (const w of [...waiters]) if (w.pred(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
          socket.write('250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        if (loginStep === 'user') { loginUser = Buffer.from(line, 'base64').toString(); loginStep = 'pass'; socket.write('334 UGFzc3dvcmQ6\r\n'); continue; }
        if (loginStep === 'pass') { loginStep = null; checkAuth(loginUser, Buffer.from(line, 'base64').toString()); continue; }
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') {
          const offers = [];
          if (security === 'starttls' && !state.tls) offers.push('STARTTLS');
          if (auth && state.tls) offers.push('AUTH LOGIN PLAIN');
          socket.write(['sink.test', ...offers, '8BITMIME'].map((o, i, all) => `250${i === all.length - 1 ? ' ' : '-'}${o}\r\n`).join(''));
        } else if (line.toUpperCase() === 'STARTTLS' && security === 'starttls' && !state.tls) {
          socket.removeListener('data', onData);
          socket.write('220 go ahead\r\n');
          // Everything starts again inside TLS (RFC 3207 §4.2).
          serve(new TLSSocket(socket, { isServer: true, ...keys }), { tls: true, user: null });
          return;
        } else if (verb === 'AUTH') {
          if (!auth) socket.write('502 no AUTH here\r\n');
          else if (!state.tls) socket.write('538 encryption required\r\n');
          else if (/^AUTH PLAIN /i.test(line)) {
            const [, user, pass] = Buffer.from(line.slice(11), 'base64').toString().split('\0');
            checkAuth(user, pass);
          } else if (/^AUTH LOGIN$/i.test(line)) { loginStep = 'user'; socket.write('334 VXNlcm5hbWU6\r\n'); }
          else socket.write('504 unknown mechanism\r\n');
        } else if (verb === 'MAIL') {
          if (auth && !state.user) { socket.write('530 authentication required\r\n'); continue; }
          envelope = { from: line.match(/<(.*)>/)?.[1] ?? '', to: [] };
          socket.write('250 ok\r\n');
        } else if (verb === 'RCPT') {
          if (refuse) socket.write('550 no such user\r\n');
          else { envelope.to.push(line.match(/<(.*)>/)?.[1] ?? ''); socket.write('250 ok\r\n'); }
        } else if (verb === 'DATA') { inData = true; socket.write('354 go on\r\n'); }
        else if (verb === 'QUIT') { socket.end('221 bye\r\n'); return; }
        else socket.write('502 not here\r\n');
      }
    };
    socket.on('error', () => {});
    socket.on('data', onData);
  }

  const server = createServer((raw) => {
    sockets.add(raw);
    raw.on('close', () => sockets.delete(raw));
    raw.on('error', () => {});
    const socket = security === 'tls' ? new TLSSocket(raw, { isServer: true, ...keys }) : raw;
    serve(socket, { tls: security === 'tls', user: null });
    socket.write('220 sink.test ESMTP\r\n');
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    url: `smtp://127.0.0.1:${server.address().port}`,
    messages,
    failedAuths,
    // The first message (received already or later) matching pred.
    waitFor(pred, timeoutMs = 15000) {
      const hit = messages.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve, reject) => {
        const w = { pred, resolve: (m) => { clearTimeout(timer); resolve(m); } };
        waiters.push(w);
        const timer = setTimeout(() => { waiters.splice(waiters.indexOf(w), 1); reject(new Error(`no matching mail in ${timeoutMs} ms; got ${messages.length}`)); }, timeoutMs);
      });
    },
    async stop() {
      for (const s of sockets) s.destroy();
      await new Promise((resolve) => server.close(resolve));
    },
  };
}

// The first link to the portal in a mail body.
export const linkIn = (mail, base) => mail.body.match(new RegExp(`${base.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}/\\S+`))?.[0];
