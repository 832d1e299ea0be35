// The ER diagram: tables as boxes, foreign keys as orthogonal edges, laid out by ELK's layered
// algorithm (elk.bundled.js, vendored from the elkjs npm package; window.ELK). Edges are routed in
// the channels between layers, so none passes through a table box. A table referenced by more than
// HUB_LIMIT tables (created_by -> user_account ...) is a hub: its edges are left out and each
// referencing table carries a badge naming it instead, unless the hub is the table in focus.
// Focus: one table and its neighbours up to N foreign keys away. Export as SVG or PNG.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 230, HEAD = 24, LINE = 16, MAX_COLUMNS_SHOWN = 12, BADGE = 18;
export const HUB_LIMIT = 8;

const STYLE = `
.erd-table rect.box { fill: #fff; stroke: #1d3557; }
.erd-table rect.head { fill: #1d3557; }
.erd-table.drift rect.box { stroke: #e63946; stroke-width: 3; }
.erd-table.drift rect.head { fill: #9b1c24; }
.erd-table.focus rect.box { stroke: #e76f51; stroke-width: 3; }
.erd-table text { font: 11px system-ui, sans-serif; }
.erd-table text.name { fill: #fff; font-weight: 600; font-size: 12px; }
.erd-table text.col { fill: #1d2433; }
.erd-table text.col.pk { font-weight: 700; }
.erd-table text.type { fill: #667085; font-size: 10px; }
.erd-table .hub-badge rect { fill: #e8eef6; stroke: #8aa1c1; }
.erd-table .hub-badge text { fill: #1d3557; font-size: 10px; }
.erd-table .icon-key { fill: #c9a227; }
.erd-table .icon-fk { fill: none; stroke: #457b9d; stroke-width: 1.4; }
.erd-table .icon-drift { fill: #fff; }
.erd-edge { fill: none; stroke: #8aa1c1; stroke-width: 1.2; }
`;

function el(name, attrs = {}, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

const key = (schema, name) => schema + '.' + name;
const tableKey = t => key(t.schema, t.name);
const targetKey = fk => key(fk.referencedSchema, fk.referencedTable);

// icons as inline SVG paths (no emoji: they need a font the machine may not have)
function keyIcon(parent, x, y) {
  const g = el('g', { class: 'icon-key', transform: `translate(${x},${y - 8})` }, parent);
  el('circle', { cx: 3.5, cy: 4.5, r: 3.5 }, g);
  el('rect', { x: 6, y: 3.5, width: 6, height: 2 }, g);
  el('rect', { x: 10, y: 5, width: 1.6, height: 3 }, g);
  el('circle', { cx: 3.5, cy: 4.5, r: 1.3, fill: '#fff' }, g);
}
function fkIcon(parent, x, y) {
  el('path', { class: 'icon-fk', d: `M${x},${y - 1} h8 M${x + 5},${y - 4} l3,3 l-3,3` }, parent);
}
function driftIcon(parent, x, y) {
  const g = el('g', { class: 'icon-drift', transform: `translate(${x},${y})` }, parent);
  el('path', { d: 'M7,0 L14,12 L0,12 Z', fill: '#ffd166' }, g);
  el('rect', { x: 6.2, y: 3.5, width: 1.6, height: 5, fill: '#1d2433' }, g);
  el('rect', { x: 6.2, y: 9.5, width: 1.6, height: 1.6, fill: '#1d2433' }, g);
  el('title', {}, g).textContent = 'differs from the migrations';
}

function boxHeight(t, badges) {
  const shown = Math.min(t.columns.length, MAX_COLUMNS_SHOWN);
  return HEAD + shown * LINE + (t.columns.length > shown ? LINE : 0) + 6 + (badges ? BADGE + 4 : 0);
}

/** Tables referenced by more than HUB_LIMIT other tables. */
export function hubs(tables) {
  const referrers = new Map();
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const target = targetKey(fk);
      if (target === tableKey(t)) continue;
      if (!referrers.has(target)) referrers.set(target, new Set());
      referrers.get(target).add(tableKey(t));
    }
  }
  return new Set([...referrers].filter(([, from]) => from.size > HUB_LIMIT).map(([k]) => k));
}

/** The table {@code focus} and every table up to {@code hops} foreign keys away, either way. */
export function neighbourhood(tables, focus, hops) {
  const links = new Map(tables.map(t => [tableKey(t), new Set()]));
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      if (!links.has(targetKey(fk))) continue;
      links.get(tableKey(t)).add(targetKey(fk));
      links.get(targetKey(fk)).add(tableKey(t));
    }
  }
  const seen = new Set([focus]);
  let frontier = [focus];
  for (let i = 0; i < hops; i++) {
    const next = [];
    for (const k of frontier) for (const n of links.get(k) || []) if (!seen.has(n)) { seen.add(n); next.push(n); }
    frontier = next;
  }
  return seen;
}

/**
 * Draws {@code relations}' tables into {@code container}. Options: onOpen(table), driftTables (a
 * Set of schema.table keys), focus (a schema.table key or null), hops. Returns {zoomIn, zoomOut,
 * fit, exportSvg, exportPng, done} where done is a promise of the layout's time in ms.
 */
export function renderDiagram(container, relations, { onOpen, driftTables = new Set(), focus = null, hops = 1 }) {
  container.replaceChildren();
  let tables = relations.filter(r => r.kind === 'TABLE');
  if (focus && tables.some(t => tableKey(t) === focus)) {
    const near = neighbourhood(tables, focus, hops);
    tables = tables.filter(t => near.has(tableKey(t)));
  } else {
    focus = null;
  }
  const hubSet = hubs(relations.filter(r => r.kind === 'TABLE'));
  const present = new Set(tables.map(tableKey));
  // edges: one per foreign key between two drawn tables, except into a hub when many tables are
  // drawn (and the hub is not the table in focus)
  const collapse = tables.length > 40;
  const edges = [];
  const badges = new Map();
  for (const t of tables) {
    for (const fk of t.foreignKeys) {
      const to = targetKey(fk);
      if (collapse && hubSet.has(to) && to !== focus && to !== tableKey(t)) {
        if (!badges.has(tableKey(t))) badges.set(tableKey(t), new Set());
        badges.get(tableKey(t)).add(fk.referencedSchema === 'public' ? fk.referencedTable : to);
        continue;
      }
      if (!present.has(to)) continue;
      edges.push({ id: 'e' + edges.length, from: tableKey(t), to, fk });
    }
  }
  const ids = new Map(tables.map((t, i) => [tableKey(t), 'n' + i]));
  const graph = {
    id: 'root',
    layoutOptions: {
      'elk.algorithm': 'layered',
      'elk.direction': 'RIGHT',
      'elk.edgeRouting': 'ORTHOGONAL',
      'elk.spacing.nodeNode': '24',
      'elk.layered.spacing.nodeNodeBetweenLayers': '48',
      'elk.spacing.edgeNode': '14',
      'elk.spacing.edgeEdge': '6',
      'elk.layered.spacing.edgeNodeBetweenLayers': '14',
      // effort 1 of 10: about three times faster than the default 7 on 300 tables, as readable
      'elk.layered.thoroughness': '1',
      'elk.layered.nodePlacement.strategy': 'BRANDES_KOEPF',
      // long chains are wrapped into rows (a 300-table chain is not 95,000 px wide)
      'elk.layered.wrapping.strategy': 'MULTI_EDGE',
      'elk.aspectRatio': '1.6',
      // one layered layout for all components: faster than packing each separately
      'elk.separateConnectedComponents': 'false',
    },
    children: tables.map(t => ({ id: ids.get(tableKey(t)), width: WIDTH, height: boxHeight(t, badges.has(tableKey(t))) })),
    edges: edges.map(e => ({ id: e.id, sources: [ids.get(e.from)], targets: [ids.get(e.to)] })),
  };

  const svg = el('svg', { role: 'img', 'aria-label': 'Entity-relationship diagram', xmlns: SVG }, container);
  el('style', {}, svg).textContent = STYLE;
  const defs = el('defs', {}, svg);
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' }, defs);
  el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8aa1c1' }, marker);
  const world = el('g', { class: 'world' }, svg);
  let bounds = { x: -20, y: -20, w: 800, h: 600 };
  let view = { ...bounds };
  const apply = () => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
  apply();

  const started = performance.now();
  const done = new window.ELK().layout(graph).then(laid => {
    const ms = performance.now() - started;
    const boxes = new Map(laid.children.map(n => [n.id, n]));
    const edgeLayer = el('g', { class: 'edges' }, world);
    for (const e of laid.edges) {
      const info = edges[Number(e.id.slice(1))];
      for (const s of e.sections || []) {
        const points = [s.startPoint, ...(s.bendPoints || []), s.endPoint];
        const path = el('path', {
          class: 'erd-edge', 'marker-end': 'url(#arrow)',
          d: 'M' + points.map(p => `${p.x},${p.y}`).join(' L'),
          'data-from': info.from, 'data-to': info.to,
        }, edgeLayer);
        el('title', {}, path).textContent = `${info.fk.name}: ${info.fk.columns.join(', ')} → ${info.fk.referencedTable}`;
      }
    }
    let maxX = 0, maxY = 0;
    for (const t of tables) {
      const n = boxes.get(ids.get(tableKey(t)));
      maxX = Math.max(maxX, n.x + n.width);
      maxY = Math.max(maxY, n.y + n.height);
      drawTable(world, t, n, {
        drift: driftTables.has(tableKey(t)), focus: tableKey(t) === focus,
        hubs: badges.get(tableKey(t)), hub: hubSet.has(tableKey(t)),
        onOpen: () => { if (!moved) onOpen(t); },
      });
    }
    bounds = { x: -20, y: -20, w: Math.max(maxX + 40, 400), h: Math.max(maxY + 40, 300) };
    view = { ...bounds };
    apply();
    svg.dataset.layoutMs = String(Math.round(ms));
    svg.dataset.laidOut = 'true';
    return ms;
  });

  // pan and zoom through the viewBox
  const zoom = (factor, cx = view.x + view.w / 2, cy = view.y + view.h / 2) => {
    view = { x: cx - (cx - view.x) * factor, y: cy - (cy - view.y) * factor, w: view.w * factor, h: view.h * factor };
    apply();
  };
  let drag = null, moved = false;
  svg.addEventListener('pointerdown', e => { drag = { x: e.clientX, y: e.clientY, view: { ...view } }; moved = false; });
  svg.addEventListener('pointermove', e => {
    if (!drag) return;
    const scale = view.w / svg.clientWidth;
    const dx = e.clientX - drag.x, dy = e.clientY - drag.y;
    if (Math.abs(dx) + Math.abs(dy) > 3) { moved = true; svg.classList.add('dragging'); }
    view = { ...drag.view, x: drag.view.x - dx * scale, y: drag.view.y - dy * scale };
    apply();
  });
  const end = () => { drag = null; svg.classList.remove('dragging'); };
  svg.addEventListener('pointerup', end);
  svg.addEventListener('pointerleave', end);
  svg.addEventListener('wheel', e => {
    e.preventDefault();
    const r = svg.getBoundingClientRect();
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, view.x + (e.clientX - r.left) / r.width * view.w, view.y + (e.clientY - r.top) / r.height * view.h);
  }, { passive: false });

  /** The whole diagram (not the zoomed view) as a standalone SVG document. */
  const svgText = () => {
    const copy = svg.cloneNode(true);
    copy.setAttribute('viewBox', `${bounds.x} ${bounds.y} ${bounds.w} ${bounds.h}`);
    copy.setAttribute('width', bounds.w);
    copy.setAttribute('height', bounds.h);
    el('rect', { x: bounds.x, y: bounds.y, width: bounds.w, height: bounds.h, fill: '#fff' }).remove();
    const background = el('rect', { x: bounds.x, y: bounds.y, width: bounds.w, height: bounds.h, fill: '#fff' });
    copy.insertBefore(background, copy.querySelector('.world'));
    return new XMLSerializer().serializeToString(copy);
  };
  const download = (href, name) => {
    const a = document.createElement('a');
    a.href = href;
    a.download = name;
    document.body.append(a);
    a.click();
    a.remove();
  };
  return {
    done,
    zoomIn: () => zoom(1 / 1.25),
    zoomOut: () => zoom(1.25),
    fit: () => { view = { ...bounds }; apply(); },
    svgText,
    exportSvg: () => download(URL.createObjectURL(new Blob([svgText()], { type: 'image/svg+xml' })), 'diagram.svg'),
    exportPng: () => new Promise((resolve, reject) => {
      const image = new Image();
      image.onload = () => {
        const scale = Math.min(2, 16000 / Math.max(bounds.w, bounds.h));
        const canvas = document.createElement('canvas');
        canvas.width = Math.ceil(bounds.w * scale);
        canvas.height = Math.ceil(bounds.h * scale);
        const g = canvas.getContext('2d');
        g.scale(scale, scale);
        g.drawImage(image, 0, 0);
        canvas.toBlob(blob => { download(URL.createObjectURL(blob), 'diagram.png'); resolve(blob.size); }, 'image/png');
      };
      image.onerror = reject;
      image.src = 'data:image/svg+xml;base64,' + btoa(unescape(encodeURIComponent(svgText())));
    }),
  };
}

function drawTable(world, t, n, { drift, focus, hubs: hubNames, hub, onOpen }) {
  const g = el('g', {
    class: 'erd-table' + (drift ? ' drift' : '') + (focus ? ' focus' : '') + (hub ? ' hub' : ''),
    transform: `translate(${n.x},${n.y})`, 'data-table': tableKey(t),
    'data-x': n.x, 'data-y': n.y, 'data-w': n.width, 'data-h': n.height,
  }, world);
  el('rect', { class: 'box', width: n.width, height: n.height, rx: 4 }, g);
  el('rect', { class: 'head', width: n.width, height: HEAD, rx: 4 }, g);
  el('text', { class: 'name', x: 8, y: 16 }, g).textContent = t.schema === 'public' ? t.name : tableKey(t);
  if (drift) driftIcon(g, n.width - 20, 6);
  const fkColumns = new Set(t.foreignKeys.flatMap(f => f.columns));
  t.columns.slice(0, MAX_COLUMNS_SHOWN).forEach((c, i) => {
    const y = HEAD + i * LINE + 13;
    const pk = t.primaryKey.includes(c.name);
    if (pk) keyIcon(g, 6, y);
    else if (fkColumns.has(c.name)) fkIcon(g, 6, y - 3);
    el('text', { class: 'col' + (pk ? ' pk' : ''), x: 22, y }, g).textContent = c.name;
    el('text', { class: 'type', x: n.width - 8, y, 'text-anchor': 'end' }, g).textContent =
      c.type.length > 18 ? c.type.slice(0, 17) + '…' : c.type;
  });
  if (t.columns.length > MAX_COLUMNS_SHOWN) {
    el('text', { class: 'type', x: 8, y: HEAD + MAX_COLUMNS_SHOWN * LINE + 13 }, g).textContent =
      `+ ${t.columns.length - MAX_COLUMNS_SHOWN} more columns`;
  }
  if (hubNames) {
    const text = '→ ' + [...hubNames].join(', ');
    const b = el('g', { class: 'hub-badge', transform: `translate(6,${n.height - BADGE - 4})` }, g);
    el('rect', { width: n.width - 12, height: BADGE, rx: 9 }, b);
    el('text', { x: 8, y: 13 }, b).textContent = text.length > 34 ? text.slice(0, 33) + '…' : text;
    el('title', {}, b).textContent = 'references ' + [...hubNames].join(', ') + ' (edges to tables referenced by more than ' + HUB_LIMIT + ' tables are not drawn)';
  }
  g.addEventListener('click', onOpen);
}
