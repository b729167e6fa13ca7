import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const packageDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return sources(full);
    return /\.(ts|mjs|js)$/.test(entry.name) ? [full] : [];
  });
}

// Timing lives in the benchmark (pnpm bench); this keeps the cause of the speed from regressing.
describe('provider imports', () => {
  it('import provider classes by deep path, never the @cdktf/provider-aws index (2.7 s, 520 MB)', () => {
    const offenders = [
      ...sources(path.join(packageDir, 'src')),
      ...sources(path.join(packageDir, 'test')),
    ].filter((file) =>
      /from\s+['"]@cdktf\/provider-aws(\/lib)?(\/index(\.js)?)?['"]|import\(\s*['"]@cdktf\/provider-aws['"]\s*\)/.test(
        readFileSync(file, 'utf8').replace(/\/\/.*$/gm, ''),
      ),
    );
    expect(offenders).toEqual([]);
    const deep = sources(path.join(packageDir, 'src')).filter((file) =>
      readFileSync(file, 'utf8').includes("from '@cdktf/provider-aws/lib/"),
    );
    expect(deep.length).toBeGreaterThan(3);
  });
});
