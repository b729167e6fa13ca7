import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { updateProfiles } from '../../src/aws-files/profile-store.js';
import { parseConfig } from '../../src/config/parse.js';
import { replaceKeyEdits } from '../../src/rotation/replace-key.js';
import type { ChainContext } from '../../src/sessions/types.js';

type Paths = { credentials: string; config: string };
type Keys = Record<string, string | null>;

/**
 * The access key id botocore (boto3) uses for every profile it knows, from both files, for the files before
 * and after: one python3 (and boto3 import) for both.
 */
function botocoreKeys(...pairs: [Paths, Paths]): [Keys, Keys] {
  const script = `
import boto3, json, os, sys
result = []
for pair in json.loads(sys.argv[1]):
    os.environ['AWS_SHARED_CREDENTIALS_FILE'] = pair['credentials']
    os.environ['AWS_CONFIG_FILE'] = pair['config']
    out = {}
    for name in boto3.Session().available_profiles:
        creds = boto3.Session(profile_name=name).get_credentials()
        out[name] = creds.access_key if creds else None
    result.append(out)
print(json.dumps(result))`;
  const result = spawnSync('python3', ['-c', script, JSON.stringify(pairs)], {
    encoding: 'utf8',
    env: { PATH: process.env.PATH, HOME: tmpdir() },
  });
  if (result.status !== 0) throw new Error(result.stderr);
  return JSON.parse(result.stdout);
}

describe('rotation replaces the old key wherever botocore reads it', () => {
  it('covers upper-case keys, key: value, and config-file profiles holding the key', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'awst-replace-'));
    const paths = { credentials: join(dir, 'credentials'), config: join(dir, 'config') };
    writeFileSync(
      paths.credentials,
      [
        '[main-account]',
        'AWS_ACCESS_KEY_ID: AKIAOLDKEY',
        'AWS_SECRET_ACCESS_KEY: old-secret',
        '[copy-upper]',
        'Aws_Access_Key_Id = AKIAOLDKEY',
        'aws_secret_access_key: old-secret',
        '[unrelated]',
        'aws_access_key_id = AKIAOTHER',
        'aws_secret_access_key = other',
        '',
      ].join('\n'),
    );
    writeFileSync(
      paths.config,
      [
        '[profile in-config]',
        'aws_access_key_id = AKIAOLDKEY',
        'aws_secret_access_key = old-secret',
        'region = eu-west-1',
        "[profile 'in config quoted']",
        'AWS_ACCESS_KEY_ID: AKIAOLDKEY',
        'aws_secret_access_key = old-secret',
        '',
      ].join('\n'),
    );
    // botocore reads these copies of the files as they were before the rotation.
    mkdirSync(join(dir, 'before'));
    const beforePaths = {
      credentials: join(dir, 'before', 'credentials'),
      config: join(dir, 'before', 'config'),
    };
    copyFileSync(paths.credentials, beforePaths.credentials);
    copyFileSync(paths.config, beforePaths.config);

    const config = parseConfig('[accounts]\nmain-account = "123456789012"\n', join(dir, 'config.toml'));
    const ctx = { config, paths } as ChainContext;
    const created = { accessKeyId: 'AKIANEWKEY', secretAccessKey: 'new-secret' };
    await updateProfiles(paths, (current) => replaceKeyEdits(ctx, current, 'AKIAOLDKEY', created));

    const [before, after] = botocoreKeys(beforePaths, paths);
    expect(Object.values(before).filter((k) => k === 'AKIAOLDKEY')).toHaveLength(4);
    expect(Object.values(after)).not.toContain('AKIAOLDKEY');
    expect(after).toEqual(
      Object.fromEntries(
        Object.entries(before).map(([name, key]) => [name, key === 'AKIAOLDKEY' ? 'AKIANEWKEY' : key]),
      ),
    );
  });
});
