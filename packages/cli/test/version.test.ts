import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { version } from '../src/version.js';

const packageDir = resolve(import.meta.dirname, '..');
const packageVersion = JSON.parse(readFileSync(resolve(packageDir, 'package.json'), 'utf8')).version;

describe('awst --version', () => {
  it("is package.json's version when the sources run unbundled", () => {
    expect(version).toBe(packageVersion);
  });
});
