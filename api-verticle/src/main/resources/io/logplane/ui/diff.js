// Line diff (longest common subsequence) laid out side by side, and RFC 6902 patch application
// for history items that carry a patch but not the whole object.
'use strict';
window.LP = window.LP || {};

(function (LP) {
  const MAX_CELLS = 4000000;

  /** Edit script from a to b: [{op: 'eq'|'del'|'add', a: index|null, b: index|null}]. */
  LP.diffLines = function (a, b) {
    // Common head and tail first: versions of an object differ in a few lines.
    let head = 0;
    while (head < a.length && head < b.length && a[head] === b[head]) head++;
    let tail = 0;
    while (tail < a.length - head && tail < b.length - head &&
      a[a.length - 1 - tail] === b[b.length - 1 - tail]) tail++;
    const ops = [];
    for (let i = 0; i < head; i++) ops.push({ op: 'eq', a: i, b: i });
    const n = a.length - head - tail;
    const m = b.length - head - tail;
    if ((n + 1) * (m + 1) > MAX_CELLS) {
      for (let i = 0; i < n; i++) ops.push({ op: 'del', a: head + i, b: null });
      for (let j = 0; j < m; j++) ops.push({ op: 'add', a: null, b: head + j });
    } else {
      // lcs[i][j] = LCS length of a[head+i..] and b[head+j..]
      const w = m + 1;
      const lcs = new Uint32Array((n + 1) * w);
      for (let i = n - 1; i >= 0; i--) {
        for (let j = m - 1; j >= 0; j--) {
          lcs[i * w + j] = a[head + i] === b[head + j] ? lcs[(i + 1) * w + j + 1] + 1
            : Math.max(lcs[(i + 1) * w + j], lcs[i * w + j + 1]);
        }
      }
      let i = 0;
      let j = 0;
      while (i < n || j < m) {
        if (i < n && j < m && a[head + i] === b[head + j]) {
          ops.push({ op: 'eq', a: head + i, b: head + j });
          i++; j++;
        } else if (j < m && (i === n || lcs[i * w + j + 1] >= lcs[(i + 1) * w + j])) {
          ops.push({ op: 'add', a: null, b: head + j });
          j++;
        } else {
          ops.push({ op: 'del', a: head + i, b: null });
          i++;
        }
      }
    }
    for (let k = tail; k > 0; k--) ops.push({ op: 'eq', a: a.length - k, b: b.length - k });
    return ops;
  };

  /**
   * Rows of a side-by-side view: {left, right} where each side is {n, text, kind} or null;
   * removed lines and added lines of one change are paired on the same rows.
   */
  LP.sideBySide = function (a, b) {
    const ops = LP.diffLines(a, b);
    const rows = [];
    let dels = [];
    let adds = [];
    function flush() {
      for (let k = 0; k < Math.max(dels.length, adds.length); k++) {
        rows.push({
          left: k < dels.length ? { n: dels[k] + 1, text: a[dels[k]], kind: 'del' } : null,
          right: k < adds.length ? { n: adds[k] + 1, text: b[adds[k]], kind: 'add' } : null,
        });
      }
      dels = [];
      adds = [];
    }
    for (const o of ops) {
      if (o.op === 'eq') {
        flush();
        rows.push({ left: { n: o.a + 1, text: a[o.a], kind: 'eq' }, right: { n: o.b + 1, text: b[o.b], kind: 'eq' } });
      } else if (o.op === 'del') {
        dels.push(o.a);
      } else {
        adds.push(o.b);
      }
    }
    flush();
    return rows;
  };

  function pointer(path) {
    if (path === '') return [];
    return path.split('/').slice(1).map((t) => t.replace(/~1/g, '/').replace(/~0/g, '~'));
  }
  function parentOf(doc, tokens) {
    let node = doc;
    for (const t of tokens.slice(0, -1)) {
      node = Array.isArray(node) ? node[Number(t)] : node[t];
      if (node === undefined || node === null) throw new Error('path not found');
    }
    return node;
  }
  function getAt(doc, tokens) {
    let node = doc;
    for (const t of tokens) node = Array.isArray(node) ? node[Number(t)] : node[t];
    return node;
  }

  /** Applies an RFC 6902 patch to a copy of doc. */
  LP.applyPatch = function (doc, patch) {
    let root = doc === null || doc === undefined ? {} : JSON.parse(JSON.stringify(doc));
    for (const op of patch || []) {
      const tokens = pointer(op.path || '');
      const set = (value) => {
        if (!tokens.length) { root = value; return; }
        const parent = parentOf(root, tokens);
        const last = tokens[tokens.length - 1];
        if (Array.isArray(parent)) {
          const i = last === '-' ? parent.length : Number(last);
          if (op.op === 'replace') parent[i] = value; else parent.splice(i, 0, value);
        } else {
          parent[last] = value;
        }
      };
      const remove = (toks) => {
        const parent = parentOf(root, toks);
        const last = toks[toks.length - 1];
        if (Array.isArray(parent)) parent.splice(Number(last), 1); else delete parent[last];
      };
      switch (op.op) {
        case 'add': case 'replace': set(JSON.parse(JSON.stringify(op.value))); break;
        case 'remove': remove(tokens); break;
        case 'copy': set(JSON.parse(JSON.stringify(getAt(root, pointer(op.from))))); break;
        case 'move': {
          const v = getAt(root, pointer(op.from));
          remove(pointer(op.from));
          set(v);
          break;
        }
        default: break; // 'test' changes nothing
      }
    }
    return root;
  };
})(window.LP);
