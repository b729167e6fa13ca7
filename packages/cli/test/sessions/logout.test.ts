import { mkdirSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Renames of the config file fail while this is set: the second of logout's two writes. */
const failing = vi.hoisted(() => ({ configRename: false }));
vi.mock('../../src/aws-files/atomic-write.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/aws-files/atomic-write.js')>();
  return {
    ...original,
    prepareReplacement: async (...args: Parameters<typeof original.prepareReplacement>) => {
      const prepared = await original.prepareReplacement(...args);
      if (!failing.configRename || !prepared.target.endsWith('/config')) return prepared;
      return {
        ...prepared,
        commit: async () => {
          throw original.fileError(prepared.path, Object.assign(new Error('EIO'), { code: 'EROFS' }));
        },
      };
    },
  };
});

const { parseConfig } = await import('../../src/config/parse.js');
const { logout, logoutReport, planLogout } = await import('../../src/sessions/logout.js');
const { readProfiles } = await import('../../src/aws-files/profile-store.js');

const config = parseConfig(
  `[profiles]
mainAccount = "main-account"
mainAccountMfaSession = "main-account-mfa-session"

[accounts]
main-account = "123456789012"
other = "210987654321"
`,
  '/home/u/.config/awst/config.toml',
);
const [mainAccount, other] = config.accounts;

const role = (key: string) => `aws_access_key_id = ASIA${key}
aws_secret_access_key = secret${key}
aws_session_token = token${key}
awst_expiration = 2030-01-01T00:00:00.000Z
`;
const mfa = (key: string) => `${role(key)}awst_mfa_authenticated_at = 2029-12-31T23:00:00.000Z
awst_user_name = alice
awst_mfa_serial = arn:aws:iam::123456789012:mfa/alice
awst_source_access_key_id = AKIAMAIN
`;

const MINE_BEFORE = `# my own notes, keep me
[default]
aws_access_key_id = AKIADEFAULT
aws_secret_access_key = keep/this=secret

`;
const MAIN = `[main-account]
aws_access_key_id = AKIAMAIN
aws_secret_access_key = mainsecret
`;
const CREDENTIALS = `${MINE_BEFORE}${MAIN}
[main-account-mfa-session]
${mfa('MFA')}
[main-account DeveloperAccess]
${role('DEV')}
; awsume's profile, between awst's
[awsume-thing]
manager = awsume

[main-account DeveloperAcess]
${role('TYPO')}
[other AdminAccess]
${role('OTHERADMIN')}
[old-mfa]
${mfa('OLDMFA')}
[gone-account DeveloperAccess]
${role('GONE')}`;
const CONFIG = `[default]
region = eu-central-1

[profile 'main-account DeveloperAccess']
region = eu-west-1

[profile main-account DeveloperAccess]
region = eu-west-1

# keep this comment
[profile 'other AdminAccess']
region = eu-west-1
output = json

[profile 'main-account DeveloperAcess']
region = eu-west-1

[profile main-account DeveloperAcess]
region = eu-west-1
`;

let dir: string;
let paths: { credentials: string; config: string };
beforeEach(() => {
  failing.configRename = false;
  dir = mkdtempSync(join(tmpdir(), 'awst-logout-'));
  mkdirSync(join(dir, 'aws'), { mode: 0o700 });
  paths = { credentials: join(dir, 'aws', 'credentials'), config: join(dir, 'aws', 'config') };
  writeFileSync(paths.credentials, CREDENTIALS, { mode: 0o644 });
  writeFileSync(paths.config, CONFIG, { mode: 0o644 });
});

const read = () => [readFileSync(paths.credentials, 'utf8'), readFileSync(paths.config, 'utf8')] as const;
const sections = (text: string) => [...text.matchAll(/^\[([^\]]+)\]/gm)].map((m) => m[1]);

describe('planLogout chooses what awst wrote, in scope', () => {
  it('everything: the configured role sessions and the MFA session; typos and gone accounts are left and named', async () => {
    const { result } = planLogout(config, await readProfiles(paths), {});
    expect(result.roleProfiles).toEqual(['main-account DeveloperAccess', 'other AdminAccess']);
    expect(result.mfaSessions).toEqual(['main-account-mfa-session']);
    expect(result.leftStale).toEqual(['main-account DeveloperAcess', 'gone-account DeveloperAccess']);
    expect(result.keptConfigProfiles).toEqual(['other AdminAccess']);
  });

  it('--all: also the typo, the gone account and an MFA session under an old name', async () => {
    const { result } = planLogout(config, await readProfiles(paths), { all: true });
    expect(result.roleProfiles).toEqual([
      'main-account DeveloperAccess',
      'main-account DeveloperAcess',
      'other AdminAccess',
      'gone-account DeveloperAccess',
    ]);
    expect(result.mfaSessions).toEqual(['main-account-mfa-session', 'old-mfa']);
    expect(result.leftStale).toEqual([]);
  });

  it('one account: its configured roles; the MFA session stays', async () => {
    const { result } = planLogout(config, await readProfiles(paths), { account: mainAccount });
    expect(result.roleProfiles).toEqual(['main-account DeveloperAccess']);
    expect(result.leftStale).toEqual(['main-account DeveloperAcess']);
    expect(result.mfaSessions).toEqual([]);
    expect(result.keptMfaSession).toBe('main-account-mfa-session');
    const all = planLogout(config, await readProfiles(paths), { account: mainAccount, all: true }).result;
    expect(all.roleProfiles).toEqual(['main-account DeveloperAccess', 'main-account DeveloperAcess']);
  });

  it('one role, also one config.toml does not know (the typo itself)', async () => {
    const profiles = await readProfiles(paths);
    expect(planLogout(config, profiles, { account: other, role: 'AdminAccess' }).result.roleProfiles).toEqual(
      ['other AdminAccess'],
    );
    expect(
      planLogout(config, profiles, { account: mainAccount, role: 'DeveloperAcess' }).result.roleProfiles,
    ).toEqual(['main-account DeveloperAcess']);
    expect(
      planLogout(config, profiles, { account: other, role: 'ReadOnlyAccess' }).result.roleProfiles,
    ).toEqual([]);
  });

  it('never the main key, a long-term key, or a section without awst keys, whatever its name', async () => {
    writeFileSync(
      paths.credentials,
      `[main-account]\naws_access_key_id = AKIAMAIN\naws_secret_access_key = s\nawst_rotation_started_at = 2030-01-01T00:00:00Z\n\n[main-account ReadOnlyAccess]\naws_access_key_id = AKIAHANDMADE\naws_secret_access_key = s\nawst_expiration = 2030-01-01T00:00:00Z\n\n[other DeveloperAccess]\naws_access_key_id = ASIAX\naws_secret_access_key = s\naws_session_token = t\n`,
    );
    const { result } = planLogout(config, await readProfiles(paths), { all: true });
    expect(result.roleProfiles).toEqual([]);
    expect(result.mfaSessions).toEqual([]);
  });
});

describe('logout edits the files', () => {
  it('removes exactly those sections; every other line stays byte for byte; mode 0600', async () => {
    const result = await logout(paths, config, {});
    const [credentials, awsConfig] = read();
    expect(sections(credentials)).toEqual([
      'default',
      'main-account',
      'awsume-thing',
      'main-account DeveloperAcess',
      'old-mfa',
      'gone-account DeveloperAccess',
    ]);
    expect(credentials.startsWith(`${MINE_BEFORE}${MAIN}`)).toBe(true);
    expect(credentials).toContain("; awsume's profile, between awst's\n[awsume-thing]\nmanager = awsume\n");
    expect(credentials).not.toMatch(/ASIADEV|ASIAMFA|ASIAOTHERADMIN|secretDEV|tokenMFA/);
    // The other role's config section holds `output`, which awst did not write: kept whole.
    expect(awsConfig).toBe(`[default]
region = eu-central-1

# keep this comment
[profile 'other AdminAccess']
region = eu-west-1
output = json

[profile 'main-account DeveloperAcess']
region = eu-west-1

[profile main-account DeveloperAcess]
region = eu-west-1
`);
    expect(statSync(paths.credentials).mode & 0o777).toBe(0o600);
    expect(statSync(paths.config).mode & 0o777).toBe(0o600);
    expect(result.roleProfiles).toHaveLength(2);
  });

  it('--all leaves only what awst did not write', async () => {
    await logout(paths, config, { all: true });
    const [credentials, awsConfig] = read();
    expect(credentials).toBe(`${MINE_BEFORE}${MAIN}
; awsume's profile, between awst's
[awsume-thing]
manager = awsume

`);
    expect(sections(awsConfig)).toEqual(['default', "profile 'other AdminAccess'"]);
  });

  it('keeps keys awst did not write in a section it wrote to', async () => {
    writeFileSync(
      paths.credentials,
      `[main-account-mfa-session]\nregion = eu-west-1\n${mfa('MFA')}\n[main-account]\naws_access_key_id = AKIAMAIN\naws_secret_access_key = s\n`,
    );
    await logout(paths, config, {});
    expect(read()[0]).toBe(
      '[main-account-mfa-session]\nregion = eu-west-1\n\n[main-account]\naws_access_key_id = AKIAMAIN\naws_secret_access_key = s\n',
    );
  });

  it('a second logout finds nothing and writes nothing', async () => {
    await logout(paths, config, {});
    const before = read();
    const mtime = statSync(paths.credentials).mtimeMs;
    const result = await logout(paths, config, {});
    expect(result.roleProfiles).toEqual([]);
    expect(result.mfaSessions).toEqual([]);
    expect(read()).toEqual(before);
    expect(statSync(paths.credentials).mtimeMs).toBe(mtime);
  });

  it('[loss] when the second file cannot be replaced, both files stay byte-identical', async () => {
    failing.configRename = true;
    await expect(logout(paths, config, { all: true })).rejects.toThrow(/EROFS|config/);
    expect(read()).toEqual([CREDENTIALS, CONFIG]);
  });
});

describe('logoutReport', () => {
  it('names what was removed, kept and left, and no secret', async () => {
    const result = await logout(paths, config, {});
    const lines = logoutReport(result, config, {}, paths);
    expect(lines).toEqual([
      'Removed 2 role sessions: [main-account DeveloperAccess], [other AdminAccess].',
      'Removed the MFA session [main-account-mfa-session]: the next assume asks for an MFA code.',
      `Kept [other AdminAccess] in ${paths.config}: it holds settings awst did not write.`,
      'Left 2 role sessions awst wrote for roles or accounts config.toml does not name: [main-account DeveloperAcess], [gone-account DeveloperAccess]; awst logout --all removes them too.',
      'Kept your access key [main-account] and every profile awst did not write.',
    ]);
    expect(lines.join('\n')).not.toMatch(/ASIA|secret|token[A-Z]/);
  });

  it('says when there was nothing to remove', () => {
    const empty = { roleProfiles: [], mfaSessions: [], leftStale: [], keptConfigProfiles: [] };
    expect(
      logoutReport(
        empty,
        config,
        { account: other, role: 'AdminAccess' },
        {
          credentials: '/h/.aws/credentials',
          config: '/h/.aws/config',
        },
      ),
    ).toEqual([
      'Nothing to remove: /h/.aws/credentials holds no role session of other AdminAccess written by awst.',
    ]);
  });
});
