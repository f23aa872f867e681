import { render } from 'preact';
import './styles.css';
import { App } from './components/App';
import { AppContext, type Ctx } from './context';
import { lang, t } from './i18n';
import { createMedia, noMedia, type MediaController, type MediaHooks } from './media';
import { Session, sessionSocketUrl } from './session';
import { createStore, initialState, normalizeMedia } from './state';

document.documentElement.lang = lang;

const token = new URLSearchParams(location.search).get('sessionToken')?.trim() ?? '';
const store = createStore(initialState(token !== ''));
const session = new Session(sessionSocketUrl(token));

let media: MediaController = noMedia();

const mediaHooks: MediaHooks = {
  notify(code, retry) {
    const action = retry ? { label: t.retry, run: retry } : undefined;
    store.dispatch({ type: 'localError', code, message: t.errors[code] ? '' : code, action });
  },
};

session.onConn((conn) => store.dispatch({ type: 'conn', conn }));
session.onMessage((msg) => {
  if (msg.type === 'welcome') {
    // Full state replacement: media starts over too. Connections end with the socket that
    // carried their signalling, so audio the user had (after a reconnect) is joined again;
    // cameras and screens are not restarted without asking.
    const audio = media.local().audio;
    media.dispose();
    media = createMedia(session, normalizeMedia(msg.media), msg.you, mediaHooks);
    if (audio !== 'none') void media.setAudio(audio);
  } else if (msg.type === 'ended' || msg.type === 'denied') {
    media.dispose();
  }
  store.dispatch({ type: 'server', msg });
});

const ctx: Ctx = {
  store,
  session,
  media: () => media,
  send(msg) {
    const ok = session.send(msg);
    if (!ok) store.dispatch({ type: 'localError', code: 'offline', message: t.errors.offline });
    return ok;
  },
};

if (token) session.start();

render(
  <AppContext.Provider value={ctx}>
    <App />
  </AppContext.Provider>,
  document.getElementById('app')!,
);
