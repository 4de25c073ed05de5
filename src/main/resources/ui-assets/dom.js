// Builds DOM nodes from data without innerHTML, so names, tags and values from the catalog are never markup.
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on')) el.addEventListener(k.slice(2), v);
    else if (k === 'class') el.className = v;
    else el.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    el.append(c instanceof Node ? c : String(c));
  }
  return el;
}

export function statusBadge(status) {
  return h('span', { class: `badge ${status}` }, status);
}

// The passing/warning/critical bar: widths in proportion, the counts readable as text too.
export function healthBar(passing, warning, critical) {
  const total = passing + warning + critical || 1;
  const seg = (n, cls) => n ? h('span', { class: `seg ${cls}`, style: `width:${(100 * n / total).toFixed(1)}%` }) : null;
  return h('span', { class: 'bar', role: 'img', 'aria-label': `${passing} passing, ${warning} warning, ${critical} critical` },
    seg(passing, 'passing'), seg(warning, 'warning'), seg(critical, 'critical'));
}

export function worst(checks) {
  if (checks.some(c => c.Status === 'critical')) return 'critical';
  return checks.some(c => c.Status === 'warning') ? 'warning' : 'passing';
}

export function metaText(meta) {
  return Object.entries(meta || {}).map(([k, v]) => `${k}=${v}`).join(', ');
}

// Previous / "page N of M" / Next, none for a single page; go(n) shows page n.
export function pageButtons(page, pages, go) {
  if (pages <= 1) return [];
  return [
    h('button', { type: 'button', disabled: page <= 1, onclick: () => go(page - 1) }, 'Previous'),
    h('span', {}, `page ${page} of ${pages}`),
    h('button', { type: 'button', disabled: page >= pages, onclick: () => go(page + 1) }, 'Next')];
}
