'use strict';
// Loads the bundled CLI with the V8 code cache made at build time (dist/main.cjs.v8cache, written by
// scripts/write-compile-cache.cjs), so Node skips parsing and compiling ~400 KB of JavaScript on every
// run: that work was a quarter of the cached path. The cache file starts with the SHA-256 of the bundle
// it was made from, and is used only for exactly those bytes: V8's own check compares the source's length
// alone, so an edited bundle of the same length would otherwise run the old code. A cache from another
// Node or V8 version is rejected by V8 itself. Either way the bundle is then compiled as usual.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

const HASH_BYTES = 32;

/** The cache file's first HASH_BYTES bytes: the SHA-256 of the bundle's bytes. */
function sourceHash(source) {
  return require('node:crypto').createHash('sha256').update(source).digest();
}

/** The code cache stored beside `file` if it was made from exactly `source`, else undefined. */
function matchingCache(file, source) {
  let stored;
  try {
    stored = fs.readFileSync(`${file}.v8cache`);
  } catch {
    return undefined;
  }
  if (stored.length <= HASH_BYTES || !stored.subarray(0, HASH_BYTES).equals(sourceHash(source)))
    return undefined;
  return stored.subarray(HASH_BYTES);
}

/**
 * The bundle as { script, source }, script compiled with the matching code cache when there is one (and
 * `useCache` is not false); undefined on a Node that cannot run cached code with import(). `filename`
 * names the script in stack traces (the file itself unless given).
 */
function compileBundle(file, { useCache = true, filename = file } = {}) {
  const importModuleDynamically = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!importModuleDynamically) return undefined;
  const source = fs.readFileSync(file);
  const script = new vm.Script(Module.wrap(source.toString('utf8')), {
    filename,
    cachedData: useCache ? matchingCache(file, source) : undefined,
    importModuleDynamically,
  });
  return { script, source };
}

/** Runs a compiled bundle as a CommonJS module and returns its exports. */
function runBundle(script, file) {
  // import() written here works; the bundle's own would not when its code comes from the cache.
  globalThis[Symbol.for('awst.importExternal')] = (specifier) => import(specifier);
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}

function loadBundle(file) {
  const compiled = compileBundle(file);
  if (!compiled) return require(file); // Node without USE_MAIN_CONTEXT_DEFAULT_LOADER: the plain, uncached way.
  return runBundle(compiled.script, file);
}

module.exports = { compileBundle, loadBundle, runBundle, sourceHash };
