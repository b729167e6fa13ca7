import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import {
  createUserWithMfa,
  hasCommand,
  type Moto,
  runProcess,
  startEmulatedAccount,
  type TestUser,
  terraformOfflineEnv,
  userWorkspace,
  withAwstOnPath,
} from '@awst/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

/**
 * `run --server`: the child finds no credentials in the shared files, whichever header spells the default
 * profile. Each config puts another user's credential_process under one spelling; every client must still
 * act as the role from the container endpoint.
 */

const ROLE_ARN = 'arn:aws:sts::123456789012:assumed-role/DeveloperAccess/alice';
const FIXTURES = resolve(import.meta.dirname, 'identity');
const SPELLINGS = [
  '[default]',
  '[profile default]',
  '[profile "default"]',
  "[profile 'default']",
  '[DEFAULT]',
];
const clients = ['aws', 'boto3', 'js', ...(hasCommand('terraform') ? ['terraform'] : [])];
const missing = ['moto_server', 'aws', 'python3'].filter((c) => !hasCommand(c));

describe.skipIf(missing.length > 0)('run --server and every spelling of the default profile', () => {
  let moto: Moto;
  let alice: TestUser;
  let mallory: TestUser;
  let tf: { dir: string; env: NodeJS.ProcessEnv } | undefined;

  beforeAll(async () => {
    ({ moto, user: alice } = await startEmulatedAccount());
    mallory = await createUserWithMfa(moto.endpoint, 'mallory');
    if (!clients.includes('terraform')) return;
    const dir = mkdtempSync(join(tmpdir(), 'awst-spellings-tf-'));
    copyFileSync(join(FIXTURES, 'main.tf'), join(dir, 'main.tf'));
    const env = { ...terraformOfflineEnv(dir), TF_DATA_DIR: join(dir, '.terraform') };
    const init = spawnSync('terraform', [`-chdir=${dir}`, 'init', '-input=false', '-no-color'], {
      env: { ...process.env, ...env },
      encoding: 'utf8',
    });
    if (init.status !== 0) throw new Error(`terraform init failed: ${init.stderr}`);
    tf = { dir, env: { ...env, TF_DIR: dir } };
  }, 120_000);
  afterAll(async () => {
    await moto?.stop();
    if (tf) rmSync(tf.dir, { recursive: true, force: true });
  });

  for (const header of SPELLINGS) {
    it(`${header} with another user's credential_process: every client acts as the role`, async () => {
      const ws = userWorkspace(moto.endpoint, alice);
      const other = join(ws.home, 'other-user.sh');
      writeFileSync(
        other,
        `#!/bin/sh\necho '{"Version":1,"AccessKeyId":"${mallory.accessKeyId}","SecretAccessKey":"${mallory.secretAccessKey}"}'\n`,
        { mode: 0o755 },
      );
      // Before the filter used the botocore-faithful reader, [profile "default"] kept this line.
      // configparser's [DEFAULT] reaches botocore's default profile through a [default] section.
      const inherit = header === '[DEFAULT]' ? '[default]\noutput = json\n' : '';
      writeFileSync(
        ws.configFile,
        `${header}\nregion = eu-west-1\ncredential_process = ${other}\n${inherit}`,
      );
      const env = { ...withAwstOnPath(ws), ...tf?.env, NODE: process.execPath };
      const out = await runProcess(
        'bash',
        [
          '-c',
          `awst run --server main-account DeveloperAccess -t 123456 -- "${join(FIXTURES, 'clients.sh')}" "" ${clients.join(' ')}`,
        ],
        env,
        { timeoutMs: 180_000 },
      );
      const seen = Object.fromEntries(
        clients.map((client) => [
          client,
          new RegExp(`^${client}=(.*)$`, 'm').exec(out.stdout)?.[1] ?? out.stderr,
        ]),
      );
      expect(seen).toEqual(Object.fromEntries(clients.map((client) => [client, ROLE_ARN])));
    }, 200_000);
  }
});
