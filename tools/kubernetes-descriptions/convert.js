#!/usr/bin/env node
// Converts the doc comments of the npm package kubernetes-types (TypeScript definitions
// generated from the Kubernetes OpenAPI document, Apache-2.0) into the descriptions resource
// of io.logplane.api.openapi. See README.md next to this file for the steps.
//
// Usage: node convert.js <unpacked kubernetes-types package dir> <output .json.gz>
'use strict';
const fs = require('fs');
const path = require('path');
const zlib = require('zlib');

// Package file (without .d.ts) -> Kubernetes schema name prefix. Only GA versions are kept.
function prefixOf(file) {
  if (file === 'runtime') return 'io.k8s.apimachinery.pkg.runtime.';
  if (file === 'api/resource') return 'io.k8s.apimachinery.pkg.api.resource.';
  const m = /^([a-z]+)\/(v\d+)$/.exec(file);
  if (!m) return null;
  if (m[1] === 'meta') return `io.k8s.apimachinery.pkg.apis.meta.${m[2]}.`;
  if (m[1] === 'apiextensions') return `io.k8s.apiextensions-apiserver.pkg.apis.apiextensions.${m[2]}.`;
  return `io.k8s.api.${m[1]}.${m[2]}.`;
}

// A doc comment's text: the lines of the OpenAPI description, joined as they were.
function commentText(lines) {
  const body = lines.join('\n').replace(/^\s*\/\*\*\s?/, '').replace(/\s*\*\/\s*$/, '');
  return body.split('\n').map(l => l.replace(/^\s*\* ?/, '')).join('\n').trim();
}

function parse(text, prefix, out) {
  const lines = text.split('\n');
  let doc = null;
  let type = null;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    const indent = /^ */.exec(line)[0].length;
    if (/^\s*\/\*\*/.test(line) && (indent === 0 || indent === 4)) {
      const comment = [line];
      while (!/\*\/\s*$/.test(lines[i])) comment.push(lines[++i]);
      doc = commentText(comment);
      continue;
    }
    let m;
    if (indent === 0 && (m = /^export (?:interface|type) (\w+)/.exec(line))) {
      type = /^export interface/.test(line) ? prefix + m[1] : null;
      const entry = out[prefix + m[1]] = out[prefix + m[1]] || {};
      if (doc) entry[''] = doc;
    } else if (indent === 4 && type && (m = /^ {4}([A-Za-z$_][\w$-]*)\??:/.exec(line))) {
      if (doc) out[type][m[1]] = doc;
    } else if (line === '}') {
      type = null;
    }
    if (indent <= 4) doc = null;
  }
}

const [dir, target] = process.argv.slice(2);
const out = {};
const walk = d => fs.readdirSync(d, { withFileTypes: true }).forEach(e => {
  const p = path.join(d, e.name);
  if (e.isDirectory()) return walk(p);
  if (!e.name.endsWith('.d.ts')) return;
  const prefix = prefixOf(path.relative(dir, p).replace(/\.d\.ts$/, '').split(path.sep).join('/'));
  if (prefix) parse(fs.readFileSync(p, 'utf8'), prefix, out);
});
walk(dir);
const sorted = {};
Object.keys(out).sort().forEach(k => {
  const fields = {};
  Object.keys(out[k]).sort().forEach(f => { fields[f] = out[k][f]; });
  if (Object.keys(fields).length) sorted[k] = fields;
});
const json = JSON.stringify(sorted, null, 1) + '\n';
fs.writeFileSync(target, target.endsWith('.gz') ? zlib.gzipSync(json, { level: 9 }) : json);
console.log(`${Object.keys(sorted).length} types, ${json.length} bytes of JSON`);
