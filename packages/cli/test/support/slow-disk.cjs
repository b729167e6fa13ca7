'use strict';
// Preloaded into awst with NODE_OPTIONS=--require (a test seam outside the product): a slow disk. Each
// rename of one of awst's temporary files waits SLOW_DISK_MS first, which stretches the time between awst
// reading the shared files and replacing them, so another program's writes land in it.
const fsp = require('node:fs/promises');

const ms = Number(process.env.SLOW_DISK_MS ?? 100);
const rename = fsp.rename;
fsp.rename = async (from, to) => {
  if (String(from).includes('.awst-')) await new Promise((resolve) => setTimeout(resolve, ms));
  return rename(from, to);
};
