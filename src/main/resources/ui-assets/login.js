// Logging in and out with an ACL token, as Consul's UI does: a "Log in" button in the header while the agent
// enforces ACLs, a form that checks the token (GET /v1/acl/token/self) before keeping it, "Log out" to forget
// it, and a prompt inviting a log-in while the anonymous token is all the UI has.
import { acl, getJson } from './api.js';
import * as token from './token.js';
import { h } from './dom.js';

let control;
let form;
let input;
let error;
let prompt;

export function mount() {
  control = document.getElementById('acl-control');
  input = h('input', { id: 'login-token', type: 'password', autocomplete: 'off', spellcheck: 'false',
    placeholder: 'SecretID' });
  error = h('p', { id: 'login-error', class: 'login-error', role: 'alert', hidden: true });
  form = h('form', { id: 'login-form', class: 'filters login', hidden: true, onsubmit: submit },
    h('label', {}, h('span', {}, 'Log in with a token (its SecretID)'), input),
    h('button', { type: 'submit', id: 'login-submit' }, 'Log in'),
    h('button', { type: 'button', class: 'plain', onclick: () => { form.hidden = true; } }, 'Cancel'), error);
  prompt = h('p', { id: 'login-prompt', class: 'login-prompt', role: 'status', hidden: true });
  document.getElementById('login').append(form, prompt);
  window.addEventListener('consul:acl', update);
  window.addEventListener('consul:token', update);
  update();
}

// A button that opens the log-in form; the banner offers one when the agent answered 403.
export function loginButton(id, text = 'Log in') {
  return h('button', { type: 'button', id, class: 'login-open', onclick: open }, text);
}

function open() {
  form.hidden = false;
  error.hidden = true;
  input.value = '';
  input.focus();
}

function update() {
  const secret = token.secret();
  const who = token.accessor() ? `token ${token.accessor().slice(0, 8)}` : 'token';
  control.replaceChildren(...(secret ? [h('span', { class: 'who' }, who),
    h('button', { type: 'button', id: 'logout', class: 'login-open', onclick: () => token.clear() }, 'Log out')]
    : acl.enabled ? [loginButton('login-open')] : []));
  prompt.hidden = !acl.enabled || Boolean(secret);
  prompt.replaceChildren('This agent enforces ACLs and you are not logged in: you see only what the anonymous ' +
    'token may read. ', loginButton('login-prompt-open', 'Log in with a token'));
}

async function submit(e) {
  e.preventDefault();
  const secret = input.value.trim();
  if (!secret) return;
  try {
    const { data } = await getJson('/v1/acl/token/self', secret);
    input.value = '';
    form.hidden = true;
    token.save(data.AccessorID, secret);
  } catch (err) {
    error.textContent = `Not logged in: the agent answered ${err.status || ''} ${err.message}`;
    error.hidden = false;
  }
}
