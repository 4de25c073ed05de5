// The UI shell: hash routes (so a filtered view is a link to share), the one event stream per tab, and the
// error banner. Pages live in their own modules and expose refresh(), called when the catalog or KV moves.
import { ApiError } from './api.js';
import * as token from './token.js';
import * as login from './login.js';
import * as services from './services.js';
import * as nodes from './nodes.js';
import * as kv from './kv.js';
import * as cluster from './cluster.js';

const pages = {
  services: services.list, service: services.detail, nodes: nodes.list, node: nodes.detail,
  kv: kv.page, cluster: cluster.overview, changes: cluster.changes,
};

export const live = { boot: null, catalogIndex: 0, kvIndex: 0, changes: [], seq: 0 };
let current = null;
let refreshing = false;
let pending = false;

export function showError(err) {
  const banner = document.getElementById('banner');
  if (!err) {
    banner.hidden = true;
    banner.textContent = '';
    return;
  }
  const what = err instanceof ApiError ? `${err.status}: ${err.message}` : String(err.message || err);
  const hint = err.status === 403 ? '. Log in with a token that allows this.' :
    err.status === 500 && /leader/i.test(err.message) ? ' (the cluster has no leader right now)' : '';
  banner.textContent = `The agent answered ${what}${hint}`;
  if (err.status === 403) {
    banner.append(' ', login.loginButton('banner-login', token.secret() ? 'Log in with another token' : 'Log in'));
  }
  banner.hidden = false;
}

// Runs a page action; a failure lands in the banner, never in an empty page.
export async function attempt(fn) {
  try {
    const out = await fn();
    showError(null);
    return out;
  } catch (err) {
    showError(err);
    return undefined;
  }
}

export function route() {
  const raw = location.hash.replace(/^#\/?/, '');
  const q = raw.indexOf('?');
  const path = q < 0 ? raw : raw.slice(0, q);
  const params = new URLSearchParams(q < 0 ? '' : raw.slice(q + 1));
  const slash = path.indexOf('/');
  const section = (slash < 0 ? path : path.slice(0, slash)) || 'services';
  const rest = slash < 0 ? '' : decodeURIComponent(path.slice(slash + 1));
  return { section, rest, params };
}

// Filters write themselves into the URL without re-rendering the page (focus stays in the search box).
export function setParams(params) {
  const { section, rest } = route();
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) for (const one of [].concat(v)) if (one) q.append(k, one);
  const s = q.toString();
  history.replaceState(null, '', `#/${section}${rest ? '/' + rest : ''}${s ? '?' + s : ''}`);
}

// Refreshes the page shown, one fetch at a time: a late answer to an early request never paints over a newer one.
export async function refresh() {
  if (!current || !current.refresh) return;
  if (refreshing) {
    pending = true;
    return;
  }
  refreshing = true;
  try {
    await attempt(() => current.refresh());
  } finally {
    refreshing = false;
    if (pending) {
      pending = false;
      refresh();
    }
  }
}

function render() {
  const r = route();
  const make = pages[r.section];
  const main = document.getElementById('main');
  main.replaceChildren();
  for (const a of document.querySelectorAll('nav a')) {
    const on = a.dataset.section === r.section || (a.dataset.section + 's') === r.section ||
      a.dataset.section === r.section + 's';
    if (on) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
  if (!make) {
    main.append(Object.assign(document.createElement('p'), { textContent: `No page "${r.section}".` }));
    current = null;
    return;
  }
  current = make(main, r);
  refresh();
}

// The token the stream is opened with: EventSource sends no headers, so it goes in ?token=.
function streamUrl(secret, after) {
  const q = new URLSearchParams();
  if (secret) q.set('token', secret);
  if (after) q.set('after', after);
  return `/v1/internal/ui/events${q.toString() ? '?' + q : ''}`;
}

// The live stream. Every tab of this UI shares one connection through a SharedWorker (see stream-worker.js);
// where there is none (some mobile browsers), the tab opens its own. Either way it pauses while hidden.
function onState(s) {
  const status = document.getElementById('live');
  if (live.boot !== s.Boot) { // a new run of the agent: its change numbers start over
    live.boot = s.Boot;
    live.seq = 0;
    live.changes = [];
  }
  const moved = s.CatalogIndex !== live.catalogIndex || s.KvIndex !== live.kvIndex;
  live.catalogIndex = s.CatalogIndex;
  live.kvIndex = s.KvIndex;
  const fresh = s.Changes.filter(c => c.Seq > live.seq);
  if (fresh.length) {
    live.changes = live.changes.concat(fresh).slice(-500);
    live.seq = fresh[fresh.length - 1].Seq;
  }
  status.textContent = 'live';
  status.className = 'live on';
  if (moved || fresh.length) refresh();
}

function onStatus(text) {
  const status = document.getElementById('live');
  status.textContent = text;
  status.className = 'live off';
}

function sharedStream() {
  const worker = new SharedWorker('stream-worker.js', { name: 'consulate-events' });
  worker.port.onmessage = m => (m.data.type === 'state' ? onState(m.data.state) : onStatus(m.data.status));
  const say = () => worker.port.postMessage({ type: 'visibility', visible: !document.hidden });
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) onStatus('paused');
    say();
  });
  window.addEventListener('pagehide', () => worker.port.postMessage({ type: 'bye' }));
  const tell = () => worker.port.postMessage({ type: 'token', secret: token.secret() });
  window.addEventListener('consul:token', tell);
  worker.port.start();
  tell();
  say();
}

function ownStream() {
  let stream = null;
  const open = () => {
    stream = new EventSource(streamUrl(token.secret(), live.seq));
    stream.addEventListener('state', ev => onState(JSON.parse(ev.data)));
    stream.onerror = () => {
      onStatus('reconnecting');
      if (stream.readyState === EventSource.CLOSED) setTimeout(() => { if (!document.hidden) open(); }, 2000);
    };
  };
  document.addEventListener('visibilitychange', () => {
    if (document.hidden) {
      if (stream) stream.close();
      stream = null;
      onStatus('paused');
    } else if (!stream) {
      open();
    }
  });
  window.addEventListener('consul:token', () => {
    if (stream) stream.close();
    stream = null;
    if (!document.hidden) open();
  });
  if (!document.hidden) open();
}

window.addEventListener('hashchange', render);
// Logged in or out: what the page may show changed, and so did the changes feed.
window.addEventListener('consul:token', () => {
  live.seq = 0;
  live.changes = [];
  showError(null);
  render();
});
// The skip link moves focus; as a plain #main it would be taken for a route.
document.addEventListener('click', e => {
  if (!e.target.closest || !e.target.closest('a.skip')) return;
  e.preventDefault();
  document.getElementById('main').focus();
});
window.addEventListener('DOMContentLoaded', () => {
  if (!location.hash) history.replaceState(null, '', '#/services');
  login.mount();
  render();
  if (typeof SharedWorker === 'function') sharedStream(); else ownStream();
});
