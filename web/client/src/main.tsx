import { render } from 'preact';
import './styles.css';
import { App } from './components/App';
import { AppContext, type Ctx } from './context';
import { lang, t } from './i18n';
import { createMedia, type MediaController } from './media';
import { Session, sessionSocketUrl } from './session';
import { createStore, initialState } from './state';

document.documentElement.lang = lang;

const token = new URLSearchParams(location.search).get('sessionToken')?.trim() ?? '';
const store = createStore(initialState(token !== ''));
const session = new Session(sessionSocketUrl(token));

let media: MediaController = createMedia(session, { enabled: false });

session.onConn((conn) => store.dispatch({ type: 'conn', conn }));
session.onMessage((msg) => {
  if (msg.type === 'welcome') {
    // Full state replacement: media starts over too.
    media.dispose();
    media = createMedia(session, msg.media ?? { enabled: false });
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
