// Small rendering helpers: DOM building (data goes in as text nodes only), times, and a
// YAML-like rendering of objects whose lines are what the diff compares.
'use strict';
window.LP = window.LP || {};

(function (LP) {
  /** el('td', {class: 'x', data: {k: v}}, child, 'text', ...) */
  LP.el = function (tag, attrs, ...children) {
    const e = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      if (v === undefined || v === null || v === false) continue;
      if (k === 'data') {
        for (const [dk, dv] of Object.entries(v)) if (dv !== undefined && dv !== null) e.dataset[dk] = String(dv);
      } else if (k === 'class') {
        e.className = v;
      } else if (k.startsWith('on')) {
        e.addEventListener(k.slice(2), v);
      } else {
        e.setAttribute(k, v === true ? '' : String(v));
      }
    }
    for (const c of children.flat()) {
      if (c === undefined || c === null || c === false) continue;
      e.append(c instanceof Node ? c : document.createTextNode(String(c)));
    }
    return e;
  };

  LP.clear = function (node) {
    while (node.firstChild) node.removeChild(node.firstChild);
  };

  /** A Date from epoch milliseconds or an RFC 3339 string, or null. */
  LP.date = function (t) {
    if (t === undefined || t === null || t === '') return null;
    const d = typeof t === 'number' || /^\d+$/.test(String(t)) ? new Date(Number(t)) : new Date(t);
    return isNaN(d.getTime()) ? null : d;
  };

  function pad(n, w) {
    return String(n).padStart(w || 2, '0');
  }
  /** Local time as YYYY-MM-DD HH:MM:SS.mmm (the log is ordered to the millisecond). */
  LP.formatTime = function (t) {
    const d = LP.date(t);
    if (!d) return '';
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + ' ' +
      pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds()) + '.' + pad(d.getMilliseconds(), 3);
  };
  /** For <input type=datetime-local>: local YYYY-MM-DDTHH:MM:SS. */
  LP.toLocalInput = function (rfc3339) {
    const d = LP.date(rfc3339);
    if (!d) return '';
    return d.getFullYear() + '-' + pad(d.getMonth() + 1) + '-' + pad(d.getDate()) + 'T' +
      pad(d.getHours()) + ':' + pad(d.getMinutes()) + ':' + pad(d.getSeconds());
  };
  LP.fromLocalInput = function (v) {
    const d = v ? new Date(v) : null;
    return d && !isNaN(d.getTime()) ? d.toISOString().replace(/\.000Z$/, 'Z') : '';
  };

  const PLAIN = /^[A-Za-z0-9_./@-][A-Za-z0-9 _./@:+-]*$/;
  const AMBIGUOUS = /^(true|false|null|yes|no|on|off|~|[-+]?(\d[\d_]*)?\.?\d+([eE][-+]?\d+)?|0x[0-9a-fA-F]+)$/i;

  function scalar(v) {
    if (v === null) return 'null';
    if (typeof v === 'string') {
      if (v === '' || !PLAIN.test(v) || AMBIGUOUS.test(v) || / $/.test(v) || /: /.test(v) || / #/.test(v)) {
        return JSON.stringify(v);
      }
      return v;
    }
    return String(v);
  }
  function isEmptyContainer(v) {
    return v !== null && typeof v === 'object' && Object.keys(v).length === 0;
  }

  /** The object as YAML-like lines (block style, keys in the server's order). */
  LP.yamlLines = function (value) {
    const out = [];
    function emit(v, indent, prefix) {
      const sp = ' '.repeat(indent);
      if (v !== null && typeof v === 'object' && !isEmptyContainer(v)) {
        if (Array.isArray(v)) {
          if (prefix !== null) out.push(sp + prefix);
          for (const item of v) {
            if (item !== null && typeof item === 'object' && !isEmptyContainer(item) && !Array.isArray(item)) {
              const start = out.length;
              emit(item, indent + 2, null);
              // Put the first key on the dash line, as YAML writers do.
              out[start] = sp + '- ' + out[start].slice(indent + 2);
            } else if (Array.isArray(item) && item.length) {
              out.push(sp + '-');
              emit(item, indent + 2, null);
            } else {
              out.push(sp + '- ' + (isEmptyContainer(item) ? (Array.isArray(item) ? '[]' : '{}') : scalar(item)));
            }
          }
        } else {
          if (prefix !== null) out.push(sp + prefix);
          const inner = prefix !== null ? indent + 2 : indent;
          for (const [k, child] of Object.entries(v)) {
            const key = scalar(k) + ':';
            const isp = ' '.repeat(inner);
            if (child !== null && typeof child === 'object' && !isEmptyContainer(child)) {
              if (Array.isArray(child)) {
                out.push(isp + key);
                emit(child, inner, null);
              } else {
                emit(child, inner, key);
              }
            } else if (typeof child === 'string' && child.includes('\n')) {
              out.push(isp + key + ' |');
              for (const line of child.replace(/\n$/, '').split('\n')) out.push(isp + '  ' + line);
            } else {
              out.push(isp + key + ' ' + (isEmptyContainer(child) ? (Array.isArray(child) ? '[]' : '{}') : scalar(child)));
            }
          }
        }
      } else {
        const s = isEmptyContainer(v) ? (Array.isArray(v) ? '[]' : '{}') : scalar(v);
        out.push(sp + (prefix !== null ? prefix + ' ' : '') + s);
      }
    }
    if (value === null || value === undefined) return [];
    emit(value, 0, null);
    return out;
  };

  /** A copy without metadata.managedFields (noise in a diff unless asked for). */
  LP.withoutManagedFields = function (obj) {
    if (!obj || typeof obj !== 'object' || !obj.metadata || !obj.metadata.managedFields) return obj;
    const copy = Object.assign({}, obj, { metadata: Object.assign({}, obj.metadata) });
    delete copy.metadata.managedFields;
    return copy;
  };
})(window.LP);
