// Drydock studio: the page. Plain modern JavaScript, no build step, no external resources.
import { $, state, h, message, api, token, qualified, foreignKeyOf, wholeValue } from './page.js';
import { initEditor, edit } from './editor.js';
import { renderDiagram } from './diagram.js';

function show(view) {
  for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== 'view-' + view;
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.view === view);
  if (view === 'diagram') drawDiagram();
}

const visibleRelations = () => {
  const s = $('schema-filter').value;
  return state.schema.relations.filter(r => !s || r.schema === s);
};

function drawSidebar() {
  const list = $('tables');
  list.replaceChildren(...visibleRelations().map(r => h('li', {},
    h('button', {
      class: 'table-link' + (state.relation === r ? ' active' : ''), dataset: { name: qualified(r) },
      onclick: () => openRelation(r),
    }, r.schema === 'public' ? r.name : qualified(r),
    r.kind === 'TABLE' ? null : h('span', { class: 'kind' }, r.kind === 'VIEW' ? 'view' : 'mat. view')))));
}

function drawDiagram() {
  const driftTables = new Set((state.drift?.differences || []).filter(x => x.table).map(x => x.schema + '.' + x.table));
  const focus = state.focus || null;
  const diagram = renderDiagram($('diagram'), visibleRelations(), {
    onOpen: r => openRelation(r), driftTables, focus, hops: Number($('diagram-hops').value),
  });
  state.diagram = diagram;
  diagram.done.then(ms => {
    if (state.diagram !== diagram) return;
    const shown = $('diagram').querySelectorAll('g.erd-table').length;
    $('diagram-info').textContent = shown + ' tables' + (focus ? ' around ' + focus : '') + ', laid out in ' + Math.round(ms) + ' ms';
  }, e => message('The diagram could not be laid out: ' + e.message, 'error'));
}

function focusOn(name) {
  const r = state.schema.relations.find(x => qualified(x) === name || (x.schema === 'public' && x.name === name));
  state.focus = r ? qualified(r) : null;
  drawDiagram();
}

// ---- rows ----

function openRelation(r, filters = []) {
  Object.assign(state, { relation: r, sort: null, dir: 'asc', filters, cursors: [[]], page: 0 });
  $('rows-title').textContent = qualified(r) + (r.comment ? ' — ' + r.comment : '');
  $('filter-column').replaceChildren(...r.columns.map(c => h('option', { value: c.name }, c.name)));
  $('new-row').hidden = !(state.schema.write && r.kind === 'TABLE' && r.primaryKey.length);
  $('editor').hidden = true;
  message('');
  drawSidebar();
  drawStructure();
  show('rows');
  loadPage();
}

function query(extra = {}) {
  const p = new URLSearchParams({ schema: state.relation.schema, table: state.relation.name, ...extra });
  if (state.filters.length) p.set('filters', JSON.stringify(state.filters));
  return p;
}

async function loadPage() {
  const r = state.relation;
  const p = query({ limit: $('page-size').value });
  if (state.sort) { p.set('sort', state.sort); p.set('dir', state.dir); }
  const after = state.cursors[state.page];
  if (after.length) p.set('after', JSON.stringify(after));
  try {
    const page = await api('rows?' + p);
    if (r !== state.relation) return; // another table was opened meanwhile
    const clipped = new Set(page.clipped.map(c => c.row + ':' + c.column));
    Object.assign(state, { rows: page.rows, columns: page.columns, next: page.next, clipped });
    drawGrid();
    $('page-number').textContent = 'page ' + (state.page + 1);
    $('next-page').disabled = !page.next;
    $('prev-page').disabled = state.page === 0;
    const count = await api('count?' + query());
    $('row-count').textContent = (count.estimated ? '≈ ' : '') + count.value.toLocaleString('en') + ' rows';
  } catch (e) {
    message(e.message, 'error');
  }
  drawFilters();
}




async function showWhole(r, row, column) {
  try {
    const value = await wholeValue(r, row, column);
    const area = h('textarea', { readonly: true, class: 'whole' });
    area.value = value;
    const dialog = h('dialog', { id: 'whole-value' },
      h('h3', {}, column + ' (' + value.length.toLocaleString('en') + ' characters)'), area,
      h('form', { method: 'dialog' }, h('button', {}, 'Close')));
    dialog.addEventListener('close', () => dialog.remove());
    document.body.append(dialog);
    dialog.showModal();
  } catch (e) {
    message(e.message, 'error');
  }
}

function cell(r, column, value, clipped, row) {
  if (value === null) return h('td', { class: 'null' }, 'NULL');
  const c = r.columns.find(x => x.name === column);
  if (clipped) {
    return h('td', { class: 'clipped' }, h('span', {}, value.slice(0, 200) + '…'),
      r.primaryKey.length && r.kind === 'TABLE'
        ? h('button', { class: 'more', title: 'the value is longer: show all of it', onclick: () => showWhole(r, row, column) }, 'whole value')
        : null);
  }
  const fk = c && foreignKeyOf(r, column);
  if (fk) {
    const target = state.schema.relations.find(x => x.schema === fk.referencedSchema && x.name === fk.referencedTable);
    if (target) {
      return h('td', {}, h('a', {
        href: '#', class: 'fk-link', title: 'open ' + qualified(target),
        onclick: e => { e.preventDefault(); openRelation(target, [{ column: fk.referencedColumns[0], op: 'eq', value }]); },
      }, value));
    }
  }
  if (c && (c.type === 'jsonb' || c.type === 'json')) return h('td', {}, h('pre', {}, value));
  return h('td', {}, value);
}

function drawGrid() {
  const r = state.relation;
  const editable = state.schema.write && r.kind === 'TABLE' && r.primaryKey.length > 0;
  const head = h('tr', {}, editable ? h('th', {}) : null, state.columns.map(name =>
    h('th', { dataset: { column: name }, onclick: () => sortBy(name) },
      name + (state.sort === name ? (state.dir === 'asc' ? ' ▲' : ' ▼') : ''))));
  const body = state.rows.map((row, i) => h('tr', { dataset: { row: i } },
    editable ? h('td', {}, h('button', { class: 'edit', onclick: () => edit(row, i) }, 'Edit')) : null,
    row.map((v, j) => cell(r, state.columns[j], v, state.clipped.has(i + ':' + j), row))));
  $('grid').replaceChildren(h('thead', {}, head), h('tbody', {}, body));
}

function sortBy(column) {
  if (state.relation.kind !== 'TABLE') return;
  if (state.sort === column) state.dir = state.dir === 'asc' ? 'desc' : 'asc';
  else Object.assign(state, { sort: column, dir: 'asc' });
  Object.assign(state, { cursors: [[]], page: 0 });
  loadPage();
}

function drawFilters() {
  $('filters').replaceChildren(...state.filters.map((f, i) => h('span', { class: 'chip' },
    `${f.column} ${$('filter-op').querySelector(`option[value="${f.op}"]`).textContent} ${f.value ?? ''}`,
    h('button', { title: 'remove', onclick: () => { state.filters.splice(i, 1); restart(); } }, '×'))));
}

function restart() {
  Object.assign(state, { cursors: [[]], page: 0 });
  loadPage();
}

// ---- structure and drift ----

/** A titled table of properties as a section element, or null when there is nothing to show. */
function propsTable(title, head, rows, part = title.toLowerCase().replace(/ /g, '-')) {
  if (!rows.length) return null;
  return h('section', { class: 'part', dataset: { part } }, h('h3', {}, title), h('table', { class: 'props' },
    h('thead', {}, h('tr', {}, head.map(x => h('th', {}, x)))),
    h('tbody', {}, rows.map(r => h('tr', {}, r.map(v => h('td', {}, v ?? '')))))));
}

function drawStructure() {
  const r = state.relation;
  const obj = m => Object.entries(m).map(([k, v]) => k + ': ' + v).join('; ');
  const parts = [
    h('h2', {}, qualified(r) + ' (' + r.kind.toLowerCase().replace('_', ' ') + ')'),
    r.comment ? h('p', { class: 'comment' }, r.comment) : null,
    r.definition ? h('pre', {}, r.definition) : null,
    propsTable('Columns', ['name', 'type', 'not null', 'default', 'identity / generated', 'comment'],
      r.columns.map(c => [c.name, c.type + (c.enumValues.length ? ' (' + c.enumValues.join(', ') + ')' : ''), c.notNull ? 'yes' : '', c.defaultValue, c.identity || c.generated, c.comment])),
    propsTable('Primary key', ['position', 'column'], r.primaryKey.map((c, i) => [String(i + 1), c])),
    propsTable('Unique keys', ['name', 'columns', 'definition'], r.uniqueKeys.map(k => [k.name, k.columns.join(', '), k.definition])),
    propsTable('Foreign keys', ['name', 'columns', 'references', 'on delete', 'on update'],
      r.foreignKeys.map(f => [f.name, f.columns.join(', '), f.referencedSchema + '.' + f.referencedTable + ' (' + f.referencedColumns.join(', ') + ')', f.onDelete, f.onUpdate])),
    propsTable('Checks', ['name', 'definition'], r.checks.map(c => [c.name, c.definition])),
    propsTable('Indexes', ['name', 'properties'], r.indexes.map(i => [i.name, obj(i.properties)])),
    propsTable('Triggers', ['name', 'definition', 'enabled'], r.triggers.map(t => [t.name, t.definition, t.enabled])),
    propsTable('Policies', ['name', 'properties'], r.policies.map(p => [p.name, obj(p.properties)])),
    propsTable('Drift', ['change', 'kind', 'object', 'attribute', 'migrations', 'database'],
      driftOf(r).map(x => [x.change, x.kind, x.object, x.attribute, x.expected, x.actual])),
  ];
  $('view-structure').replaceChildren(...parts.filter(p => p !== null));
}

const driftOf = r => (state.drift?.differences || []).filter(x => x.schema === r.schema && x.table === r.name);

async function drawDrift() {
  const d = await api('drift');
  state.drift = d;
  const badge = $('drift-badge');
  if (!d.enabled) {
    $('view-drift').replaceChildren(h('p', {}, 'Start the studio with --migrations DIR to compare the database with its migrations.'));
    return;
  }
  badge.hidden = false;
  badge.textContent = d.drift ? d.differences.length + (d.differences.length === 1 ? ' difference' : ' differences') + ' from the migrations' : 'in step with the migrations';
  badge.className = 'badge ' + (d.drift ? 'drift' : 'clean');
  $('view-drift').replaceChildren(...[h('h2', {}, d.drift ? 'Drift from ' + d.expected : 'No drift from ' + d.expected),
    propsTable('Differences', ['change', 'kind', 'object', 'attribute', 'migrations', 'database'],
      d.differences.map(x => [x.change, x.kind, x.object, x.attribute, x.expected, x.actual]))].filter(p => p !== null));
  if (state.relation) drawStructure();
}

// ---- start ----

async function start() {
  for (const b of document.querySelectorAll('#tabs button')) {
    b.addEventListener('click', () => {
      if (b.dataset.view !== 'diagram' && b.dataset.view !== 'drift' && !state.relation) return;
      show(b.dataset.view);
    });
  }
  $('schema-filter').addEventListener('change', () => { drawSidebar(); drawDiagram(); });
  $('zoom-in').addEventListener('click', () => state.diagram?.zoomIn());
  $('zoom-out').addEventListener('click', () => state.diagram?.zoomOut());
  $('zoom-fit').addEventListener('click', () => state.diagram?.fit());
  $('diagram-search').addEventListener('change', () => focusOn($('diagram-search').value.trim()));
  $('diagram-hops').addEventListener('change', drawDiagram);
  $('diagram-all').addEventListener('click', () => { $('diagram-search').value = ''; focusOn(''); });
  $('export-svg').addEventListener('click', () => state.diagram?.exportSvg());
  $('export-png').addEventListener('click', () => state.diagram?.exportPng());
  $('filter-op').addEventListener('change', () => { $('filter-value').disabled = $('filter-op').value.endsWith('null'); });
  $('filter-add').addEventListener('click', () => {
    const op = $('filter-op').value;
    state.filters.push({ column: $('filter-column').value, op, value: op.endsWith('null') ? null : $('filter-value').value });
    restart();
  });
  $('next-page').addEventListener('click', () => {
    if (!state.next) return;
    state.cursors[state.page + 1] = state.next;
    state.page++;
    loadPage();
  });
  $('prev-page').addEventListener('click', () => { if (state.page > 0) { state.page--; loadPage(); } });
  $('first-page').addEventListener('click', restart);
  $('page-size').addEventListener('change', restart);
  initEditor(loadPage);
  if (!token) {
    message('Open the address with the token that `drydock studio` printed (it ends in #token=...).', 'error');
    return;
  }
  try {
    state.schema = await api('schema');
  } catch (e) {
    message(e.message, 'error');
    return;
  }
  $('database').textContent = state.schema.database;
  $('mode').textContent = state.schema.write ? 'read-write' : 'read-only';
  $('mode').classList.toggle('write', state.schema.write);
  $('schema-filter').append(...state.schema.schemas.map(s => h('option', { value: s }, s)));
  $('diagram-tables').replaceChildren(...state.schema.relations.filter(r => r.kind === 'TABLE').map(r => h('option', { value: qualified(r) })));
  drawSidebar();
  await drawDrift().catch(e => message(e.message, 'error'));
  show('diagram');
  document.body.dataset.ready = 'true';
}

start();
