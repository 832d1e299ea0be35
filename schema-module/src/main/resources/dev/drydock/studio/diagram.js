// The ER diagram: tables as boxes laid out in layers by foreign-key depth (a table is placed right
// of every table it references), long layers wrapped into several columns, foreign keys as curves.
// Pan by dragging, zoom with the wheel or the buttons, click a table to open it.

const SVG = 'http://www.w3.org/2000/svg';
const WIDTH = 230, HEAD = 24, LINE = 16, MAX_COLUMNS_SHOWN = 12, GAP_X = 90, GAP_Y = 28;

function el(name, attrs = {}, parent) {
  const node = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) node.setAttribute(k, v);
  if (parent) parent.appendChild(node);
  return node;
}

function key(schema, name) { return schema + '.' + name; }

/** Longest path of foreign keys from each table to a table that references nothing. */
function depths(tables) {
  const byKey = new Map(tables.map(t => [key(t.schema, t.name), t]));
  const depth = new Map();
  const visiting = new Set();
  const visit = t => {
    const k = key(t.schema, t.name);
    if (depth.has(k)) return depth.get(k);
    if (visiting.has(k)) return 0; // a cycle: break it here
    visiting.add(k);
    let d = 0;
    for (const fk of t.foreignKeys) {
      const target = byKey.get(key(fk.referencedSchema, fk.referencedTable));
      if (target && target !== t) d = Math.max(d, visit(target) + 1);
    }
    visiting.delete(k);
    depth.set(k, d);
    return d;
  };
  tables.forEach(visit);
  return depth;
}

function boxHeight(t) {
  const shown = Math.min(t.columns.length, MAX_COLUMNS_SHOWN);
  return HEAD + shown * LINE + (t.columns.length > shown ? LINE : 0) + 6;
}

/** Positions {x, y, h} per table key. */
export function layout(tables) {
  const depth = depths(tables);
  const layers = [];
  for (const t of tables) {
    const d = depth.get(key(t.schema, t.name));
    (layers[d] ||= []).push(t);
  }
  const total = tables.reduce((s, t) => s + boxHeight(t) + GAP_Y, 0);
  // aim for a roughly 16:10 picture: wrap a layer when it gets taller than this
  const maxHeight = Math.max(600, Math.sqrt(total * (WIDTH + GAP_X) * 0.8));
  const pos = new Map();
  let x = 0;
  for (const layer of layers) {
    if (!layer) continue;
    layer.sort((a, b) => key(a.schema, a.name).localeCompare(key(b.schema, b.name)));
    let y = 0;
    for (const t of layer) {
      const h = boxHeight(t);
      if (y > 0 && y + h > maxHeight) { x += WIDTH + GAP_X / 2; y = 0; }
      pos.set(key(t.schema, t.name), { x, y, h });
      y += h + GAP_Y;
    }
    x += WIDTH + GAP_X;
  }
  return pos;
}

export function renderDiagram(container, relations, { onOpen }) {
  container.replaceChildren();
  const tables = relations.filter(r => r.kind === 'TABLE');
  const svg = el('svg', { role: 'img', 'aria-label': 'Entity-relationship diagram' }, container);
  const world = el('g', { class: 'world' }, svg);
  const edges = el('g', {}, world);
  const pos = layout(tables);

  const columnY = (t, column) => {
    const i = t.columns.findIndex(c => c.name === column);
    return HEAD + (i >= 0 && i < MAX_COLUMNS_SHOWN ? i * LINE + LINE / 2 + 3 : HEAD / 2 - HEAD);
  };
  for (const t of tables) {
    const from = pos.get(key(t.schema, t.name));
    for (const fk of t.foreignKeys) {
      const to = pos.get(key(fk.referencedSchema, fk.referencedTable));
      if (!to) continue;
      const y1 = from.y + columnY(t, fk.columns[0]);
      const y2 = to.y + HEAD / 2;
      let d;
      if (to === from) {
        const x = from.x + WIDTH;
        d = `M${x},${y1} C${x + 40},${y1} ${x + 40},${y2} ${x},${y2}`;
      } else {
        const leftToRight = to.x > from.x;
        const x1 = leftToRight ? from.x + WIDTH : from.x;
        const x2 = leftToRight ? to.x : to.x + WIDTH;
        const bend = Math.max(40, Math.abs(x2 - x1) / 2) * (leftToRight ? 1 : -1);
        d = `M${x1},${y1} C${x1 + bend},${y1} ${x2 - bend},${y2} ${x2},${y2}`;
      }
      const path = el('path', { class: 'erd-edge', d, 'marker-end': 'url(#arrow)' }, edges);
      el('title', {}, path).textContent = `${fk.name}: ${fk.columns.join(', ')} → ${fk.referencedTable}`;
    }
  }
  const defs = el('defs', {}, svg);
  const marker = el('marker', { id: 'arrow', viewBox: '0 0 10 10', refX: 9, refY: 5, markerWidth: 6, markerHeight: 6, orient: 'auto-start-reverse' }, defs);
  el('path', { d: 'M0,0 L10,5 L0,10 z', fill: '#8aa1c1' }, marker);

  for (const t of tables) {
    const p = pos.get(key(t.schema, t.name));
    const g = el('g', { class: 'erd-table', transform: `translate(${p.x},${p.y})`, 'data-table': key(t.schema, t.name) }, world);
    el('rect', { class: 'box', width: WIDTH, height: p.h, rx: 4 }, g);
    el('rect', { class: 'head', width: WIDTH, height: HEAD, rx: 4 }, g);
    el('text', { class: 'name', x: 8, y: 16 }, g).textContent = t.schema === 'public' ? t.name : key(t.schema, t.name);
    const fkColumns = new Set(t.foreignKeys.flatMap(f => f.columns));
    t.columns.slice(0, MAX_COLUMNS_SHOWN).forEach((c, i) => {
      const y = HEAD + i * LINE + 13;
      const pk = t.primaryKey.includes(c.name);
      el('text', { class: 'col' + (pk ? ' pk' : ''), x: 8, y }, g).textContent =
        (pk ? '🔑 ' : fkColumns.has(c.name) ? '↗ ' : '') + c.name;
      el('text', { class: 'type', x: WIDTH - 8, y, 'text-anchor': 'end' }, g).textContent =
        c.type.length > 18 ? c.type.slice(0, 17) + '…' : c.type;
    });
    if (t.columns.length > MAX_COLUMNS_SHOWN) {
      el('text', { class: 'type', x: 8, y: HEAD + MAX_COLUMNS_SHOWN * LINE + 13 }, g).textContent =
        `+ ${t.columns.length - MAX_COLUMNS_SHOWN} more columns`;
    }
    g.addEventListener('click', () => { if (!moved) onOpen(t); });
  }

  // pan and zoom through the viewBox
  let bounds = { x: -20, y: -20, w: 800, h: 600 };
  if (pos.size) {
    const xs = [...pos.values()];
    const maxX = Math.max(...xs.map(p => p.x + WIDTH)), maxY = Math.max(...xs.map(p => p.y + p.h));
    bounds = { x: -20, y: -20, w: maxX + 40, h: maxY + 40 };
  }
  let view = { ...bounds };
  const apply = () => svg.setAttribute('viewBox', `${view.x} ${view.y} ${view.w} ${view.h}`);
  const zoom = (factor, cx = view.x + view.w / 2, cy = view.y + view.h / 2) => {
    view = { x: cx - (cx - view.x) * factor, y: cy - (cy - view.y) * factor, w: view.w * factor, h: view.h * factor };
    apply();
  };
  apply();
  let drag = null, moved = false;
  svg.addEventListener('pointerdown', e => {
    drag = { x: e.clientX, y: e.clientY, view: { ...view } };
    moved = false;
  });
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
    const cx = view.x + (e.clientX - r.left) / r.width * view.w;
    const cy = view.y + (e.clientY - r.top) / r.height * view.h;
    zoom(e.deltaY > 0 ? 1.15 : 1 / 1.15, cx, cy);
  }, { passive: false });
  return {
    zoomIn: () => zoom(1 / 1.25),
    zoomOut: () => zoom(1.25),
    fit: () => { view = { ...bounds }; apply(); },
  };
}
