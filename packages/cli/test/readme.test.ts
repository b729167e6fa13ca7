import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const ROOT = resolve(import.meta.dirname, '../../..');
const read = (file: string) => readFileSync(resolve(ROOT, file), 'utf8');

/** The Quick start's commands, one per `&&` or line. */
function quickStart(): string[] {
  const block = /## Quick start\n+```sh\n([\s\S]*?)```/.exec(read('README.md'))?.[1] ?? '';
  return block
    .split(/\n|&&/)
    .map((command) => command.trim())
    .filter(Boolean);
}

describe("README's Quick start", () => {
  it('comes first, and installs pnpm as CI does', () => {
    const text = read('README.md');
    expect(text.indexOf('\n## ')).toBe(text.indexOf('\n## Quick start'));
    expect(quickStart()[0]).toBe('npm install -g pnpm@10');
    expect(read('.ci/run')).toContain('npm install -g pnpm@10');
    expect(JSON.parse(read('package.json')).packageManager).toMatch(/^pnpm@10\./);
  });

  it('runs scripts of the root package.json, each one proven by CI', () => {
    const scripts = JSON.parse(read('package.json')).scripts as Record<string, string>;
    const ci = read('.ci/run');
    const names = quickStart()
      .map((command) => /^pnpm (\S+)$/.exec(command)?.[1])
      .filter((name): name is string => Boolean(name) && name !== 'install');
    expect(names).toContain('test');
    for (const name of names) {
      expect(scripts[name], `pnpm ${name}`).toBeDefined();
      if (new RegExp(`^pnpm ${name}$`, 'm').test(ci)) continue;
      // `pnpm demo` = build + a script that the demo's integration test (run by `pnpm test`) spawns.
      const file = /^pnpm build && node (scripts\/\S+\.mjs)$/.exec(scripts[name] ?? '')?.[1];
      expect(file, `CI runs neither pnpm ${name} nor its script`).toBeDefined();
      expect(read('scripts/demo/test/helpers.mjs')).toContain(`resolve(REPO, '${file}')`);
    }
  });
});
