// Helpers for the gateway's integration tests: a federation (its database,
// `bluemeet admin`, one running `bluemeet gateway`), the nodes behind it, and
// tenant clients that sign calls for <gateway>/t/<tenant>/bigbluebutton/api/.
//
// The same suite runs on SQLite and on PostgreSQL: backends() gives one entry
// per database; PostgreSQL runs when BLUEMEET_TEST_PG_URL names a server
// (scripts/test-postgres.sh start prints one), each federation in a fresh
// database of its own, dropped afterwards.
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { createServer } from 'node:http';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before } from 'node:test';
import { setTimeout as delay } from 'node:timers/promises';
import { BIN, eventually, startNode } from './harness.mjs';
import { asList, call, expectSuccess } from './api.mjs';

// The databases the gateway suites run on; the PostgreSQL entry carries a
// skip reason when no server is configured (pass it to describe's options).
export function backends() {
  const pg = process.env.BLUEMEET_TEST_PG_URL;
  return [
    { name: 'sqlite', kind: 'sqlite' },
    { name: 'postgresql', kind: 'postgresql', url: pg, skip: pg ? false : 'BLUEMEET_TEST_PG_URL is not set' },
  ];
}

let dbSeq = 0;

function psql(url, sql) {
  const r = spawnSync('psql', [url, '-v', 'ON_ERROR_STOP=1', '-qAt', '-c', sql], { encoding: 'utf8' });
  if (r.error) throw new Error(`cannot run psql: ${r.error.message}`);
  if (r.status !== 0) throw new Error(`psql ${sql} failed (${r.status}): ${r.stderr}`);
  return r.stdout;
}

// A gateway's state: a data directory and, on PostgreSQL, a database of its own.
export class Federation {
  constructor(backend) {
    this.backend = backend;
    this.dataDir = mkdtempSync(join(tmpdir(), 'bluemeet-gw-'));
    this.gateway = null;
    this.syncSeq = 0;
    if (backend.kind === 'postgresql') {
      this.dbName = `bluemeet_gw_${process.pid}_${Date.now().toString(36)}_${++dbSeq}`;
      psql(backend.url, `CREATE DATABASE ${this.dbName}`);
      const u = new URL(backend.url);
      u.pathname = '/' + this.dbName;
      this.dbUrl = u.toString();
    }
  }

  get storeArgs() { return this.dbUrl ? ['--db', this.dbUrl] : ['--data', this.dataDir]; }

  // Runs `bluemeet admin <args>` synchronously: { status, stdout, stderr }.
  adminResult(...args) {
    const r = spawnSync(BIN, ['admin', ...this.storeArgs, ...args.flat()], { encoding: 'utf8', timeout: 30000 });
    if (r.error) throw new Error(`cannot run bluemeet admin: ${r.error.message}`);
    return { status: r.status, stdout: r.stdout, stderr: r.stderr };
  }

  // Runs `bluemeet admin <args>`; throws unless it succeeds; returns its stdout.
  admin(...args) {
    const r = this.adminResult(...args);
    if (r.status !== 0) throw new Error(`bluemeet admin ${args.flat().join(' ')} failed (${r.status}): ${r.stderr}${r.stdout}`);
    return r.stdout;
  }

  // Adds a tenant; returns its secret.
  addTenant(name, { secret = `${name}-secret-${Math.random().toString(36).slice(2)}`, state } = {}) {
    const out = this.admin('tenants', 'add', name, '--secret', secret, ...(state ? ['--state', state] : []));
    assert.match(out, new RegExp(`secret: ${secret}`));
    return secret;
  }

  // Adds a server (a node or any URL); returns its id.
  addServer(url, secret, { tags = [], capacity, multiplier, cordoned = false } = {}) {
    const out = this.admin('servers', 'add', url, secret, ...tags.flatMap((t) => ['--tag', t]),
      ...(capacity !== undefined ? ['--capacity', String(capacity)] : []),
      ...(multiplier !== undefined ? ['--multiplier', String(multiplier)] : []), ...(cordoned ? ['--cordoned'] : []));
    const m = out.match(/^server (\d+) /m);
    assert.ok(m, `server id in: ${out}`);
    return Number(m[1]);
  }

  // `admin status` as objects keyed by the header's column names (id, url, state, health, meetings, ...).
  status() {
    const lines = this.admin('status').trimEnd().split('\n');
    const header = lines[0].split(/\s{2,}/).map((h) => h.toLowerCase());
    return lines.slice(1).map((line) => Object.fromEntries(line.split(/\s{2,}/).map((v, i) => [header[i], v])));
  }

  serverStatus(id) { return this.status().find((s) => Number(s.id) === id); }

  // Waits until the running gateway reports every given server with this health.
  async waitHealth(ids, health, opts = { timeoutMs: 15000 }) {
    const want = [ids].flat();
    await eventually(() => {
      const rows = this.status();
      const bad = want.filter((id) => rows.find((r) => Number(r.id) === id)?.health !== health);
      if (bad.length) throw new Error(`servers ${bad.join(', ')} not ${health}: ${JSON.stringify(rows)}`);
      return true;
    }, opts);
  }

  // Waits until the running gateway has applied every admin change made so
  // far: it adds a throwaway tenant and waits until that tenant may call.
  // The gateway loads tenants before servers, and both after the version, so
  // a configuration that knows the new tenant knows everything committed before it.
  async settle({ timeoutMs = 10000 } = {}) {
    assert.ok(this.gateway, 'no gateway is running');
    const name = `sync-${++this.syncSeq}`;
    const secret = this.addTenant(name);
    const probe = tenantClient(this.gateway, name, secret);
    await eventually(async () => (await call(probe, 'getMeetings')).xml?.response?.returncode === 'SUCCESS', { timeoutMs });
  }

  // Starts `bluemeet gateway` on this state; resolves once it serves.
  async startGateway({ args = [] } = {}) {
    this.gateway = await startGateway({ dataDir: this.dataDir, dbUrl: this.dbUrl, args });
    return this.gateway;
  }

  async close() {
    await this.gateway?.stop();
    this.gateway = null;
    if (this.dbName) {
      try { psql(this.backend.url, `DROP DATABASE IF EXISTS ${this.dbName} WITH (FORCE)`); } catch { /* best effort */ }
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

// `bluemeet gateway` on a free loopback port, polling every 500 ms unless args say otherwise.
export async function startGateway({ dataDir, dbUrl, args = [] }) {
  const argv = ['gateway', '--listen', '127.0.0.1:0', '--data', dataDir, ...(dbUrl ? ['--db', dbUrl] : []),
    ...(args.includes('--poll-interval-ms') ? [] : ['--poll-interval-ms', '500']),
    ...(args.includes('--log-level') ? [] : ['--log-level', 'warn']), ...args];
  const proc = spawn(BIN, argv, { stdio: ['ignore', 'pipe', 'pipe'] });
  let stderr = '';
  proc.stderr.on('data', (d) => { stderr += d; });
  const url = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => { proc.kill('SIGKILL'); reject(new Error('gateway did not start in 20 s:\n' + stderr)); }, 20000);
    proc.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/listening on (\S+)/);
      if (m) { clearTimeout(timer); resolve(m[1]); }
    });
    proc.on('exit', (code) => { clearTimeout(timer); reject(new Error(`gateway exited (${code}):\n${stderr}`)); });
    proc.on('error', (err) => { clearTimeout(timer); reject(new Error(`cannot start ${BIN}: ${err.message}`)); });
  });
  proc.removeAllListeners('exit');
  return {
    url, proc,
    stderr: () => stderr,
    async stop() {
      if (proc.exitCode === null && proc.signalCode === null) {
        const exited = new Promise((r) => proc.once('exit', r));
        proc.kill('SIGTERM');
        const timer = setTimeout(() => proc.kill('SIGKILL'), 5000);
        await exited;
        clearTimeout(timer);
      }
    },
  };
}

// What a tenant's BBB integration knows: its API URL and its secret. It has
// the shape api.mjs expects of a node, so call(), join(), createMeeting() ... work on it.
export function tenantClient(gateway, name, secret) {
  return { name, secret, url: gateway.url, api: `${gateway.url}/t/${name}/bigbluebutton/api/` };
}

// A federation for the enclosing describe(): its nodes (added as servers),
// tenants and a running gateway, all stopped afterwards even on failure.
//   nodes: [{ tags, capacity, ... }] one entry per node
//   tenants: { name: { state } }
export function federationFixture(backend, { nodes = [], tenants = {}, gatewayArgs = [], nodeArgs = [] } = {}) {
  const f = {
    fed: null, gateway: null, nodes: [], serverIds: [], clients: {},
    // The node a server id stands for, and back.
    nodeOf: (id) => f.nodes[f.serverIds.indexOf(id)],
    // Starts a node and adds it as a server; returns { node, id }.
    async addNode(options = {}, args = nodeArgs) {
      const node = await startNode({ args });
      f.nodes.push(node);
      const id = f.fed.addServer(node.url, node.secret, options);
      f.serverIds.push(id);
      return { node, id };
    },
  };
  if (backend.skip) return f;
  before(async () => {
    f.fed = new Federation(backend);
    for (const options of nodes) await f.addNode(options);
    for (const [name, options] of Object.entries(tenants)) f.clients[name] = { name, secret: f.fed.addTenant(name, options) };
    f.gateway = await f.fed.startGateway({ args: gatewayArgs });
    for (const c of Object.values(f.clients)) Object.assign(c, tenantClient(f.gateway, c.name, c.secret));
    if (f.serverIds.length) await f.fed.waitHealth(f.serverIds, 'online');
  });
  after(async () => {
    await f.fed?.gateway?.stop();
    await Promise.all(f.nodes.map((n) => n.stop()));
    await f.fed?.close();
  });
  return f;
}

// The meetings a node holds, by the node's own getMeetings (backend IDs).
export async function nodeMeetings(node) {
  const r = expectSuccess(await call(node, 'getMeetings'));
  return asList(r.meetings?.meeting);
}

export async function nodeMeetingIds(node) {
  return (await nodeMeetings(node)).map((m) => m.meetingID);
}

// The node a gateway join redirect (302) points to.
export function redirectTarget(nodes, response) {
  assert.equal(response.status, 302, response.text);
  const location = response.headers.get('location');
  const node = nodes.find((n) => location.startsWith(n.api + 'join?'));
  assert.ok(node, `join redirect to a node: ${location}`);
  return { node, location };
}

// The error keys of a redirect-style failed join (Location ?errors=[{key,message}]).
export function redirectErrorKeys(response) {
  assert.equal(response.status, 302, response.text);
  const errors = new URL(response.headers.get('location')).searchParams.get('errors');
  assert.ok(errors, `errors in ${response.headers.get('location')}`);
  return JSON.parse(errors).map((e) => e.key);
}

// An HTTP proxy to a node (`upstream`: its base URL) that holds creates back
// on their way in and getMeetings answers on their way out, as a busy BBB
// server might. Counts both, and how often a poll reached the node while a
// create was held back.
export async function startSlowProxy(upstream, { createDelayMs = 0, pollDelayMs = 0 } = {}) {
  const stats = { creates: 0, createsHeld: 0, polls: 0, pollsAnswered: 0, pollsDuringCreate: 0 };
  const server = createServer(async (req, res) => {
    try {
      const isCreate = req.url.includes('/create?');
      const isPoll = req.url.includes('/getMeetings?');
      if (isCreate) {
        stats.creates++;
        stats.createsHeld++;
        await delay(createDelayMs);
        stats.createsHeld--;
      }
      if (isPoll) {
        stats.polls++;
        if (stats.createsHeld > 0) stats.pollsDuringCreate++;
      }
      const answer = await fetch(upstream + req.url, { redirect: 'manual' });
      const body = Buffer.from(await answer.arrayBuffer());
      if (isPoll) await delay(pollDelayMs);
      const headers = { 'Content-Type': answer.headers.get('content-type') ?? 'text/xml' };
      if (answer.headers.get('location')) headers.Location = answer.headers.get('location');
      res.writeHead(answer.status, headers).end(body);
      if (isPoll) stats.pollsAnswered++;
    } catch (e) {
      res.writeHead(502).end(String(e));
    }
  });
  await new Promise((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${server.address().port}`,
    stats,
    close: () => new Promise((r) => { server.closeAllConnections(); server.close(r); }),
  };
}

