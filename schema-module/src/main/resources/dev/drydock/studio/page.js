// Drydock studio: what every part of the page shares: the state, element helpers, the API client.

export const $ = id => document.getElementById(id);
export const state = {
  schema: null, relation: null, sort: null, dir: 'asc', filters: [],
  cursors: [[]], page: 0, next: null, rows: [], columns: [], editing: null, diagram: null,
};

export function h(tag, props = {}, ...children) {
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

export function message(text, kind = 'info') {
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
export const token = takeToken();

export async function api(path, body) {
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

export const qualified = r => r.schema + '.' + r.name;

export function foreignKeyOf(r, column) {
  return r.foreignKeys.find(fk => fk.columns.length === 1 && fk.columns[0] === column);
}

/** The key of a grid row, as the API takes it: {column: value} for each primary key column. */
export const rowKey = (r, row) => Object.fromEntries(r.primaryKey.map(k => [k, row[state.columns.indexOf(k)]]));

/** One value of a row, whole (the grid shows values cut at 2,000 characters). */
export async function wholeValue(r, row, column) {
  const p = new URLSearchParams({ schema: r.schema, table: r.name, column, key: JSON.stringify(rowKey(r, row)) });
  return (await api('value?' + p)).value;
}

