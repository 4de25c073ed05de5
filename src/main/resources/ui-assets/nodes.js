// The nodes list (paged by the agent) with each node's health, services, sessions and meta; one node.
import { getJson, query, enc } from './api.js';
import { h, statusBadge, worst, metaText, pageButtons } from './dom.js';
import { setParams, refresh as update } from './app.js';
import { checksTable } from './services.js';

const PER_PAGE = 50;

export function list(main, r) {
  const state = { s: r.params.get('s') || '', page: Number(r.params.get('page')) || 1 };
  const search = h('input', { type: 'search', id: 'node-search', value: state.s, placeholder: 'name or address, or /regex/' });
  const count = h('p', { class: 'count', 'aria-live': 'polite' });
  const body = h('tbody', { id: 'node-rows' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  main.append(h('h1', {}, 'Nodes'),
    h('form', { class: 'filters', role: 'search', onsubmit: e => e.preventDefault() },
      h('label', {}, h('span', {}, 'Search'), search)),
    count,
    h('table', { class: 'list' }, h('thead', {}, h('tr', {}, ['Node', 'Address', 'Health', 'Services', 'Sessions', 'Meta']
      .map(t => h('th', { scope: 'col' }, t)))), body),
    pager);
  let typing;
  search.addEventListener('input', () => {
    clearTimeout(typing);
    typing = setTimeout(() => { state.s = search.value; state.page = 1; setParams({ s: state.s }); update(); }, 150);
  });

  async function refresh() {
    const [{ data, headers }, sessions] = await Promise.all([
      getJson('/v1/internal/ui/nodes' + query({ s: state.s, page: state.page, per_page: PER_PAGE })),
      getJson('/v1/session/list')]);
    const held = {};
    for (const s of sessions.data) held[s.Node] = (held[s.Node] || 0) + 1;
    const total = Number(headers.get('X-Consulate-Total'));
    count.textContent = `${total.toLocaleString('en')} node${total === 1 ? '' : 's'}`;
    body.replaceChildren(...data.map(n => h('tr', { 'data-node': n.Node },
      h('th', { scope: 'row' }, h('a', { href: `#/node/${enc(n.Node)}` }, n.Node)),
      h('td', {}, n.Address),
      h('td', {}, statusBadge(worst(n.Checks))),
      h('td', {}, `${n.Services.length}`, n.Services.length ? h('span', { class: 'hint' },
        ' ' + [...new Set(n.Services.map(s => s.Service))].slice(0, 5).join(', ')) : ''),
      h('td', { class: 'num' }, held[n.Node] || 0),
      h('td', {}, metaText(n.Meta)))));
    pager.replaceChildren(...pageButtons(state.page, Math.ceil(total / PER_PAGE), p => {
      state.page = p;
      setParams({ s: state.s, page: p > 1 ? p : '' });
      update();
    }));
  }
  return { refresh };
}

export function detail(main, r) {
  const name = r.rest;
  const body = h('div', {});
  main.append(h('p', {}, h('a', { href: '#/nodes' }, '← Nodes')), h('h1', {}, name), body);
  async function refresh() {
    const [node, checks, sessions] = await Promise.all([getJson(`/v1/catalog/node/${enc(name)}`),
      getJson(`/v1/health/node/${enc(name)}`), getJson(`/v1/session/node/${enc(name)}`)]);
    if (!node.data) {
      body.replaceChildren(h('p', {}, 'This node is not in the catalog.'));
      return;
    }
    const n = node.data.Node;
    body.replaceChildren(
      h('dl', {}, h('dt', {}, 'Address'), h('dd', {}, n.Address), h('dt', {}, 'Health'), h('dd', {}, statusBadge(worst(checks.data))),
        h('dt', {}, 'Meta'), h('dd', {}, metaText(n.Meta))),
      h('h2', {}, 'Services'),
      h('ul', {}, Object.values(node.data.Services).map(s => h('li', {},
        h('a', { href: `#/service/${enc(s.Service)}` }, s.Service), ` ${s.ID} :${s.Port || 0}`))),
      h('h2', {}, 'Checks'), checksTable(checks.data),
      h('h2', {}, 'Sessions'),
      sessions.data.length ? h('ul', {}, sessions.data.map(s => h('li', {}, `${s.ID} ${s.Name || ''} (${s.Behavior}, TTL ${s.TTL || 'none'})`)))
        : h('p', {}, 'None.'));
  }
  return { refresh };
}
