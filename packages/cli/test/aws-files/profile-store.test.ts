import { chmodSync, mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { awsFilePaths, configSectionName, profileOfConfigSection } from '../../src/aws-files/paths.js';
import { holdsLongTermKey, readProfiles, updateProfiles } from '../../src/aws-files/profile-store.js';

let dir: string;
let paths: { credentials: string; config: string };

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'awst-files-'));
  paths = { credentials: join(dir, 'aws', 'credentials'), config: join(dir, 'aws', 'config') };
});

describe('file locations', () => {
  it('honours AWS_SHARED_CREDENTIALS_FILE and AWS_CONFIG_FILE, else ~/.aws', () => {
    expect(awsFilePaths({ HOME: '/h' })).toEqual({
      credentials: '/h/.aws/credentials',
      config: '/h/.aws/config',
    });
    expect(
      awsFilePaths({ HOME: '/h', AWS_SHARED_CREDENTIALS_FILE: '~/c', AWS_CONFIG_FILE: '/x/cfg' }),
    ).toEqual({
      credentials: '/h/c',
      config: '/x/cfg',
    });
  });

  it('quotes config section names with spaces, which the AWS CLI otherwise ignores', () => {
    expect(configSectionName('main-account DeveloperAccess')).toBe("profile 'main-account DeveloperAccess'");
    expect(configSectionName('dev')).toBe('profile dev');
    expect(configSectionName('default')).toBe('default');
    expect(profileOfConfigSection("profile 'a b'")).toBe('a b');
    expect(profileOfConfigSection('profile "a b"')).toBe('a b');
    expect(profileOfConfigSection('sso-session x')).toBeUndefined();
  });
});

describe('updateProfiles', () => {
  it('creates missing files with mode 0600 in a 0700 folder', async () => {
    await updateProfiles(paths, {
      credentials: { 'main-account DeveloperAccess': { aws_access_key_id: 'ASIA1' } },
      config: { 'main-account DeveloperAccess': { region: 'eu-west-1' } },
    });
    expect(readFileSync(paths.config, 'utf8')).toBe(
      "[profile 'main-account DeveloperAccess']\nregion = eu-west-1\n\n[profile main-account DeveloperAccess]\nregion = eu-west-1\n",
    );
    expect(statSync(paths.credentials).mode & 0o777).toBe(0o600);
    expect(statSync(paths.config).mode & 0o777).toBe(0o600);
    expect(statSync(join(dir, 'aws')).mode & 0o777).toBe(0o700);
    const profiles = await readProfiles(paths);
    expect(profiles.credentials.get('main-account DeveloperAccess')).toEqual({ aws_access_key_id: 'ASIA1' });
    expect(profiles.config.get('main-account DeveloperAccess')).toEqual({ region: 'eu-west-1' });
  });

  it('does not rewrite a file whose text would not change', async () => {
    await updateProfiles(paths, { credentials: { a: { k: 'v' } } });
    chmodSync(paths.credentials, 0o644);
    await updateProfiles(paths, { credentials: { a: { k: 'v' } } });
    expect(statSync(paths.credentials).mode & 0o777).toBe(0o644);
  });

  it('tightens an existing file to 0600 when it writes it', async () => {
    await updateProfiles(paths, { credentials: { a: { k: 'v' } } });
    chmodSync(paths.credentials, 0o644);
    await updateProfiles(paths, { credentials: { a: { k: 'w' } } });
    expect(statSync(paths.credentials).mode & 0o777).toBe(0o600);
  });

  it('removes a profile with null, and gives a name with spaces the quoted header botocore reads beside the unquoted one Terraform reads', async () => {
    await updateProfiles(paths, { credentials: { a: { k: 'v' }, b: { k: 'w' } } });
    writeFileSync(paths.config, '[profile x y]\nregion = us-east-1\noutput = json\n');
    await updateProfiles(paths, { credentials: { a: null }, config: { 'x y': { region: 'eu-west-1' } } });
    expect(readFileSync(paths.credentials, 'utf8')).toBe('[b]\nk = w\n');
    expect(readFileSync(paths.config, 'utf8')).toBe(
      "[profile x y]\nregion = eu-west-1\noutput = json\n\n[profile 'x y']\nregion = eu-west-1\n",
    );
  });

  it('serialises concurrent read-modify-write edits so none is lost', async () => {
    await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        updateProfiles(paths, (current) => ({
          credentials: { counter: { [`k${i}`]: String(current.credentials.get('counter') ? i : -1) } },
        })),
      ),
    );
    const counter = (await readProfiles(paths)).credentials.get('counter')!;
    expect(Object.keys(counter)).toHaveLength(20);
  });
});

describe('long-term keys', () => {
  it('refuses to write temporary credentials over a section holding a long-term key, and leaves the file', async () => {
    const text = '[default]\naws_access_key_id = AKIALONGTERM\naws_secret_access_key = s\n';
    mkdirSync(join(dir, 'aws'));
    writeFileSync(paths.credentials, text);
    await expect(
      updateProfiles(paths, {
        credentials: {
          default: { aws_access_key_id: 'ASIATEMP', aws_secret_access_key: 't', aws_session_token: 'x' },
        },
      }),
    ).rejects.toThrow(/holds the long-term access key AKIALONGTERM/);
    expect(readFileSync(paths.credentials, 'utf8')).toBe(text);
    expect(holdsLongTermKey({ aws_access_key_id: 'ASIAX', aws_secret_access_key: 's' })).toBe(false);
    expect(holdsLongTermKey({ aws_access_key_id: 'AKIAX', aws_session_token: 't' })).toBe(false);
  });

  it('still replaces temporary credentials, and a long-term key with a new long-term key', async () => {
    mkdirSync(join(dir, 'aws'));
    writeFileSync(
      paths.credentials,
      '[role]\naws_access_key_id = ASIAOLD\naws_session_token = old\n[main]\naws_access_key_id = AKIAOLD\n',
    );
    await updateProfiles(paths, {
      credentials: {
        role: { aws_access_key_id: 'ASIANEW', aws_session_token: 'new' },
        main: { aws_access_key_id: 'AKIANEW' },
      },
    });
    const { credentials } = await readProfiles(paths);
    expect(credentials.get('role')?.aws_access_key_id).toBe('ASIANEW');
    expect(credentials.get('main')?.aws_access_key_id).toBe('AKIANEW');
  });
});
