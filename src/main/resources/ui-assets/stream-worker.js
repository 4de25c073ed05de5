// One event stream for every tab of this UI in the browser. A browser keeps at most six HTTP/1.1
// connections per host: a stream per tab would stall the seventh tab's requests. Tabs connect here, say
// whether they are visible, and get each state event; the stream is open only while some tab is visible.
// Tabs also say which ACL token they are logged in with (all share it, through localStorage): the stream
// carries it in ?token= (EventSource sends no headers) and is opened afresh when it changes.
const ports = new Map(); // port -> visible
let stream = null;
let last = null; // the latest state, with the changes seen so far, for a tab that connects later
let seq = 0;
let secret = '';

function broadcast(msg) {
  for (const port of ports.keys()) port.postMessage(msg);
}

function update() {
  const anyVisible = [...ports.values()].some(Boolean);
  if (anyVisible && !stream) {
    const q = new URLSearchParams(secret ? { token: secret } : {});
    if (seq) q.set('after', seq);
    stream = new EventSource(`/v1/internal/ui/events${q.toString() ? '?' + q : ''}`);
    stream.addEventListener('state', ev => {
      const s = JSON.parse(ev.data);
      const restarted = last && last.Boot !== s.Boot; // the agent restarted: its change numbers start over
      if (s.Changes.length) seq = s.Changes[s.Changes.length - 1].Seq;
      const changes = (last && !restarted ? last.Changes : []).concat(s.Changes).slice(-500);
      last = { ...s, Changes: changes };
      broadcast({ type: 'state', state: s });
    });
    stream.onerror = () => {
      broadcast({ type: 'status', status: 'reconnecting' });
      // The browser retries by itself, except after an answer that was no event stream (a proxy's 502): then
      // this worker opens a new one.
      if (stream.readyState === EventSource.CLOSED) {
        stream = null;
        setTimeout(update, 2000);
      }
    };
  } else if (!anyVisible && stream) {
    stream.close();
    stream = null;
    broadcast({ type: 'status', status: 'paused' });
  }
}

// Another token sees other changes: the feed starts over, on a new stream.
function retoken(next) {
  if (next === secret) return;
  secret = next;
  seq = 0;
  last = null;
  if (stream) stream.close();
  stream = null;
}

onconnect = e => {
  const port = e.ports[0];
  ports.set(port, false);
  port.onmessage = m => {
    if (m.data.type === 'bye') ports.delete(port);
    else if (m.data.type === 'token') retoken(m.data.secret);
    else ports.set(port, m.data.visible);
    update();
  };
  if (last) port.postMessage({ type: 'state', state: last });
};
