// The services list (summaries filtered, sorted and paged by the agent) and one service's instances.
import { getJson, put, query, enc } from './api.js';
import { h, healthBar, statusBadge, worst, metaText, pageButtons } from './dom.js';
import { attempt, setParams, refresh as update } from './app.js';

const PER_PAGE = 50;

export function list(main, r) {
  const p = r.params;
  const state = {
    s: p.get('s') || '', tag: p.getAll('tag'), status: p.get('status') || '', meta: p.getAll('meta'),
    sort: p.get('sort') || 'name', page: Number(p.get('page')) || 1,
  };
  const field = (label, input) => h('label', {}, h('span', {}, label), input);
  const search = h('input', { type: 'search', id: 'svc-search', value: state.s, placeholder: 'name, or /regex/' });
  const tag = h('input', { id: 'svc-tag', value: state.tag.join(','), placeholder: 'tag[,tag]' });
  const meta = h('input', { id: 'svc-meta', value: state.meta.join(','), placeholder: 'key=value' });
  const status = h('select', { id: 'svc-status' }, ['', 'passing', 'warning', 'critical'].map(v =>
    h('option', { value: v, selected: v === state.status }, v || 'any')));
  const sort = h('select', { id: 'svc-sort' }, [['name', 'name'], ['health', 'health (critical first)']].map(([v, t]) =>
    h('option', { value: v, selected: v === state.sort }, t)));
  const count = h('p', { class: 'count', id: 'svc-count', 'aria-live': 'polite' });
  const body = h('tbody', { id: 'svc-rows' });
  const pager = h('nav', { class: 'pager', 'aria-label': 'Pages' });
  main.append(h('h1', {}, 'Services'),
    h('form', { class: 'filters', role: 'search', onsubmit: e => e.preventDefault() },
      field('Search', search), field('Tag', tag), field('Health', status), field('Meta', meta), field('Sort', sort)),
    count,
    h('table', { class: 'list' }, h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Service'), h('th', { scope: 'col' }, 'Health'), h('th', { scope: 'col' }, 'Instances'),
      h('th', { scope: 'col' }, 'Nodes'), h('th', { scope: 'col' }, 'Tags'))), body),
    pager);

  const split = v => v.split(',').map(x => x.trim()).filter(Boolean);
  const changed = () => {
    Object.assign(state, { s: search.value, tag: split(tag.value), status: status.value, meta: split(meta.value),
      sort: sort.value, page: 1 });
    setParams({ s: state.s, tag: state.tag, status: state.status, meta: state.meta,
      sort: state.sort === 'name' ? '' : state.sort });
    update();
  };
  let typing;
  for (const input of [search, tag, meta]) {
    input.addEventListener('input', () => { clearTimeout(typing); typing = setTimeout(changed, 150); });
  }
  status.addEventListener('change', changed);
  sort.addEventListener('change', changed);

  async function refresh() {
    const { data, headers } = await getJson('/v1/internal/ui/services' + query({
      s: state.s, tag: state.tag, status: state.status, meta: state.meta, sort: state.sort,
      page: state.page, per_page: PER_PAGE }));
    const total = Number(headers.get('X-Consulate-Total'));
    body.replaceChildren(...data.map(svc => h('tr', { 'data-service': svc.Name },
      h('th', { scope: 'row' }, h('a', { href: `#/service/${enc(svc.Name)}` }, svc.Name)),
      h('td', {}, healthBar(svc.ChecksPassing, svc.ChecksWarning, svc.ChecksCritical),
        h('span', { class: 'counts' }, `${svc.ChecksPassing} / ${svc.ChecksWarning} / ${svc.ChecksCritical}`)),
      h('td', { class: 'num' }, svc.InstanceCount),
      h('td', { class: 'num' }, svc.Nodes.length),
      h('td', {}, (svc.Tags || []).map(t => h('span', { class: 'tag' }, t))))));
    const first = total ? (state.page - 1) * PER_PAGE + 1 : 0;
    count.textContent = `${total.toLocaleString('en')} service${total === 1 ? '' : 's'}` +
      (total > PER_PAGE ? `, showing ${first}-${Math.min(total, first + data.length - 1)}` : '');
    pager.replaceChildren(...pageButtons(state.page, Math.ceil(total / PER_PAGE), n => {
      state.page = n;
      setParams({ ...state, page: n > 1 ? n : '' });
      update();
    }));
    performance.mark('services-rendered');
  }
  return { refresh };
}

let selfNode = null;
async function localNode() {
  if (selfNode === null) selfNode = (await getJson('/v1/agent/self')).data.Config.NodeName;
  return selfNode;
}

export function detail(main, r) {
  const name = r.rest;
  const body = h('div', { id: 'instances' });
  main.append(h('p', {}, h('a', { href: '#/services' }, '← Services')), h('h1', {}, name), body);

  async function toggle(id, enable, reason) {
    await put(`/v1/agent/service/maintenance/${enc(id)}` + query({ enable: String(enable), reason }));
    delete reasons[id];
    await update();
  }

  // A live refresh must not wipe a reason being typed: identical answers are not re-rendered, and typed
  // reasons (and the focus) survive one that is.
  const reasons = {};
  let shown = null;
  async function refresh() {
    const [{ data }, here] = await Promise.all([getJson(`/v1/health/service/${enc(name)}`), localNode()]);
    const signature = JSON.stringify(data);
    if (signature === shown) return;
    shown = signature;
    const focused = document.activeElement && document.activeElement.dataset.reasonFor;
    if (!data.length) {
      body.replaceChildren(h('p', {}, 'No instances are registered.'));
      return;
    }
    body.replaceChildren(...data.map(inst => {
      const svc = inst.Service;
      const status = worst(inst.Checks);
      const maint = inst.Checks.some(c => c.CheckID === `_service_maintenance:${svc.ID}`);
      const reason = h('input', { 'aria-label': `Maintenance reason for ${svc.ID}`, placeholder: 'reason',
        'data-reason-for': svc.ID, oninput: e => { reasons[svc.ID] = e.target.value; } });
      reason.value = reasons[svc.ID] || '';
      const controls = inst.Node.Node !== here ? h('p', { class: 'hint' }, `Maintenance is set on ${inst.Node.Node}'s own agent.`)
        : maint ? h('button', { type: 'button', class: 'maint', onclick: () => attempt(() => toggle(svc.ID, false)) },
          'Leave maintenance')
          : h('span', { class: 'maint-form' }, reason,
            h('button', { type: 'button', class: 'maint', onclick: () => attempt(() => toggle(svc.ID, true, reason.value)) },
              'Enter maintenance'));
      return h('section', { class: `instance ${status}`, 'data-instance': svc.ID },
        h('h2', {}, statusBadge(status), ' ', svc.ID),
        h('dl', {},
          h('dt', {}, 'Node'), h('dd', {}, h('a', { href: `#/node/${enc(inst.Node.Node)}` }, inst.Node.Node)),
          h('dt', {}, 'Address'), h('dd', {}, `${svc.Address || inst.Node.Address}:${svc.Port || 0}`),
          h('dt', {}, 'Tags'), h('dd', {}, (svc.Tags || []).map(t => h('span', { class: 'tag' }, t))),
          h('dt', {}, 'Meta'), h('dd', {}, metaText(svc.Meta))),
        controls,
        checksTable(inst.Checks));
    }));
    if (focused) {
      const input = body.querySelector(`input[data-reason-for="${CSS.escape(focused)}"]`);
      if (input) input.focus();
    }
  }
  return { refresh };
}

export function checksTable(checks) {
  return h('table', { class: 'checks' },
    h('thead', {}, h('tr', {}, h('th', { scope: 'col' }, 'Check'), h('th', { scope: 'col' }, 'Status'),
      h('th', { scope: 'col' }, 'Output'))),
    h('tbody', {}, checks.map(c => h('tr', { 'data-check': c.CheckID },
      h('td', {}, c.Name, c.ServiceID ? '' : h('span', { class: 'hint' }, ' (node)')),
      h('td', {}, statusBadge(c.Status)),
      h('td', {}, h('pre', {}, c.Output || c.Notes || ''))))));
}
