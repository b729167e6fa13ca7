import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');

describe("README's Install section", () => {
  const { name, version } = JSON.parse(read('packages/cli/package.json')) as {
    name: string;
    version: string;
  };
  const readme = read('README.md');
  const install = /\n## Install\n([\s\S]*?)\n## /.exec(readme)?.[1] ?? '';

  it('comes before Develop', () => {
    expect(readme.indexOf('\n## Install\n')).toBeGreaterThan(0);
    expect(readme.indexOf('\n## Install\n')).toBeLessThan(readme.indexOf('\n## Develop\n'));
  });

  it('installs the tarball that pnpm pack makes of this version, and names the registry line', () => {
    expect(install).toContain(
      `pnpm -C packages/cli pack && npm install -g ./packages/cli/${name}-${version}.tgz`,
    );
    expect(install).toContain(`npm install -g ${name}\``);
  });
});
