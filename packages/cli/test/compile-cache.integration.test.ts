import { createRequire } from 'node:module';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const require = createRequire(import.meta.url);
const { compileBundle } = require('../bin/load-bundle.cjs') as {
  compileBundle(file: string): { cachedDataRejected?: boolean } | undefined;
};

describe('the built bundle', () => {
  it('comes with a V8 code cache that this Node accepts (pnpm build makes it)', () => {
    const script = compileBundle(resolve(import.meta.dirname, '../dist/main.cjs'));
    expect(script).toBeDefined();
    expect(script!.cachedDataRejected).toBe(false);
  });
});
