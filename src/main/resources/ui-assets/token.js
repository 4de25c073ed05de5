// The ACL token this UI sends, kept where Consul's UI keeps it: localStorage "consul:token", as
// {"AccessorID", "SecretID"}. Every tab of the UI shares it; a change, here or in another tab, is announced
// with a "consul:token" event on window.
const KEY = 'consul:token';

function stored() {
  try {
    return JSON.parse(localStorage.getItem(KEY)) || {};
  } catch (e) {
    return {};
  }
}

export function secret() {
  return stored().SecretID || '';
}

export function accessor() {
  return stored().AccessorID || '';
}

export function save(accessorId, secretId) {
  localStorage.setItem(KEY, JSON.stringify({ AccessorID: accessorId, SecretID: secretId }));
  window.dispatchEvent(new Event('consul:token'));
}

export function clear() {
  localStorage.removeItem(KEY);
  window.dispatchEvent(new Event('consul:token'));
}

// Another tab logged in or out: this one follows.
window.addEventListener('storage', e => {
  if (e.key === KEY || e.key === null) window.dispatchEvent(new Event('consul:token'));
});
