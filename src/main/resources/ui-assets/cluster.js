// The cluster at a glance (members, roles, the leader, the index, datacenters) and the recent-changes feed.
import { getJson } from './api.js';
import { h } from './dom.js';
import { live } from './app.js';

const STATUS = { 0: 'none', 1: 'alive', 2: 'leaving', 3: 'left', 4: 'failed' };

export function overview(main) {
  const facts = h('dl', { id: 'cluster-facts' });
  const body = h('tbody', { id: 'member-rows' });
  main.append(h('h1', {}, 'Cluster'), facts,
    h('table', { class: 'list' }, h('thead', {}, h('tr', {}, ['Member', 'Address', 'Role', 'Status', 'Leader']
      .map(t => h('th', { scope: 'col' }, t)))), body));
  async function refresh() {
    const [members, leader, dcs, self] = await Promise.all([getJson('/v1/agent/members'), getJson('/v1/status/leader'),
      getJson('/v1/catalog/datacenters'), getJson('/v1/agent/self')]);
    facts.replaceChildren(
      h('dt', {}, 'Datacenters'), h('dd', {}, dcs.data.join(', ')),
      h('dt', {}, 'This agent'), h('dd', {}, `${self.data.Config.NodeName} (${self.data.Config.Server ? 'server' : 'client'})`),
      h('dt', {}, 'Leader'), h('dd', {}, leader.data || 'none'),
      h('dt', {}, 'Catalog index'), h('dd', { id: 'catalog-index' }, String(live.catalogIndex)),
      h('dt', {}, 'KV index'), h('dd', {}, String(live.kvIndex)));
    body.replaceChildren(...members.data.map(m => {
      const server = m.Tags.role === 'consul';
      const isLeader = server && leader.data === `${m.Addr}:${m.Tags.port}`;
      return h('tr', { 'data-member': m.Name },
        h('th', { scope: 'row' }, m.Name), h('td', {}, `${m.Addr}:${m.Port}`), h('td', {}, server ? 'server' : 'client'),
        h('td', {}, h('span', { class: `badge ${m.Status === 1 ? 'passing' : 'critical'}` }, STATUS[m.Status] || m.Status)),
        h('td', {}, isLeader ? 'leader' : ''));
    }));
  }
  return { refresh };
}

const WORDS = {
  registered: c => `${c.Service} (${c.ServiceID}) registered on ${c.Node}`,
  deregistered: c => `${c.Service} (${c.ServiceID}) deregistered from ${c.Node}`,
  health: c => `${c.Check} on ${c.Node}${c.ServiceID ? ` (${c.ServiceID})` : ''}: ${c.From} → ${c.To}`,
  'maintenance-on': c => `${c.ServiceID || 'node ' + c.Node} in maintenance${c.To ? ': ' + c.To : ''}`,
  'maintenance-off': c => `${c.ServiceID || 'node ' + c.Node} out of maintenance`,
  'node-registered': c => `node ${c.Node} registered`,
  'node-deregistered': c => `node ${c.Node} deregistered`,
};

export function changes(main) {
  const list = h('ol', { class: 'feed', id: 'change-feed', reversed: true });
  main.append(h('h1', {}, 'Recent changes'), h('p', { class: 'hint' }, 'The agent\'s latest registrations, deregistrations and health transitions, newest first.'), list);
  function refresh() {
    const items = live.changes.slice().reverse();
    list.replaceChildren(...(items.length ? items.map(c => h('li', { class: c.Kind === 'health' ? c.To : c.Kind === 'maintenance-on' ? 'warning' : c.Kind,
      'data-kind': c.Kind },
      h('time', { datetime: new Date(c.Time).toISOString() }, new Date(c.Time).toLocaleTimeString()), ' ',
      (WORDS[c.Kind] || (x => x.Kind))(c), h('span', { class: 'hint' }, ` index ${c.Index}`)))
      : [h('li', {}, 'Nothing yet.')]));
  }
  return { refresh };
}
