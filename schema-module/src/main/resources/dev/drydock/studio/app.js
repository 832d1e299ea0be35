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

// The token: from the address's fragment (#token=..., never sent over the network) into this tab's
// sessionStorage, which belongs to this origin (scheme, host and port) only. No cookie: browsers
// send cookies to every port of a host, so other local servers would get it.
const TOKEN_KEY = 'drydock-studio-token';
function takeToken() {
  const fromAddress = new URLSearchParams(location.hash.slice(1)).get('token')
    || new URLSearchParams(location.search).get('token');
  if (fromAddress) {
    sessionStorage.setItem(TOKEN_KEY, fromAddress);
    history.replaceState(null, '', location.pathname);
  }
  return sessionStorage.getItem(TOKEN_KEY);
}
const token = takeToken();

async function api(path, body) {
  const headers = { Authorization: 'Bearer ' + token };
  const init = body === undefined ? { headers } : {
    method: 'POST', headers: { ...headers, 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  };
  const response = await fetch('/api/' + path, { credentials: 'omit', ...init });
  const data = await response.clone().json()
    .catch(async () => ({ error: { message: (await response.text()).trim() || response.statusText } }));
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

function foreignKeyOf(r, column) {
  return r.foreignKeys.find(fk => fk.columns.length === 1 && fk.columns[0] === column);
}

/** The key of a grid row, as the API takes it: {column: value} for each primary key column. */
const rowKey = (r, row) => Object.fromEntries(r.primaryKey.map(k => [k, row[state.columns.indexOf(k)]]));

async function wholeValue(r, row, column) {
  const p = new URLSearchParams({ schema: r.schema, table: r.name, column, key: JSON.stringify(rowKey(r, row)) });
  return (await api('value?' + p)).value;
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

// ---- editing ----

async function edit(row, index) {
  const r = state.relation;
  const values = Object.fromEntries(state.columns.map((c, i) => [c, row[i]]));
  const clipped = new Set(state.columns.filter((c, j) => state.clipped.has(index + ':' + j)));
  state.editing = { values, row, clipped };
  await drawEditor(r, values, clipped);
}

/**
 * One field of the editor: a textarea (it keeps newlines) or an enum's select, and for a nullable
 * column a NULL checkbox, so that NULL and the empty string are told apart. A field knows what it
 * showed at first: only fields the user changed are sent.
 */
function field(r, c, value, creating, clipped) {
  const locked = c.generated !== null || c.identity === 'ALWAYS' || c.name === r.versionColumn;
  let input;
  if (c.enumValues.length) {
    input = h('select', { name: c.name, disabled: locked }, c.enumValues.map(v => h('option', { value: v }, v)));
    input.value = value ?? c.enumValues[0];
  } else {
    const lines = value === null ? 1 : Math.min(12, value.split('\n').length);
    input = h('textarea', {
      name: c.name, disabled: locked, rows: Math.max(1, lines),
      placeholder: creating && c.defaultValue ? 'default: ' + c.defaultValue : '',
    });
    input.value = value ?? '';
    const fk = foreignKeyOf(r, c.name);
    if (fk && !locked) input.dataset.pick = 'true';
  }
  const nullBox = c.notNull || locked ? null
    : h('input', { type: 'checkbox', class: 'null-toggle', 'data-column': c.name, title: 'NULL' });
  if (nullBox) {
    nullBox.checked = !creating && value === null;
    input.disabled = nullBox.checked;
    nullBox.addEventListener('change', () => { input.disabled = nullBox.checked; });
  }
  const before = { text: input.value, isNull: nullBox ? nullBox.checked : false };
  const wrap = h('span', { class: 'field' }, input,
    nullBox ? h('label', { class: 'null-label' }, nullBox, 'NULL') : null);
  if (clipped) {
    input.disabled = true;
    if (nullBox) nullBox.disabled = true;
    const load = h('button', { type: 'button', class: 'load-whole' }, 'Load the whole value to edit it');
    load.addEventListener('click', async () => {
      try {
        input.value = await wholeValue(r, state.editing.row, c.name);
        before.text = input.value;
        input.disabled = false;
        if (nullBox) nullBox.disabled = false;
        load.remove();
      } catch (e) { message(e.message, 'error'); }
    });
    wrap.append(load);
  }
  const label = h('label', { class: 'editor-field', dataset: { column: c.name } },
    h('span', {}, c.name + ' ', h('small', { class: 'hint' }, c.type + (c.notNull ? ' not null' : ''))), wrap);
  const read = () => {
    if (locked || (clipped && input.disabled && !(nullBox && nullBox.checked))) return undefined;
    const isNull = nullBox ? nullBox.checked : false;
    const changed = isNull !== before.isNull || (!isNull && input.value !== before.text);
    if (creating) {
      if (isNull) return { value: null };
      return input.value !== '' || c.enumValues.length ? { value: input.value } : undefined;
    }
    return changed ? { value: isNull ? null : input.value } : undefined;
  };
  return { label, read, input, fk: foreignKeyOf(r, c.name), locked };
}

async function drawEditor(r, values, clipped = new Set()) {
  const creating = values === null;
  $('editor-title').textContent = (creating ? 'New row in ' : 'Edit row of ') + qualified(r);
  $('delete').hidden = creating;
  state.fields = r.columns.map(c => field(r, c, creating ? null : values[c.name], creating, clipped.has(c.name)));
  const nodes = [];
  for (const f of state.fields) {
    nodes.push(f.label);
    if (f.fk && !f.locked && f.input.tagName === 'TEXTAREA') pickerOptions(f.fk, f.input);
  }
  $('editor-fields').replaceChildren(...nodes);
  $('editor').hidden = false;
  $('editor').scrollIntoView({ block: 'nearest' });
}

/** A foreign key's picker: the first rows of the referenced table, under the field. */
async function pickerOptions(fk, input) {
  const p = new URLSearchParams({ schema: fk.referencedSchema, table: fk.referencedTable, limit: 100 });
  try {
    const page = await api('rows?' + p);
    const i = page.columns.indexOf(fk.referencedColumns[0]);
    const label = page.columns.find((c, j) => j !== i && page.rows.some(row => row[j] && !/^\d+$/.test(row[j])));
    const j = page.columns.indexOf(label);
    const pick = h('select', { class: 'picker', title: 'pick a referenced row' },
      h('option', { value: '' }, 'pick…'),
      page.rows.map(row => h('option', { value: row[i] }, row[i] + (j >= 0 ? ' — ' + row[j] : ''))));
    pick.addEventListener('change', () => { if (pick.value) input.value = pick.value; });
    input.parentNode.append(pick);
  } catch (e) { /* the field still takes a typed value */ }
}

/** The editor's values: for an update only those the user changed; NULL only when ticked. */
function editedValues() {
  const out = {};
  for (const f of state.fields) {
    const v = f.read();
    if (v !== undefined) out[f.input.name] = v.value;
  }
  return out;
}

async function save(e) {
  e.preventDefault();
  const r = state.relation;
  try {
    if (!state.editing.values) {
      await api('insert', { schema: r.schema, table: r.name, values: editedValues() });
      message('Row inserted.');
    } else {
      const values = editedValues();
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
  $('new-row').addEventListener('click', () => { state.editing = { values: null }; drawEditor(state.relation, null); });
  if (!token) {
    message('Open the address with the token that `drydock studio` printed (it ends in #token=...).', 'error');
    return;
  }
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
  $('diagram-tables').replaceChildren(...state.schema.relations.filter(r => r.kind === 'TABLE').map(r => h('option', { value: qualified(r) })));
  drawSidebar();
  await drawDrift().catch(e => message(e.message, 'error'));
  show('diagram');
  document.body.dataset.ready = 'true';
}

start();
