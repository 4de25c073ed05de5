// The KV tree and editor. Saves are check-and-set on the ModifyIndex the editor loaded, so a concurrent
// write is reported instead of overwritten. Values are decoded once into a plain textarea: a 1 MiB value
// opens without a highlighter to freeze the page.
import { getJson, put, del, query, encPath, ApiError } from './api.js';
import { h } from './dom.js';
import { attempt } from './app.js';

export function page(main, r) {
  const path = r.rest;
  return path === '' || path.endsWith('/') ? folder(main, path) : editor(main, path);
}

function crumbs(path) {
  const parts = path.split('/').filter(Boolean);
  const out = [h('a', { href: '#/kv/' }, 'root')];
  let at = '';
  parts.forEach((p, i) => {
    at += p + (i < parts.length - 1 || path.endsWith('/') ? '/' : '');
    out.push(' / ', i === parts.length - 1 ? h('span', {}, p) : h('a', { href: `#/kv/${encPath(at)}` }, p));
  });
  return h('p', { class: 'crumbs' }, out);
}

async function keysUnder(prefix) {
  try {
    return (await getJson(`/v1/kv/${encPath(prefix)}` + query({ keys: true, separator: '/' }))).data;
  } catch (err) {
    if (err instanceof ApiError && err.status === 404) return [];
    throw err;
  }
}

function folder(main, prefix) {
  const rows = h('ul', { class: 'kv-list', id: 'kv-list' });
  const name = h('input', { id: 'kv-new-name', 'aria-label': 'New key name', placeholder: 'name, or folder/' });
  main.append(h('h1', {}, 'Key/Value'), crumbs(prefix),
    h('form', { class: 'filters', onsubmit: e => {
      e.preventDefault();
      const key = prefix + name.value.trim();
      if (!name.value.trim()) return;
      if (key.endsWith('/')) attempt(async () => { await put(`/v1/kv/${encPath(key)}`, ''); location.hash = `#/kv/${encPath(key)}`; });
      else location.hash = `#/kv/${encPath(key)}`;
    } }, h('label', {}, h('span', {}, 'Create'), name), h('button', { type: 'submit' }, 'Create')),
    rows,
    prefix ? h('button', { type: 'button', class: 'danger', id: 'kv-delete-folder', onclick: () => attempt(async () => {
      if (!confirm(`Delete ${prefix} and every key under it?`)) return;
      await del(`/v1/kv/${encPath(prefix)}` + query({ recurse: true }));
      location.hash = `#/kv/${encPath(prefix.replace(/[^/]+\/$/, ''))}`;
    }) }, `Delete folder ${prefix}`) : null);

  async function refresh() {
    const keys = (await keysUnder(prefix)).filter(k => k !== prefix);
    rows.replaceChildren(...(keys.length ? keys.map(k => h('li', { 'data-key': k },
      h('a', { href: `#/kv/${encPath(k)}` }, k.slice(prefix.length) || k))) : [h('li', {}, 'No keys here.')]));
  }
  return { refresh };
}

function editor(main, key) {
  const area = h('textarea', { id: 'kv-value', 'aria-label': `Value of ${key}`, spellcheck: 'false', rows: 16 });
  const info = h('p', { class: 'hint', id: 'kv-info' });
  const notice = h('p', { class: 'notice', id: 'kv-notice', role: 'status' });
  const lock = h('p', { id: 'kv-lock' });
  let loaded = null; // the entry as the editor loaded it: its ModifyIndex is the CAS for the next save
  const saveButton = h('button', { type: 'button', id: 'kv-save', onclick: () => attempt(() => save()) }, 'Save');

  async function load() {
    const entry = await current();
    loaded = entry;
    const text = entry ? decode(entry.Value) : '';
    // Bytes that are not UTF-8 cannot round-trip through a text box: shown as base64, read-only, never saved.
    const binary = text === null;
    area.value = binary ? entry.Value : text;
    area.readOnly = binary;
    saveButton.disabled = binary;
    notice.textContent = binary ? 'This value is not UTF-8 text: shown as base64, read-only.' : '';
    describe(entry);
  }
  async function current() {
    try {
      return (await getJson(`/v1/kv/${encPath(key)}`)).data[0];
    } catch (err) {
      if (err instanceof ApiError && err.status === 404) return null;
      throw err;
    }
  }
  async function describe(entry) {
    const bytes = entry && entry.Value ? atob(entry.Value).length : 0;
    info.textContent = entry ? `ModifyIndex ${entry.ModifyIndex}, flags ${entry.Flags}, ${bytes.toLocaleString('en')} bytes`
      : 'New key: saving creates it.';
    if (entry && entry.Session) {
      const s = (await getJson(`/v1/session/info/${entry.Session}`)).data;
      const who = s && s[0] ? `${s[0].Name || 'session'} on ${s[0].Node}` : 'a session';
      lock.textContent = `Locked by ${who} (${entry.Session})`;
    } else {
      lock.textContent = '';
    }
  }
  async function save(force) {
    const cas = force !== undefined ? force : loaded ? loaded.ModifyIndex : 0;
    const ok = (await put(`/v1/kv/${encPath(key)}` + query({ cas }), area.value)).trim() === 'true';
    if (ok) {
      const text = area.value;
      await load();
      area.value = text;
      notice.textContent = 'Saved.';
      return;
    }
    const now = await current();
    notice.replaceChildren(`Not saved: ${key} was changed by someone else since you opened it ` +
      `(ModifyIndex ${loaded ? loaded.ModifyIndex : 'none'}, now ${now ? now.ModifyIndex : 'deleted'}). Your text is still here. `,
    h('button', { type: 'button', id: 'kv-reload', onclick: () => attempt(load) }, 'Load theirs'), ' ',
    h('button', { type: 'button', id: 'kv-overwrite', class: 'danger', onclick: () => attempt(() => save(now ? now.ModifyIndex : 0)) },
      'Overwrite theirs'));
    notice.className = 'notice conflict';
  }

  main.append(h('h1', {}, 'Key/Value'), crumbs(key), info, lock,
    h('label', { for: 'kv-value' }, 'Value'), area,
    h('p', { class: 'actions' },
      saveButton,
      h('button', { type: 'button', class: 'danger', id: 'kv-delete', onclick: () => attempt(async () => {
        if (!confirm(`Delete ${key}?`)) return;
        await del(`/v1/kv/${encPath(key)}`);
        location.hash = `#/kv/${encPath(key.replace(/[^/]+$/, ''))}`;
      }) }, 'Delete')),
    notice);
  attempt(load);

  // A live event refreshes the facts around the value, never the text being edited.
  async function refresh() {
    if (!loaded) return;
    const now = await current();
    if (!now || now.ModifyIndex !== loaded.ModifyIndex) {
      if (!notice.classList.contains('conflict')) {
        notice.textContent = `${key} changed on the server since you opened it; saving will report a conflict.`;
      }
    }
    await describe(now ? { ...now, ModifyIndex: loaded.ModifyIndex } : loaded);
  }
  return { refresh };
}

/** The value as text, or null when its bytes are not UTF-8. */
function decode(b64) {
  if (!b64) return '';
  const bin = atob(b64);
  const bytes = new Uint8Array(bin.length);
  for (let i = 0; i < bin.length; i++) bytes[i] = bin.charCodeAt(i);
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (e) {
    return null;
  }
}

