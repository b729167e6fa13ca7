#!/usr/bin/env node
'use strict';
const { existsSync } = require('node:fs');
const { join } = require('node:path');

const bundle = join(__dirname, '..', 'dist', 'main.cjs');
if (!existsSync(bundle)) {
  // A fresh clone after `pnpm install`: the launcher is linked, the bundle is made by the build.
  process.stderr.write(
    `awst: this copy of awst is not built yet (${bundle} is missing): run "pnpm build" in the awst repository, then try again.\n`,
  );
  process.exit(1);
}
const { loadBundle } = require('./load-bundle.cjs');

loadBundle(bundle)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
