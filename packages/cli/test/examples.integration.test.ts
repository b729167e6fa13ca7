import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  AWSTOOLS_CONFIG,
  budget,
  runProcess,
  terraformOfflineEnv,
  type Workspace,
  withAwstOnPath,
} from '@awst/testkit';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../src/config/parse.js';
import { roleSettings } from '../src/config/roles.js';
import { useEmulatedAccount } from './support/emulated-account.js';

const EXAMPLES = resolve(import.meta.dirname, '../../../examples');
const ARN = (role: string) => `arn:aws:sts::123456789012:assumed-role/${role}/alice`;

describe('example configuration files', () => {
  it('config.toml parses to the documented defaults', () => {
    const path = join(EXAMPLES, 'config.toml');
    const config = parseConfig(readFileSync(path, 'utf8'), path);
    expect(config.warnings).toEqual([]);
    expect(config.accounts).toEqual([{ name: 'main-account', id: '123456789012' }]);
    const defaults = parseConfig('', undefined);
    for (const key of [
      'defaultRegion',
      'keyRotationIntervalMinutes',
      'reuseCredentialsIfValidForMinutes',
    ] as const) {
      expect(config[key]).toBe(defaults[key]);
    }
    for (const role of ['AdminAccess', 'DeveloperAccess']) {
      expect(roleSettings(config, role)).toEqual(roleSettings(defaults, role));
    }
  });

  it('multi-account.toml lists a users account and resource accounts', () => {
    const path = join(EXAMPLES, 'multi-account.toml');
    const config = parseConfig(readFileSync(path, 'utf8'), path);
    expect(config.accounts.map((a) => a.name)).toEqual(['users', 'staging', 'production']);
    expect(config.mainAccountProfile).toBe('users');
    expect(roleSettings(config, 'AdminAccess').mode).toBe('direct');
  });
});

describe('examples that run against the emulator', () => {
  let ws: Workspace;
  let env: NodeJS.ProcessEnv;
  useEmulatedAccount({
    config: AWSTOOLS_CONFIG.replace('[profiles]', 'mfaProcess = "echo 123456"\n\n[profiles]'),
    each: (account) => {
      ({ ws } = account);
      env = withAwstOnPath(ws);
    },
  });

  it('credential-process: the SDK for JavaScript program gets the role from the ~/.aws/config lines', async () => {
    writeFileSync(ws.configFile, readFileSync(join(EXAMPLES, 'credential-process', 'aws-config'), 'utf8'));
    const whoami = join(EXAMPLES, 'credential-process', 'whoami.mjs');
    // whoami is the user's program: its SDK would print its own Node 20 notice.
    env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED = 'true';
    const dev = await runProcess(process.execPath, [whoami], { ...env, AWS_PROFILE: 'dev' });
    expect(dev.stderr).toBe('');
    expect(dev.stdout.trim()).toBe(ARN('DeveloperAccess'));
    const admin = await runProcess(process.execPath, [whoami], { ...env, AWS_PROFILE: 'admin' });
    expect(admin.stdout.trim()).toBe(ARN('AdminAccess'));
  });

  const work = { terraform: 4, processes: 1 };
  it('terraform-project: applied and destroyed with awst run, as the role', {
    timeout: budget(work),
  }, async () => {
    const project = join(ws.home, 'terraform-project');
    cpSync(join(EXAMPLES, 'terraform-project'), project, { recursive: true });
    const tfEnv = { ...env, ...terraformOfflineEnv(ws.home) };
    const terraform = (...args: string[]) =>
      runProcess(
        process.execPath,
        [
          resolve(import.meta.dirname, '../bin/awst.cjs'),
          'run',
          'main-account',
          'AdminAccess',
          '--',
          'terraform',
          `-chdir=${project}`,
          ...args,
        ],
        tfEnv,
        { timeoutMs: 120_000 },
      );
    const init = await terraform('init', '-input=false', '-no-color');
    expect(init.stderr).toContain('AdminAccess in main-account');
    expect(init.code).toBe(0);
    const apply = await terraform('apply', '-auto-approve', '-input=false', '-no-color');
    expect(apply.code, apply.stderr).toBe(0);
    const output = await terraform('output', '-raw', 'caller_arn');
    expect(output.stdout).toBe(ARN('AdminAccess'));
    const groups = ws.aws(
      ['logs', 'describe-log-groups', '--query', 'logGroups[].logGroupName', '--output', 'text'],
      {
        AWS_ACCESS_KEY_ID: 'test',
        AWS_SECRET_ACCESS_KEY: 'test',
        AWS_DEFAULT_REGION: 'eu-west-1',
      },
    );
    expect(groups.stdout.trim()).toBe('awst-example');
    const destroy = await terraform('destroy', '-auto-approve', '-input=false', '-no-color');
    expect(destroy.code, destroy.stderr).toBe(0);
  });
});
