// The HTTP API as the pages use it. An error answer becomes an Error carrying Consul's status and message,
// which app.js shows in the banner instead of leaving a blank page. Every call carries the logged-in token
// (X-Consul-Token); whether the agent enforces ACLs is read from its X-Consul-Default-ACL-Policy header.
import * as token from './token.js';

// null until the first answer; a change is announced with a "consul:acl" event on window.
export const acl = { enabled: null };
export class ApiError extends Error {
  constructor(status, message) {
    super(message);
    this.status = status;
  }
}

async function call(method, path, body, secret = token.secret()) {
  const headers = body === undefined ? {} : { 'Content-Type': 'text/plain' };
  if (secret) headers['X-Consul-Token'] = secret;
  const res = await fetch(path, { method, body, headers });
  const enabled = res.headers.has('X-Consul-Default-ACL-Policy');
  if (acl.enabled !== enabled) {
    acl.enabled = enabled;
    window.dispatchEvent(new Event('consul:acl'));
  }
  const text = await res.text();
  if (!res.ok) throw new ApiError(res.status, text.trim() || res.statusText);
  return { res, text };
}

// secret: the token to send instead of the stored one (logging in checks a token before keeping it).
export async function getJson(path, secret) {
  const { res, text } = await call('GET', path, undefined, secret);
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
