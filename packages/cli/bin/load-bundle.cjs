'use strict';
// Loads the bundled CLI with the V8 code cache made at build time (dist/main.cjs.v8cache), so Node skips
// parsing and compiling ~400 KB of JavaScript on every run: that work was a quarter of the cached path.
// A cache from another Node or V8 version is rejected by V8 itself, and the bundle is compiled as usual.
const fs = require('node:fs');
const path = require('node:path');
const Module = require('node:module');
const vm = require('node:vm');

/** The bundle as a vm.Script, with the code cache when there is one; undefined on a Node that cannot. */
function compileBundle(file) {
  const importModuleDynamically = vm.constants?.USE_MAIN_CONTEXT_DEFAULT_LOADER;
  if (!importModuleDynamically) return undefined;
  let cachedData;
  try {
    cachedData = fs.readFileSync(`${file}.v8cache`);
  } catch {}
  return new vm.Script(Module.wrap(fs.readFileSync(file, 'utf8')), {
    filename: file,
    cachedData,
    importModuleDynamically,
  });
}

function loadBundle(file) {
  const script = compileBundle(file);
  if (!script) return require(file); // Node without USE_MAIN_CONTEXT_DEFAULT_LOADER: the plain, uncached way.
  // The build runs one cached command with this set, so the cache also holds the functions it compiled.
  const writeCacheTo = process.env.AWST_WRITE_COMPILE_CACHE;
  if (writeCacheTo) process.once('exit', () => fs.writeFileSync(writeCacheTo, script.createCachedData()));
  // import() written here works; the bundle's own would not when its code comes from the cache.
  globalThis[Symbol.for('awst.importExternal')] = (specifier) => import(specifier);
  const module = { exports: {}, filename: file, id: file, loaded: false };
  script.runInThisContext()(module.exports, Module.createRequire(file), module, file, path.dirname(file));
  module.loaded = true;
  return module.exports;
}

module.exports = { compileBundle, loadBundle };
