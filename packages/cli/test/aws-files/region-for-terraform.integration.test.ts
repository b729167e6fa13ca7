/**
 * Issue 9.6: a role profile whose name has a space (the default template "{account} {role}") must give its
 * region to Terraform (Go SDK: reads `[profile a b]` only) and to botocore (reads `[profile 'a b']` only).
 * awst writes both headers; checked with the real terraform and boto3. (The JS SDK reads neither form.)
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { terraformOfflineEnv } from '@awst/testkit';
import { expect, it } from 'vitest';
import { updateProfiles } from '../../src/aws-files/profile-store.js';

const PROFILE = 'main-account DeveloperAccess';

it('Terraform and boto3 both read the region of a profile named with a space', {
  timeout: 120_000,
}, async () => {
  const dir = mkdtempSync(join(tmpdir(), 'awst-tf-region-'));
  const paths = { credentials: join(dir, 'credentials'), config: join(dir, 'config') };
  // The user's own default region differs, so a client that misses the profile's region shows it.
  writeFileSync(paths.config, '[default]\nregion = us-east-1\n');
  await updateProfiles(paths, {
    credentials: {
      [PROFILE]: { aws_access_key_id: 'ASIAEXAMPLE', aws_secret_access_key: 's', aws_session_token: 't' },
    },
    config: { [PROFILE]: { region: 'eu-west-3' } },
  });

  const env = {
    PATH: process.env.PATH,
    HOME: dir,
    AWS_SHARED_CREDENTIALS_FILE: paths.credentials,
    AWS_CONFIG_FILE: paths.config,
    ...terraformOfflineEnv(dir),
  };
  const work = join(dir, 'tf');
  mkdirSync(work);
  writeFileSync(
    join(work, 'main.tf'),
    `provider "aws" {
  profile                     = "${PROFILE}"
  skip_credentials_validation = true
  skip_requesting_account_id  = true
  skip_metadata_api_check     = true
}
data "aws_region" "current" {}
output "region" { value = data.aws_region.current.name }
`,
  );
  const tf = (...args: string[]) =>
    execFileSync('terraform', [`-chdir=${work}`, ...args], { env, encoding: 'utf8', stdio: 'pipe' });
  tf('init', '-input=false', '-no-color');
  tf('apply', '-auto-approve', '-input=false', '-no-color');
  expect(tf('output', '-raw', 'region')).toBe('eu-west-3');

  const boto = execFileSync(
    'python3',
    ['-c', `import boto3; print(boto3.Session(profile_name=${JSON.stringify(PROFILE)}).region_name)`],
    { env, encoding: 'utf8' },
  );
  expect(boto.trim()).toBe('eu-west-3');
});
