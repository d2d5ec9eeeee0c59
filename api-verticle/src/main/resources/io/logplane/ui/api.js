// Talking to the API server: the token, fetch with it, discovery, WebSocket watches, and the
// shapes of the history API's items (read tolerantly: the page must not break on an added field).
'use strict';
window.LP = window.LP || {};

(function (LP) {
  const TOKEN_KEY = 'logplane.token';
  const HISTORY = '/apis/history.logplane.io/v1';

  /** Takes the token from the URL fragment (#token=...) into sessionStorage, then hides it. */
  LP.adoptFragmentToken = function () {
    const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
    const token = fragment.get('token');
    if (token) {
      sessionStorage.setItem(TOKEN_KEY, token);
      fragment.delete('token');
      const rest = fragment.toString();
      history.replaceState(history.state, '', location.pathname + location.search + (rest ? '#' + rest : ''));
    }
  };
  LP.token = () => sessionStorage.getItem(TOKEN_KEY);
  LP.setToken = (t) => sessionStorage.setItem(TOKEN_KEY, t);
  LP.clearToken = () => sessionStorage.removeItem(TOKEN_KEY);

  /** An API error that keeps the HTTP code and the Status message. */
  class ApiError extends Error {
    constructor(code, message) {
      super(message);
      this.code = code;
    }
  }
  LP.ApiError = ApiError;

  /** GET a JSON document with the user's token. */
  LP.get = async function (path) {
    const response = await fetch(path, {
      headers: { 'Authorization': 'Bearer ' + (LP.token() || ''), 'Accept': 'application/json' },
      cache: 'no-store',
      credentials: 'omit',
    });
    const text = await response.text();
    let body = null;
    try { body = text ? JSON.parse(text) : null; } catch (e) { body = null; }
    if (!response.ok) {
      const message = body && body.message ? body.message : (text || response.statusText);
      throw new ApiError(response.status, response.status + ' ' + message);
    }
    return body;
  };

  /** A field selector value: kube escapes backslash, comma and equals signs. */
  function escapeSelector(v) {
    return String(v).replace(/\\/g, '\\\\').replace(/,/g, '\\,').replace(/=/g, '\\=');
  }
  LP.fieldSelector = function (pairs) {
    return Object.entries(pairs).filter(([, v]) => v !== undefined && v !== null && v !== '')
      .map(([k, v]) => k + '=' + escapeSelector(v)).join(',');
  };

  /**
   * The newest audit events matching filters {user, verb, resource, namespace, name, outcome,
   * since, until, limit}, newest first. The list is served oldest first in pages: follow the
   * continue tokens to the end keeping the newest, and return where the last page started
   * (resume) so that a refresh reads only from there on.
   */
  LP.auditEvents = async function (f, resume) {
    const q = new URLSearchParams();
    const selector = LP.fieldSelector({ user: f.user, verb: f.verb, resource: f.resource,
      namespace: f.namespace, name: f.name, outcome: f.outcome });
    if (selector) q.set('fieldSelector', selector);
    if (f.since) q.set('since', f.since);
    if (f.until) q.set('until', f.until);
    const keep = Number(f.limit) || 200;
    q.set('limit', String(Math.max(keep, 500)));
    let token = resume || null;
    let start = token;
    let rv = null;
    let items = [];
    for (let pages = 0; pages < 10000; pages++) {
      if (token) q.set('continue', token); else q.delete('continue');
      const list = await LP.get(HISTORY + '/auditevents?' + q);
      const meta = list.metadata || {};
      rv = meta.resourceVersion || rv;
      items = items.concat((list.items || []).map(LP.audit));
      if (items.length > keep) items = items.slice(items.length - keep);
      if (!meta.continue) break;
      token = meta.continue;
      start = token;
    }
    items.sort((x, y) => (y.offset || 0) - (x.offset || 0));
    return { rv: rv, items: items, resume: start };
  };

  /** The versions (and rejected attempts) of one object, oldest first. */
  LP.versions = async function (ref) {
    const q = new URLSearchParams();
    // target.group is always sent: empty names the core group, as in kube's field selectors.
    q.set('fieldSelector', LP.fieldSelector({ 'target.resource': ref.resource, 'target.name': ref.name }) +
      ',target.group=' + escapeSelector(ref.group || ''));
    const base = ref.namespace ? HISTORY + '/namespaces/' + encodeURIComponent(ref.namespace) : HISTORY;
    let items = [];
    let token = null;
    for (let pages = 0; pages < 1000; pages++) {
      if (token) q.set('continue', token);
      const list = await LP.get(base + '/versions?' + q);
      items = items.concat((list.items || []).map(LP.version));
      token = (list.metadata || {}).continue;
      if (!token) break;
    }
    return items;
  };

  function num(v) {
    const n = Number(v);
    return Number.isFinite(n) ? n : null;
  }
  function first(...vs) {
    for (const v of vs) if (v !== undefined && v !== null && v !== '') return v;
    return undefined;
  }
  function userName(u) {
    return u && typeof u === 'object' ? u.username : u;
  }

  /** One audit event, whatever the exact field names. */
  LP.audit = function (it) {
    const ref = it.objectRef || it.target || {};
    // The verdict is an object {accepted, code, reason, message}; older shapes had it flat.
    const status = it.outcome && typeof it.outcome === 'object' ? it.outcome : (it.responseStatus || {});
    const accepted = first(it.accepted, status.accepted,
      typeof it.outcome === 'string' ? it.outcome === 'accepted' : undefined,
      status.code !== undefined ? status.code < 400 : undefined);
    return {
      id: (it.metadata || {}).name,
      offset: num(first(it.offset, it.resourceVersion, (it.metadata || {}).resourceVersion)),
      time: first(it.time, it.requestReceivedTimestamp, it.stageTimestamp),
      user: userName(first(it.user, it.actor)) || '',
      verb: it.verb || '',
      resource: ref.resource || '',
      group: first(ref.group, ref.apiGroup) || '',
      namespace: ref.namespace || '',
      name: ref.name || '',
      code: num(first(it.code, status.code)),
      accepted: accepted === undefined ? true : !!accepted,
      reason: first(it.reason, status.reason) || '',
      message: first(it.message, status.message) || '',
    };
  };

  /** One version of an object or a rejected attempt on it. */
  LP.version = function (it) {
    const type = String(first(it.type, '')).toUpperCase();
    const status = it.outcome && typeof it.outcome === 'object' ? it.outcome : {};
    const outcome = typeof it.outcome === 'string' ? it.outcome : type === 'REJECTED' ? 'rejected' : 'accepted';
    return {
      rv: num(first(it.resourceVersion, it.offset, (it.metadata || {}).resourceVersion)),
      time: it.time,
      actor: userName(first(it.actor, it.user)) || '',
      verb: it.verb || '',
      type: type,
      rejected: type === 'REJECTED' || outcome === 'rejected' || it.accepted === false,
      reason: first(it.reason, status.reason) || '',
      message: first(it.message, status.message) || '',
      code: num(first(it.code, status.code)),
      summary: it.summary || '',
      patch: it.patch === undefined ? null : it.patch,
      object: it.object === undefined ? null : it.object,
    };
  };

  let groupVersions = null;
  /** group name -> preferred version, from discovery (one request, cached). */
  LP.groupVersion = async function (group) {
    if (!group) return 'v1';
    if (!groupVersions) {
      const list = await LP.get('/apis');
      groupVersions = {};
      for (const g of list.groups || []) {
        groupVersions[g.name] = (g.preferredVersion || (g.versions || [])[0] || {}).version;
      }
    }
    return groupVersions[group] || null;
  };

  /** The collection URL of a resource, cluster-wide or in one namespace. */
  LP.collectionPath = async function (group, resource, namespace) {
    const version = await LP.groupVersion(group);
    if (!version) return null;
    const base = group ? '/apis/' + group + '/' + version : '/api/v1';
    return base + (namespace ? '/namespaces/' + encodeURIComponent(namespace) : '') + '/' + resource;
  };

  /** The subprotocol a browser offers to carry its token, as kube-apiserver reads it. */
  function bearerProtocol(token) {
    const bytes = new TextEncoder().encode(token);
    let bin = '';
    bytes.forEach((b) => { bin += String.fromCharCode(b); });
    return 'base64url.bearer.authorization.k8s.io.' +
      btoa(bin).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
  }
  LP.WATCH_PROTOCOL = 'watch.logplane.io';

  /**
   * Opens a watch over a WebSocket (browsers cannot set headers on one, so the token goes in the
   * bearer subprotocol next to a plain one the server echoes). Calls onEvent(type, object) per
   * message; onOpen/onClose(opened) report the connection. Returns the socket.
   */
  LP.watch = function (path, resourceVersion, handlers) {
    const q = new URLSearchParams({ watch: '1', allowWatchBookmarks: 'true' });
    if (resourceVersion) q.set('resourceVersion', String(resourceVersion));
    if (handlers.fieldSelector) q.set('fieldSelector', handlers.fieldSelector);
    const url = (location.protocol === 'https:' ? 'wss://' : 'ws://') + location.host + path + '?' + q;
    const ws = new WebSocket(url, [bearerProtocol(LP.token() || ''), LP.WATCH_PROTOCOL]);
    let opened = false;
    ws.onopen = () => { opened = true; handlers.onOpen && handlers.onOpen(); };
    ws.onmessage = (m) => {
      let e;
      try { e = JSON.parse(m.data); } catch (err) { return; }
      handlers.onEvent && handlers.onEvent(e.type, e.object || {});
    };
    ws.onclose = () => { handlers.onClose && handlers.onClose(opened); };
    return ws;
  };
})(window.LP);
