// Shared by the media browser tests: a bare session-protocol client that runs
// in a page (page.evaluate(pageClient)), opening the node's session WebSocket
// and the RTCPeerConnections a test asks for; and the fixture they share.
import { after, before } from 'node:test';
import { chromium } from 'playwright-core';
import { startNode } from '../lib/harness.mjs';
import { CHROMIUM, CHROMIUM_ARGS } from './lib.mjs';

// Runs in the page: a session socket and the peer connections the test asks for.
export function pageClient() {
  window.bm = {
    async open(url) {
      this.messages = [];
      this.pcs = {};
      this.streams = [];
      this.ws = new WebSocket(url);
      this.waiters = [];
      this.ws.onmessage = (e) => {
        const m = JSON.parse(e.data);
        this.messages.push(m);
        this.onMessage(m);
        for (const w of [...this.waiters]) if (w.pred(m)) { this.waiters.splice(this.waiters.indexOf(w), 1); w.resolve(m); }
      };
      await new Promise((r) => { this.ws.onopen = r; });
      return this.next((m) => m.type === 'welcome');
    },
    next(pred) {
      const hit = this.messages.find(pred);
      if (hit) return Promise.resolve(hit);
      return new Promise((resolve) => this.waiters.push({ pred, resolve }));
    },
    send(m) { this.ws.send(JSON.stringify(m)); },
    pc(name) {
      if (this.pcs[name]) return this.pcs[name];
      const pc = new RTCPeerConnection();
      pc.onicecandidate = (e) => this.send({ type: 'mediaCandidate', pc: name, candidate: e.candidate ? e.candidate.toJSON() : null });
      this.pcs[name] = pc;
      return pc;
    },
    async onMessage(m) {
      if (m.type === 'mediaAnswer') await this.pcs[m.pc].setRemoteDescription({ type: 'answer', sdp: m.sdp });
      if (m.type === 'mediaCandidate' && this.pcs[m.pc] && m.candidate) await this.pcs[m.pc].addIceCandidate(m.candidate);
      if (m.type === 'mediaOffer') {
        const pc = this.pc('subscriber');
        this.streams = m.streams;
        await pc.setRemoteDescription({ type: 'offer', sdp: m.sdp });
        await pc.setLocalDescription(await pc.createAnswer());
        this.send({ type: 'mediaAnswer', pc: 'subscriber', sdp: pc.localDescription.sdp });
      }
    },
    async joinAudio() {
      const pc = this.pc('audio');
      const media = await navigator.mediaDevices.getUserMedia({ audio: true });
      for (const t of media.getTracks()) pc.addTrack(t, media);
      await pc.setLocalDescription(await pc.createOffer());
      this.send({ type: 'mediaAudioJoin', listenOnly: false, sdp: pc.localDescription.sdp });
    },
    async publishCamera() {
      const pc = this.pc('camera');
      const media = await navigator.mediaDevices.getUserMedia({ video: { width: 320, height: 240 } });
      for (const t of media.getTracks()) pc.addTransceiver(t, { direction: 'sendonly', streams: [media] });
      await pc.setLocalDescription(await pc.createOffer());
      this.send({ type: 'mediaPublish', source: 'camera', sdp: pc.localDescription.sdp });
    },
    // Bytes received on a connection, by kind.
    async received(name, kind) {
      const pc = this.pcs[name];
      if (!pc) return 0;
      let bytes = 0;
      (await pc.getStats()).forEach((r) => { if (r.type === 'inbound-rtp' && r.kind === kind) bytes += r.bytesReceived; });
      return bytes;
    },
  };
}

// Media tests run only inside tests/netns-run.sh's namespace, where WebRTC has a non-loopback interface.
export const outsideNamespace = !process.env.BLUEMEET_NETNS_ADDR && 'needs tests/netns-run.sh (a network namespace for WebRTC)';

// Chromium's fake camera, microphone and screen, granted without asking.
export const MEDIA_BROWSER_ARGS = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required', '--auto-select-desktop-capture-source=Entire screen'];

// A node with a Janus of its own and a Chromium with fake devices, for the
// enclosing describe(); both stopped afterwards, even on failure.
export function mediaFixture() {
  const f = { node: null, browser: null };
  before(async () => {
    f.node = await startNode({ args: ['--janus', 'auto'] });
    f.browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: [...CHROMIUM_ARGS, ...MEDIA_BROWSER_ARGS] });
  });
  after(async () => {
    await f.browser?.close();
    await f.node?.stop();
  });
  return f;
}

// A page of its own on the node's origin (127.0.0.1 in the namespace: a
// secure context for getUserMedia) running pageClient, its session open.
export async function openClientPage(f, token) {
  const page = await (await f.browser.newContext()).newPage();
  await page.goto(f.node.url + '/health');
  await page.evaluate(pageClient);
  const welcome = await page.evaluate((u) => window.bm.open(u), f.node.url.replace(/^http/, 'ws') + '/client/ws?sessionToken=' + token);
  return { page, welcome };
}
