// A local SMTP sink for the tests: it speaks enough SMTP (RFC 5321) to take
// mail from the portal, decodes what it receives (quoted-printable bodies,
// RFC 2047 subjects) and lets a test wait for a message.
import { createServer } from 'node:net';

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
export async function startSmtpSink({ port = 0, refuse = false } = {}) {
  const messages = [];
  const waiters = [];
  const sockets = new Set();
  const server = createServer((socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => {});
    let buffer = '';
    let inData = false;
    let envelope = { from: '', to: [] };
    socket.write('220 sink.test ESMTP\r\n');
    socket.on('data', (chunk) => {
      buffer += chunk.toString('latin1');
      for (;;) {
        if (inData) {
          const end = buffer.indexOf('\r\n.\r\n');
          if (end < 0) return;
          const raw = Buffer.from(buffer.slice(0, end + 2), 'latin1').toString('utf8').replace(/^\.\./gm, '.');
          buffer = buffer.slice(end + 5);
          inData = false;
          const m = { ...envelope, ...parseMessage(raw) };
          messages.push(m);
          for (const w of [...waiters]) if (w.pred(m)) { waiters.splice(waiters.indexOf(w), 1); w.resolve(m); }
          socket.write('250 queued\r\n');
          continue;
        }
        const eol = buffer.indexOf('\r\n');
        if (eol < 0) return;
        const line = buffer.slice(0, eol);
        buffer = buffer.slice(eol + 2);
        const verb = line.slice(0, 4).toUpperCase();
        if (verb === 'EHLO' || verb === 'HELO') socket.write('250-sink.test\r\n250 8BITMIME\r\n');
        else if (verb === 'MAIL') { envelope = { from: line.match(/<(.*)>/)?.[1] ?? '', to: [] }; socket.write('250 ok\r\n'); }
        else if (verb === 'RCPT') {
          if (refuse) socket.write('550 no such user\r\n');
          else { envelope.to.push(line.match(/<(.*)>/)?.[1] ?? ''); socket.write('250 ok\r\n'); }
        } else if (verb === 'DATA') { inData = true; socket.write('354 go on\r\n'); }
        else if (verb === 'QUIT') { socket.end('221 bye\r\n'); return; }
        else socket.write('502 not here\r\n');
      }
    });
  });
  await new Promise((resolve) => server.listen(port, '127.0.0.1', resolve));
  return {
    port: server.address().port,
    url: `smtp://127.0.0.1:${server.address().port}`,
    messages,
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
