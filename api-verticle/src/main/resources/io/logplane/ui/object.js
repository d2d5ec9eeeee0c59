// The view of one object: its versions and rejected attempts, the selected version beside the
// previous one with the changed lines highlighted, and the JSON patch between them.
'use strict';
window.LP = window.LP || {};

(function (LP) {
  let ref = null;
  let versions = [];
  let selectedRv = null;
  let watch = null;

  function refFromUrl() {
    const q = new URLSearchParams(location.search);
    return { resource: q.get('resource') || '', group: q.get('group') || '', namespace: q.get('namespace') || '',
      name: q.get('name') || '', rv: q.get('rv') ? Number(q.get('rv')) : null };
  }

  /** Items with a patch but no object get it rebuilt from the previous accepted version. */
  function completeObjects(items) {
    let state = null;
    for (const v of items) {
      if (v.rejected) continue;
      if (v.object === null && v.patch && v.type !== 'DELETED') {
        try { v.object = LP.applyPatch(state, v.patch); } catch (e) { v.object = null; }
      }
      state = v.type === 'DELETED' ? null : v.object;
    }
  }

  function previousOf(index) {
    for (let j = index - 1; j >= 0; j--) {
      if (!versions[j].rejected) return versions[j].type === 'DELETED' ? null : versions[j];
    }
    return null;
  }

  function versionItem(v) {
    const href = LP.objectHref(ref, v.rv);
    const li = LP.el('li', {
      class: 'version type-' + (v.type || 'UNKNOWN').toLowerCase() + (v.rv === selectedRv ? ' selected' : ''),
      data: { rv: v.rv, type: v.type },
    },
    LP.el('a', { href: href, onclick: (ev) => { ev.preventDefault(); select(v.rv, true); } },
      LP.el('span', { class: 'badge' }, v.type || '?'),
      LP.el('span', { class: 'vrv' }, 'v' + v.rv),
      LP.el('span', { class: 'vtime' }, LP.formatTime(v.time)),
      LP.el('span', { class: 'vwho' }, v.actor + (v.verb ? ' · ' + v.verb : ''))),
    v.rejected ? LP.el('div', { class: 'reject-reason' },
      LP.el('b', {}, (v.code ? v.code + ' ' : '') + (v.reason || 'Rejected')), v.message ? ': ' + v.message : '') : null);
    return li;
  }

  function title(v, fallback) {
    if (!v) return fallback;
    return 'v' + v.rv + ' · ' + LP.formatTime(v.time) + ' · ' + v.actor + (v.verb ? ' (' + v.verb + ')' : '');
  }

  function lines(obj) {
    const managed = document.getElementById('show-managed').checked;
    return LP.yamlLines(managed ? obj : LP.withoutManagedFields(obj));
  }

  function cell(side, cls) {
    if (!side) return [LP.el('td', { class: 'num ' + cls + ' none' }), LP.el('td', { class: 'code ' + cls + ' none' })];
    return [LP.el('td', { class: 'num ' + cls + ' ' + side.kind }, String(side.n)),
      LP.el('td', { class: 'code ' + cls + ' ' + side.kind }, side.text)];
  }

  function renderPatch(patch) {
    const pre = document.getElementById('patch');
    LP.clear(pre);
    if (!patch || !patch.length) {
      pre.append(LP.el('span', { class: 'muted' }, patch ? '[] (no change)' : '(no patch recorded for this entry)'));
      return;
    }
    pre.append('[\n');
    patch.forEach((op, i) => {
      pre.append(LP.el('span', { class: 'op op-' + op.op }, '  ' + JSON.stringify(op) + (i < patch.length - 1 ? ',' : '')), '\n');
    });
    pre.append(']');
  }

  function render() {
    const index = versions.findIndex((v) => v.rv === selectedRv);
    const list = document.getElementById('versions');
    LP.clear(list);
    [...versions].reverse().forEach((v) => list.append(versionItem(v)));
    const diff = document.getElementById('diff');
    const rowsBody = document.getElementById('diff-rows');
    LP.clear(rowsBody);
    const verdict = document.getElementById('verdict');
    if (index < 0) {
      verdict.hidden = false;
      verdict.className = 'verdict';
      verdict.textContent = versions.length ? 'No version ' + selectedRv + ' of this object.' : 'This object has no history.';
      renderPatch(null);
      return;
    }
    const sel = versions[index];
    const prev = previousOf(index);
    const right = sel.type === 'DELETED' ? null : sel.object;
    verdict.hidden = !(sel.rejected || sel.type === 'DELETED');
    verdict.className = 'verdict ' + (sel.rejected ? 'rejected' : 'deleted');
    LP.clear(verdict);
    if (sel.rejected) {
      verdict.append(LP.el('b', {}, 'Rejected' + (sel.code ? ' (' + sel.code + (sel.reason ? ' ' + sel.reason : '') + ')' : '')),
        sel.message ? ': ' + sel.message : '', right ? '' : ' — the attempted object is not kept; the state stayed as on the left.');
    } else if (sel.type === 'DELETED') {
      verdict.append(LP.el('b', {}, 'Deleted'), ' by ' + sel.actor + ' at ' + LP.formatTime(sel.time));
    }
    document.getElementById('left-title').textContent = prev ? 'previous: ' + title(prev) : 'previous: (none — created here)';
    document.getElementById('right-title').textContent = (sel.rejected ? 'attempt: ' : 'selected: ') + title(sel)
      + (right ? '' : sel.rejected ? ' (no object)' : ' (deleted)');
    diff.dataset.leftRv = prev ? prev.rv : '';
    diff.dataset.rightRv = sel.rv;
    for (const r of LP.sideBySide(prev ? lines(prev.object) : [], right ? lines(right) : [])) {
      rowsBody.append(LP.el('tr', { class: 'row-' + (r.left ? r.left.kind : 'add') }, cell(r.left, 'l'), cell(r.right, 'r')));
    }
    renderPatch(sel.patch);
    const first = rowsBody.querySelector('.add, .del');
    document.body.dataset.changes = String(rowsBody.querySelectorAll('td.code.add, td.code.del').length);
    if (first && first.scrollIntoView && first.getBoundingClientRect().top > window.innerHeight) {
      first.scrollIntoView({ block: 'center' });
    }
  }

  function select(rv, push) {
    selectedRv = rv;
    if (push) history.pushState(null, '', LP.objectHref(ref, rv));
    render();
  }

  async function load() {
    const items = await LP.versions(ref);
    items.sort((x, y) => (x.rv || 0) - (y.rv || 0));
    completeObjects(items);
    versions = items;
    if (selectedRv === null || !versions.some((v) => v.rv === selectedRv)) {
      const wanted = refFromUrl().rv;
      selectedRv = wanted !== null ? wanted : versions.length ? versions[versions.length - 1].rv : null;
    }
    render();
    LP.setStatus(versions.length + ' versions and attempts');
  }

  /** A new version of this object reloads the list (a watch on just this name). */
  async function follow() {
    const path = await LP.collectionPath(ref.group, ref.resource, ref.namespace).catch(() => null);
    if (!path) { document.body.dataset.live = 'off'; return; }
    const rv = versions.reduce((m, v) => Math.max(m, v.rv || 0), 0);
    watch = LP.watch(path, rv || null, {
      fieldSelector: 'metadata.name=' + ref.name,
      onOpen: () => { document.body.dataset.live = 'watch'; LP.setLive('live: watching this object'); },
      onEvent: (type) => { if (type !== 'BOOKMARK' && type !== 'ERROR') load().catch(LP.showError); },
      onClose: () => { document.body.dataset.live = 'off'; },
    });
  }

  LP.stopObject = function () {
    if (watch) { watch.onclose = null; watch.close(); watch = null; }
  };

  LP.showObject = async function () {
    LP.stopObject();
    ref = refFromUrl();
    selectedRv = ref.rv;
    const where = ref.namespace ? ref.namespace + '/' : '';
    document.getElementById('object-title').textContent =
      ref.resource + (ref.group ? '.' + ref.group : '') + ' ' + where + ref.name;
    document.title = where + ref.name + ' — Logplane history';
    await load();
    document.body.dataset.state = 'ready';
    await follow();
  };

  LP.initObject = function () {
    document.getElementById('show-managed').addEventListener('change', render);
  };
})(window.LP);
