'use strict';
// A build step, never shipped: `node scripts/write-compile-cache.cjs <bundle> <awst arguments...>` runs
// one awst command with the bundle compiled afresh, then stores V8's code cache for it, behind the
// bundle's hash, at <bundle>.v8cache. Made after a run, the cache also holds the functions that command
// compiled, not only the top level. bin/load-bundle.cjs only ever reads it.
const fs = require('node:fs');
const { compileBundle, runBundle, sourceHash } = require('../bin/load-bundle.cjs');

const [bundle, ...args] = process.argv.slice(2);
// The cache keeps the script's name; the builder's folder is no business of the package's users.
const compiled = compileBundle(bundle, { useCache: false, filename: 'awst/dist/main.cjs' });
if (!compiled) {
  process.stderr.write('This Node cannot run cached code with import(); no code cache was made.\n');
} else {
  process.once('exit', (code) => {
    if (code !== 0) return;
    const cache = Buffer.concat([sourceHash(compiled.source), compiled.script.createCachedData()]);
    fs.writeFileSync(`${bundle}.v8cache`, cache);
  });
  runBundle(compiled.script, bundle)
    .main(args)
    .then((code) => {
      process.exitCode = code;
    });
}
