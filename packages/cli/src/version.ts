import { readFileSync } from 'node:fs';

/** Replaced with package.json's version by scripts/bundle.mjs; undefined when the sources run as they are. */
declare const AWST_VERSION: string | undefined;

/** awst's version: package.json's, put into the bundle when it is built, read from the file otherwise. */
export const version: string = typeof AWST_VERSION === 'string' ? AWST_VERSION : packageVersion();

function packageVersion(): string {
  return JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8')).version;
}
