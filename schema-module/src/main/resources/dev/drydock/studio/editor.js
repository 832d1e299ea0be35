// Drydock studio: the row editor. Every field a textarea (newlines kept) or an enum's select, a
// NULL checkbox for nullable columns, and only the fields the user changed are sent.
import { $, state, h, message, api, qualified, foreignKeyOf, wholeValue } from './page.js';

let reload = () => {};

/** Wires the editor's buttons; {@code onSaved} reloads the grid after a write. */
export function initEditor(onSaved) {
  reload = onSaved;
  $('new-row').addEventListener('click', () => { state.editing = { values: null }; drawEditor(state.relation, null); });
  $('editor').addEventListener('submit', save);
  $('cancel').addEventListener('click', () => { $('editor').hidden = true; });
  $('delete').addEventListener('click', remove);
}


export async function edit(row, index) {
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
    reload();
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
    reload();
  } catch (err) {
    message(err.message, 'error');
  }
}

const keyOf = r => Object.fromEntries(r.primaryKey.map(k => [k, state.editing.values[k]]));
const versionOf = r => (r.versionColumn ? state.editing.values[r.versionColumn] : null);

