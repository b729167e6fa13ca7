#!/usr/bin/env node
'use strict';
const { join } = require('node:path');
const { loadBundle } = require('./load-bundle.cjs');

loadBundle(join(__dirname, '..', 'dist', 'main.cjs'))
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
