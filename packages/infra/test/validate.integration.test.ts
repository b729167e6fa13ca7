import { execFileSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { STACKS, synth } from '../src/main.js';
import { withOverrides } from '../src/settings/overrides.js';
import { hasCommand, tempOutdir, terraformEnv } from './helpers.js';

const available = hasCommand('terraform');
const outdir = tempOutdir('awst-validate-');
// Both stacks: the organization one with (made-up) resource accounts, since it is off by default.
synth(
  withOverrides({
    organization: { enabled: true, resourceAccounts: [{ name: 'dev', accountId: '111111111111' }] },
    vpc: { flowLogs: true },
  }),
  outdir,
);
const env = available ? terraformEnv() : {};

afterAll(() => rmSync(path.dirname(outdir), { recursive: true, force: true }));

describe.skipIf(!available)('terraform validate (offline, provider mirror)', () => {
  it.each(STACKS)('%s is valid', (stack) => {
    const cwd = path.join(outdir, 'stacks', stack);
    execFileSync('terraform', ['init', '-input=false', '-backend=false', '-no-color'], {
      cwd,
      env,
      stdio: 'pipe',
    });
    const result = JSON.parse(
      execFileSync('terraform', ['validate', '-json', '-no-color'], { cwd, env, encoding: 'utf8' }),
    );
    expect(result.diagnostics).toEqual([]);
    expect(result.valid).toBe(true);
  });
});
