// The HTTP API as the pages use it. An error answer becomes an Error carrying Consul's status and message,
// which app.js shows in the banner instead of leaving a blank page.
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body) {
  const res = await fetch(path, { method, body, headers: body === undefined ? {} : { 'Content-Type': 'text/plain' } });
  const text = await res.text();
  if (!res.ok) throw new ApiError(res.status, text.trim() || res.statusText);
  return { res, text };
}

export async function getJson(path) {
  const { res, text } = await call('GET', path);
  return { data: text ? JSON.parse(text) : null, headers: res.headers };
}

export async function put(path, body) {
  return (await call('PUT', path, body)).text;
}

export async function del(path) {
  return (await call('DELETE', path)).text;
}

export function query(params) {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    for (const one of [].concat(v)) if (one !== undefined && one !== null && one !== '') q.append(k, one);
  }
  const s = q.toString();
  return s ? `?${s}` : '';
}

export const enc = encodeURIComponent;
export const encPath = p => p.split('/').map(encodeURIComponent).join('/');
