// Drydock studio: the page. Plain modern JavaScript, no build step, no external resources.
import { renderDiagram } from './diagram.js';

const $ = id => document.getElementById(id);
const state = {
  schema: null, relation: null, sort: null, dir: 'asc', filters: [],
  cursors: [[]], page: 0, next: null, rows: [], columns: [], editing: null, diagram: null,
};

function h(tag, props = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(props)) {
    if (k === 'class') node.className = v;
    else if (k.startsWith('on')) node.addEventListener(k.slice(2), v);
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (v !== undefined && v !== null && v !== false) node.setAttribute(k, v === true ? '' : v);
  }
  for (const c of children.flat()) if (c !== null && c !== undefined) node.append(c);
  return node;
}

function message(text, kind = 'info') {
  const m = $('message');
  m.textContent = text || '';
  m.className = text ? kind : '';
}

async function api(path, body) {
  const init = body === undefined ? {} : {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  const response = await fetch('/api/' + path, { credentials: 'same-origin', ...init });
  const data = await response.json().catch(() => ({ error: { message: response.statusText } }));
  if (!response.ok) {
    const error = new Error(data.error?.message || ('HTTP ' + response.status));
    error.kind = data.error?.kind;
    throw error;
  }
  return data;
}

function show(view) {
  for (const s of document.querySelectorAll('.view')) s.hidden = s.id !== 'view-' + view;
  for (const b of document.querySelectorAll('#tabs button')) b.classList.toggle('active', b.dataset.view === view);
  if (view === 'diagram') drawDiagram();
}

const qualified = r => r.schema + '.' + r.name;
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
  state.diagram = renderDiagram($('diagram'), visibleRelations(), { onOpen: r => openRelation(r) });
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
    Object.assign(state, { rows: page.rows, columns: page.columns, next: page.next });
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

function foreignKeyOf(r, column) {
  return r.foreignKeys.find(fk => fk.columns.length === 1 && fk.columns[0] === column);
}

function cell(r, column, value) {
  if (value === null) return h('td', { class: 'null' }, 'NULL');
  const c = r.columns.find(x => x.name === column);
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
    editable ? h('td', {}, h('button', { class: 'edit', onclick: () => edit(row) }, 'Edit')) : null,
    row.map((v, j) => cell(r, state.columns[j], v))));
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

// ---- editing ----

async function edit(row) {
  const r = state.relation;
  const values = Object.fromEntries(state.columns.map((c, i) => [c, row[i]]));
  state.editing = { values };
  await drawEditor(r, values);
}

async function drawEditor(r, values) {
  const creating = values === null;
  $('editor-title').textContent = (creating ? 'New row in ' : 'Edit row of ') + qualified(r);
  $('delete').hidden = creating;
  const fields = [];
  for (const c of r.columns) {
    const value = creating ? null : values[c.name];
    const locked = c.generated !== null || c.identity === 'ALWAYS' || c.name === r.versionColumn;
    let input;
    if (c.enumValues.length) {
      input = h('select', { name: c.name, disabled: locked },
        c.notNull ? null : h('option', { value: '\u0000null' }, 'NULL'),
        c.enumValues.map(v => h('option', { value: v }, v)));
      input.value = value === null ? (c.notNull ? c.enumValues[0] : '\u0000null') : value;
    } else if (c.type === 'jsonb' || c.type === 'json') {
      input = h('textarea', { name: c.name, disabled: locked });
      input.value = value ?? '';
    } else {
      input = h('input', { name: c.name, disabled: locked, placeholder: creating && c.defaultValue ? 'default: ' + c.defaultValue : (value === null ? 'NULL' : '') });
      input.value = value ?? '';
      const fk = foreignKeyOf(r, c.name);
      if (fk && !locked) {
        const list = h('datalist', { id: 'pick-' + c.name });
        input.setAttribute('list', list.id);
        fields.push(list);
        pickerOptions(fk, list);
      }
    }
    input.dataset.original = value === null ? '\u0000null' : value;
    const label = h('label', {}, h('span', {}, c.name + ' ', h('small', { class: 'hint' }, c.type + (c.notNull ? ' not null' : ''))), input);
    fields.push(label);
  }
  $('editor-fields').replaceChildren(...fields);
  $('editor').hidden = false;
  $('editor').scrollIntoView({ block: 'nearest' });
}

/** A foreign key's picker: the first rows of the referenced table. */
async function pickerOptions(fk, list) {
  const p = new URLSearchParams({ schema: fk.referencedSchema, table: fk.referencedTable, limit: 100 });
  try {
    const page = await api('rows?' + p);
    const i = page.columns.indexOf(fk.referencedColumns[0]);
    const label = page.columns.find((c, j) => j !== i && page.rows.some(row => row[j] && !/^\d+$/.test(row[j])));
    const j = page.columns.indexOf(label);
    list.replaceChildren(...page.rows.map(row => h('option', { value: row[i] }, j >= 0 ? row[j] : row[i])));
  } catch (e) { /* the field still takes a typed value */ }
}

/** The editor's values: NULL for an empty field; for an update only the changed ones. */
function editedValues(all) {
  const out = {};
  for (const input of $('editor-fields').querySelectorAll('[name]')) {
    if (input.disabled) continue;
    const v = input.value === '\u0000null' || input.value === '' ? null : input.value;
    const original = input.dataset.original === '\u0000null' ? null : input.dataset.original;
    if (all ? v !== null : v !== original) out[input.name] = v;
  }
  return out;
}

async function save(e) {
  e.preventDefault();
  const r = state.relation;
  try {
    if (!state.editing.values) {
      await api('insert', { schema: r.schema, table: r.name, values: editedValues(true) });
      message('Row inserted.');
    } else {
      const values = editedValues(false);
      if (!Object.keys(values).length) { message('Nothing changed.'); return; }
      await api('update', { schema: r.schema, table: r.name, key: keyOf(r), values, version: versionOf(r) });
      message('Saved.');
    }
    $('editor').hidden = true;
    loadPage();
  } catch (err) {
    message(err.message, 'error');
  }
}

async function remove() {
  const r = state.relation;
  if (!confirm('Delete this row of ' + qualified(r) + '?')) return;
  try {
    await api('delete', { schema: r.schema, table: r.name, key: keyOf(r), version: versionOf(r) });
    message('Row deleted.');
    $('editor').hidden = true;
    loadPage();
  } catch (err) {
    message(err.message, 'error');
  }
}

const keyOf = r => Object.fromEntries(r.primaryKey.map(k => [k, state.editing.values[k]]));
const versionOf = r => (r.versionColumn ? state.editing.values[r.versionColumn] : null);

// ---- structure and drift ----

function propsTable(title, head, rows) {
  if (!rows.length) return null;
  return [h('h3', {}, title), h('table', { class: 'props' },
    h('tr', {}, head.map(x => h('th', {}, x))),
    rows.map(r => h('tr', {}, r.map(v => h('td', {}, v ?? '')))))];
}

function drawStructure() {
  const r = state.relation;
  const obj = m => Object.entries(m).map(([k, v]) => k + ': ' + v).join('; ');
  $('view-structure').replaceChildren(h('h2', {}, qualified(r) + ' (' + r.kind.toLowerCase().replace('_', ' ') + ')'),
    r.comment ? h('p', {}, r.comment) : null,
    r.definition ? h('pre', {}, r.definition) : null,
    propsTable('Columns', ['name', 'type', 'not null', 'default', 'identity / generated', 'comment'],
      r.columns.map(c => [c.name, c.type + (c.enumValues.length ? ' (' + c.enumValues.join(', ') + ')' : ''), c.notNull ? 'yes' : '', c.defaultValue, c.identity || c.generated, c.comment])),
    propsTable('Primary key', ['columns'], r.primaryKey.length ? [[r.primaryKey.join(', ')]] : []),
    propsTable('Unique keys', ['name', 'definition'], r.uniqueKeys.map(k => [k.name, k.definition])),
    propsTable('Foreign keys', ['name', 'columns', 'references', 'on delete', 'on update'],
      r.foreignKeys.map(f => [f.name, f.columns.join(', '), f.referencedSchema + '.' + f.referencedTable + '(' + f.referencedColumns.join(', ') + ')', f.onDelete, f.onUpdate])),
    propsTable('Checks', ['name', 'definition'], r.checks.map(c => [c.name, c.definition])),
    propsTable('Indexes', ['name', 'properties'], r.indexes.map(i => [i.name, obj(i.properties)])),
    propsTable('Triggers', ['name', 'definition', 'enabled'], r.triggers.map(t => [t.name, t.definition, t.enabled])),
    propsTable('Policies', ['name', 'properties'], r.policies.map(p => [p.name, obj(p.properties)])));
}

async function drawDrift() {
  const d = await api('drift');
  const badge = $('drift-badge');
  if (!d.enabled) {
    $('view-drift').replaceChildren(h('p', {}, 'Start the studio with --migrations DIR to compare the database with its migrations.'));
    return;
  }
  badge.hidden = false;
  badge.textContent = d.drift ? d.differences.length + ' differences from the migrations' : 'in step with the migrations';
  badge.className = 'badge ' + (d.drift ? 'drift' : 'clean');
  $('view-drift').replaceChildren(h('h2', {}, d.drift ? 'Drift from ' + d.expected : 'No drift from ' + d.expected),
    propsTable('Differences', ['change', 'kind', 'object', 'attribute', 'migrations', 'database'],
      d.differences.map(x => [x.change, x.kind, x.object, x.attribute, x.expected, x.actual])));
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
  $('new-row').addEventListener('click', () => { state.editing = { values: null }; drawEditor(state.relation, null); });
  $('editor').addEventListener('submit', save);
  $('cancel').addEventListener('click', () => { $('editor').hidden = true; });
  $('delete').addEventListener('click', remove);
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
  drawSidebar();
  show('diagram');
  drawDrift().catch(e => message(e.message, 'error'));
  document.body.dataset.ready = 'true';
}

start();
