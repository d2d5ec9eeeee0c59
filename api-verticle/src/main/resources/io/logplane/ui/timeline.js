// The timeline: audit entries newest first, filtered as the audit query is, kept live by
// WebSocket watches on the resources shown (any change re-reads the entries) and by polling
// when no watch can be opened.
'use strict';
window.LP = window.LP || {};

(function (LP) {
  const FILTERS = ['user', 'verb', 'resource', 'namespace', 'name', 'outcome', 'since', 'until', 'limit'];
  const POLL_MILLIS = 2000;
  // Rejected attempts and kinds not shown yet cause no watch event: a slow poll catches them.
  const BACKGROUND_POLL_MILLIS = 10000;
  const MAX_WATCHES = 8;

  let filters = {};
  let shown = new Map();
  let watches = new Map();
  let pollTimer = null;
  let refreshTimer = null;
  let lastRv = null;
  let resume = null;
  let generation = 0;

  LP.filtersFromUrl = function () {
    const q = new URLSearchParams(location.search);
    const f = {};
    for (const k of FILTERS) if (q.get(k)) f[k] = q.get(k);
    return f;
  };

  function fillForm(f) {
    const form = document.getElementById('filters');
    for (const k of FILTERS) {
      const input = form.elements[k];
      const v = f[k] || (k === 'limit' ? '200' : '');
      input.value = k === 'since' || k === 'until' ? LP.toLocalInput(v) : v;
    }
  }

  function readForm() {
    const form = document.getElementById('filters');
    const f = {};
    for (const k of FILTERS) {
      let v = form.elements[k].value.trim();
      if (k === 'since' || k === 'until') v = LP.fromLocalInput(v);
      if (k === 'limit' && v === '200') v = '';
      if (v) f[k] = v;
    }
    return f;
  }

  /** The view of one object, for the entry's link. */
  LP.objectHref = function (e, rv) {
    const q = new URLSearchParams({ view: 'object', resource: e.resource, group: e.group || '',
      namespace: e.namespace || '', name: e.name });
    if (rv) q.set('rv', rv);
    return '?' + q;
  };

  function row(e, isNew) {
    const outcome = e.accepted
      ? LP.el('span', { class: 'ok' }, String(e.code || 'accepted'))
      : LP.el('span', { class: 'rejected' },
        LP.el('b', {}, (e.code ? e.code + ' ' : '') + (e.reason || 'rejected')), e.message ? ' ' + e.message : '');
    const linkable = e.resource && e.name;
    const name = linkable ? LP.el('a', { href: LP.objectHref(e, e.offset) }, e.name) : e.name;
    const tr = LP.el('tr', {
      class: 'entry' + (e.accepted ? '' : ' rejected-row') + (isNew ? ' new' : ''),
      data: { offset: e.offset, user: e.user, verb: e.verb, resource: e.resource, group: e.group,
        namespace: e.namespace, name: e.name, outcome: e.accepted ? 'accepted' : 'rejected' },
    },
    LP.el('td', { class: 'time' }, LP.formatTime(e.time)),
    LP.el('td', {}, e.user),
    LP.el('td', {}, LP.el('span', { class: 'verb verb-' + e.verb }, e.verb)),
    LP.el('td', {}, e.resource + (e.group ? '.' + e.group : '')),
    LP.el('td', {}, e.namespace),
    LP.el('td', {}, name),
    LP.el('td', { class: 'outcome' }, outcome),
    LP.el('td', { class: 'rv' }, e.offset === null ? '' : String(e.offset)));
    if (linkable) {
      tr.classList.add('clickable');
      tr.addEventListener('click', (ev) => {
        if (ev.target.tagName !== 'A') LP.navigate(LP.objectHref(e, e.offset));
      });
    }
    return tr;
  }

  function fillDatalists(items) {
    const sets = { user: new Set(), resource: new Set(), namespace: new Set() };
    for (const e of items) {
      if (e.user) sets.user.add(e.user);
      if (e.resource) sets.resource.add(e.resource);
      if (e.namespace) sets.namespace.add(e.namespace);
    }
    for (const [k, set] of Object.entries(sets)) {
      const dl = document.getElementById('dl-' + k);
      LP.clear(dl);
      [...set].sort().forEach((v) => dl.append(LP.el('option', { value: v })));
    }
  }

  function render(items, previous) {
    const body = document.getElementById('entries');
    LP.clear(body);
    items.sort((x, y) => (y.offset || 0) - (x.offset || 0));
    const rows = items.map((e) => row(e, previous !== null && !previous.has(e.offset)));
    body.append(...rows);
    document.getElementById('empty').hidden = items.length > 0;
    fillDatalists(items);
    shown = new Map(items.map((e) => [e.offset, e]));
  }

  async function load(live) {
    const mine = generation;
    const result = await LP.auditEvents(filters, live ? resume : null);
    if (mine !== generation) return;
    const rv = result.rv;
    let items = result.items;
    if (live) {
      // A refresh reads from where the last page started: merge it into what is shown.
      const merged = new Map(shown);
      for (const e of items) merged.set(e.offset, e);
      items = [...merged.values()].sort((x, y) => (y.offset || 0) - (x.offset || 0))
        .slice(0, Number(filters.limit) || 200);
    }
    resume = result.resume;
    render(items, live ? shown : null);
    const max = items.reduce((m, e) => Math.max(m, e.offset || 0), 0);
    const listRv = Number(rv) || 0;
    lastRv = Math.max(lastRv || 0, listRv, max) || null;
    LP.setStatus(items.length + ' entries' + (live ? ', updated ' + LP.formatTime(Date.now()).slice(11, 19) : ''));
  }

  // New entries may show new resources: the watches follow what is shown.
  function refresh() {
    return load(true).then(syncWatches).catch(LP.showError);
  }

  function scheduleRefresh() {
    clearTimeout(refreshTimer);
    refreshTimer = setTimeout(refresh, 150);
  }

  function setLive() {
    const open = [...watches.values()].filter((w) => w.open).length;
    const mode = filters.until ? 'off' : open > 0 ? 'watch' : 'poll';
    document.body.dataset.live = mode;
    document.body.dataset.watches = String(open);
    LP.setLive(mode === 'watch' ? 'live: watching ' + open + ' resource' + (open === 1 ? '' : 's')
      : mode === 'poll' ? 'live: polling every ' + POLL_MILLIS / 1000 + ' s' : 'fixed time range');
    clearInterval(pollTimer);
    pollTimer = null;
    if (mode !== 'off') {
      pollTimer = setInterval(refresh, mode === 'watch' ? BACKGROUND_POLL_MILLIS : POLL_MILLIS);
    }
  }

  /** Watches each (group, resource) shown, from the newest version seen. */
  async function syncWatches() {
    const mine = generation;
    const wanted = new Map();
    if (filters.resource) wanted.set('|' + filters.resource, { group: '', resource: filters.resource });
    for (const e of shown.values()) {
      if (!e.resource || wanted.size >= MAX_WATCHES) continue;
      if (filters.resource && e.resource === filters.resource) wanted.delete('|' + filters.resource);
      wanted.set(e.group + '|' + e.resource, { group: e.group, resource: e.resource });
    }
    for (const [key, w] of watches) {
      if (!wanted.has(key)) { w.closing = true; w.ws.close(); watches.delete(key); }
    }
    for (const [key, target] of wanted) {
      if (watches.has(key)) continue;
      const path = await LP.collectionPath(target.group, target.resource, filters.namespace).catch(() => null);
      if (mine !== generation || !path) continue;
      openWatch(key, path);
    }
    setLive();
  }

  function openWatch(key, path) {
    const w = { open: false, closing: false, failures: 0, ws: null };
    const connect = () => {
      w.ws = LP.watch(path, lastRv, {
        onOpen: () => { w.open = true; w.failures = 0; setLive(); },
        onEvent: (type, object) => {
          const rv = Number((object.metadata || {}).resourceVersion);
          if (rv) lastRv = Math.max(lastRv || 0, rv);
          if (type !== 'BOOKMARK' && type !== 'ERROR') {
            document.body.dataset.watchEvents = String(Number(document.body.dataset.watchEvents || 0) + 1);
            scheduleRefresh();
          }
        },
        onClose: (opened) => {
          w.open = false;
          if (w.closing) return;
          w.failures = opened ? 0 : w.failures + 1;
          setLive();
          // A watch ends at its timeout; reconnect, and give up after repeated refusals (polling then).
          if (w.failures < 3) setTimeout(connect, 1000 * (w.failures + 1));
        },
      });
    };
    watches.set(key, w);
    connect();
  }

  function stop() {
    generation++;
    for (const w of watches.values()) { w.closing = true; w.ws.close(); }
    watches = new Map();
    clearInterval(pollTimer);
    pollTimer = null;
  }
  LP.stopTimeline = stop;

  LP.showTimeline = async function () {
    stop();
    filters = LP.filtersFromUrl();
    fillForm(filters);
    shown = new Map();
    lastRv = null;
    resume = null;
    await load(false);
    document.body.dataset.state = 'ready';
    await syncWatches();
  };

  LP.initTimeline = function () {
    document.getElementById('filters').addEventListener('submit', (ev) => {
      ev.preventDefault();
      const q = new URLSearchParams(readForm());
      LP.navigate('?' + q);
    });
    document.getElementById('clear-filters').addEventListener('click', () => LP.navigate('./'));
  };
})(window.LP);
