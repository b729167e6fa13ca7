import { describe, expect, it, vi } from 'vitest';
import { findAccount } from '../../src/config/accounts.js';
import { parseConfig } from '../../src/config/parse.js';
import { parseProfileName, profileName } from '../../src/config/profile-name.js';
import { roleSettings } from '../../src/config/roles.js';
import { UsageError } from '../../src/errors.js';
import { AWSTOOLS_EXAMPLE } from '../awstools-fixture.js';
import { configErrorOf } from '../support/config-error.js';

const FILE = '/home/u/.config/awst/config.toml';

const errorOf = (text: string) => configErrorOf(text, FILE);

describe('parseConfig', () => {
  it('reads an awstools 0.13 file unchanged, with deprecation notes for its retired keys', () => {
    const config = parseConfig(AWSTOOLS_EXAMPLE, FILE);
    expect(config).toMatchObject({
      path: FILE,
      defaultRegion: 'eu-west-1',
      keyRotationIntervalMinutes: 10080,
      reuseCredentialsIfValidForMinutes: 15,
      mainAccountProfile: 'main-account',
      mfaSessionProfile: 'main-account-mfa-session',
      accounts: [
        { name: 'main-account', id: '123456789012' },
        { name: 'other-account', id: '210987654321' },
      ],
      profileNameTemplate: '{account} {role}',
      mfaSessionDurationMinutes: 720,
    });
    expect(config.warnings).toEqual([
      `${FILE}:2: defaultKmsKey is deprecated and ignored (awst keeps no encrypted files); remove it.`,
      `${FILE}:5: autoRotateMainAccountKey is deprecated; use keyRotationIntervalMinutes (0 turns rotation off).`,
    ]);
  });

  it('applies awstools defaults to an empty file', () => {
    const config = parseConfig('', undefined);
    expect(config).toMatchObject({
      keyRotationIntervalMinutes: 10080,
      reuseCredentialsIfValidForMinutes: 15,
      mainAccountProfile: 'main-account',
      mfaSessionProfile: 'main-account-mfa-session',
      accounts: [],
    });
  });

  it('autoRotateMainAccountKey = false turns rotation off', () => {
    expect(parseConfig('autoRotateMainAccountKey = false', FILE).keyRotationIntervalMinutes).toBe(0);
  });

  it('reads our additions: mfaSerial, mfaProcess, roles, regions per account, template, default pair', () => {
    const config = parseConfig(
      `mfaSerial = "arn:aws:iam::123456789012:mfa/alice-phone"
mfaProcess = "ykman oath accounts code -s aws"
mfaSessionDurationMinutes = 480
profileNameTemplate = "{account}-{role}"
defaultAccount = "prod"
defaultRole = "AdminAccess"

[accounts]
prod = { id = "111111111111", region = "us-east-1" }

[roles.DeveloperAccess]
mode = "direct"

[roles.ReadOnly]
durationMinutes = 120
mfaMaxAgeMinutes = 120
`,
      FILE,
    );
    expect(config.accounts).toEqual([{ name: 'prod', id: '111111111111', region: 'us-east-1' }]);
    expect(config.mfaSessionDurationMinutes).toBe(480);
    expect(roleSettings(config, 'DeveloperAccess')).toEqual({
      mode: 'direct',
      durationMinutes: 240,
      mfaMaxAgeMinutes: 240,
    });
    expect(roleSettings(config, 'AdminAccess')).toEqual({
      mode: 'session',
      durationMinutes: 60,
      mfaMaxAgeMinutes: 60,
    });
    expect(roleSettings(config, 'ReadOnly')).toEqual({
      mode: 'session',
      durationMinutes: 120,
      mfaMaxAgeMinutes: 120,
    });
    expect(roleSettings(config, 'Other')).toEqual({
      mode: 'session',
      durationMinutes: 60,
      mfaMaxAgeMinutes: 60,
    });
  });

  it('12.14 reads a file saved with a UTF-8 byte-order mark', () => {
    const config = parseConfig(
      `\uFEFFdefaultRegion = "eu-central-1"\n[accounts]\nmain = "123456789012"\n`,
      FILE,
    );
    expect(config.defaultRegion).toBe('eu-central-1');
    expect(errorOf('\uFEFFdefaultRegion = "x"\nbogus = 1\n')).toMatch(`${FILE}:2: unknown key "bogus"`);
  });

  it.each([
    ['malformed TOML', 'defaultRegion = "eu-west-1"\nreuse = = 3\n', `${FILE}:2: Unexpected character`],
    [
      'an unknown top-level key',
      'defaultRegion = "x"\nreuseCredentialsIfValidFor = 3\n',
      `${FILE}:2: unknown key "reuseCredentialsIfValidFor" in the top level`,
    ],
    [
      'an unknown key in [profiles]',
      '[profiles]\nmainAcount = "x"\n',
      `${FILE}:2: unknown key "mainAcount" in [profiles]`,
    ],
    [
      'a number in quotes',
      'keyRotationIntervalMinutes = "10080"\n',
      `${FILE}:1: keyRotationIntervalMinutes must be a whole number`,
    ],
    [
      'a negative number',
      '\nreuseCredentialsIfValidForMinutes = -1\n',
      `${FILE}:2: reuseCredentialsIfValidForMinutes must be a whole number of minutes between 0 and 720`,
    ],
    [
      '12.14 a number too large for any clock',
      '\nkeyRotationIntervalMinutes = 99999999999999999999999\n',
      `${FILE}:2: keyRotationIntervalMinutes is too large: give a number of minutes 0 or more.`,
    ],
    [
      '12.14 a number just beyond 2^53',
      '[roles.AdminAccess]\ndurationMinutes = 9007199254740993\n',
      `${FILE}:2: durationMinutes is too large: give a number of minutes between 15 and 720.`,
    ],
    [
      'an account id that is not 12 digits',
      '[accounts]\nmain = "1234"\n',
      `${FILE}:2: account "main" must be a 12-digit account id`,
    ],
    [
      'an account id as a number',
      '[accounts]\nmain = 123456789012\n',
      `${FILE}:2: account "main" must be a quoted 12-digit id`,
    ],
    [
      'an unknown role mode',
      '[roles.AdminAccess]\nmode = "chained"\n',
      `${FILE}:2: mode must be "session" or "direct"`,
    ],
    [
      'an unknown role key',
      '[roles.AdminAccess]\nduration = 60\n',
      `${FILE}:2: unknown key "duration" in [roles.AdminAccess]`,
    ],
    [
      'a duration over 12 h',
      '[roles.AdminAccess]\ndurationMinutes = 900\n',
      `${FILE}:2: durationMinutes must be a whole number of minutes between 15 and 720`,
    ],
    [
      'a template without {role}',
      'profileNameTemplate = "{account}"\n',
      `${FILE}:1: profileNameTemplate must contain both`,
    ],
    ['a bad mfaSerial', 'mfaSerial = "alice-phone"\n', `${FILE}:1: mfaSerial must be an MFA device ARN`],
    ['a string where a table belongs', 'profiles = "x"\n', `${FILE}:1: profiles must be a table`],
    [
      'the same profile for key and session',
      '[profiles]\nmainAccount = "a"\nmainAccountMfaSession = "a"\n',
      `${FILE}:3: mainAccountMfaSession must differ`,
    ],
    [
      'half a default pair',
      'defaultRole = "AdminAccess"\n',
      `${FILE}:1: Set defaultAccount and defaultRole together`,
    ],
    [
      'a region that injects a section into ~/.aws/config',
      'defaultRegion = "eu-west-1\\n[default]\\ncredential_process = sh -c evil"\n',
      `${FILE}:1: defaultRegion: "eu-west-1\\n[default]\\ncredential_process = sh -c evil" is not an AWS region`,
    ],
    [
      "an account's region that is not a region",
      '[accounts]\nmain = { id = "123456789012", region = "Europe" }\n',
      `${FILE}:2: region: "Europe" is not an AWS region such as "eu-west-1"; it would be written to your AWS files`,
    ],
    [
      'an account name with a bracket',
      '[accounts]\n"main]" = "123456789012"\n',
      `${FILE}:2: "main]" contains a [ ] ' " \\ # or ; character`,
    ],
    [
      'a template with a line break',
      'profileNameTemplate = "{account}\\n{role}"\n',
      `${FILE}:1: profileNameTemplate: "{account}\\n{role}" contains a line break`,
    ],
    [
      'a template with a quote',
      `profileNameTemplate = "{account}'{role}"\n`,
      `${FILE}:1: profileNameTemplate: "{account}'{role}" contains a [ ] ' "`,
    ],
    [
      'a role name IAM would not accept',
      '\n[roles."Admin Access"]\nmode = "direct"\n',
      `${FILE}:2: "Admin Access" is not an IAM role name`,
    ],
    [
      'a session profile with a bracket',
      '[profiles]\nmainAccountMfaSession = "x]"\n',
      `${FILE}:2: mainAccountMfaSession: "x]" contains a [`,
    ],
    [
      'an mfaSerial followed by a line break',
      'mfaSerial = "arn:aws:iam::123456789012:mfa/me\\n[default]"\n',
      `${FILE}:1: mfaSerial must be an MFA device ARN`,
    ],
  ])('names file and line for %s', (_, text, expected) => {
    expect(errorOf(text)).toContain(expected);
  });
});

describe('accounts and profile names', () => {
  const config = parseConfig(AWSTOOLS_EXAMPLE, FILE);

  it('finds an account by exact name, by a unique part, or by id', () => {
    expect(findAccount(config, 'main-account').id).toBe('123456789012');
    expect(findAccount(config, 'other').name).toBe('other-account');
    expect(findAccount(config, '210987654321').name).toBe('other-account');
  });

  it('lists the names when a query is unknown or ambiguous', () => {
    expect(() => findAccount(config, 'nope')).toThrow(
      new UsageError('No account matches "nope". Configured accounts: main-account, other-account.'),
    );
    expect(() => findAccount(config, 'account')).toThrow(
      /matches several accounts: main-account, other-account/,
    );
  });

  it('says how to configure accounts when there are none', () => {
    expect(() => findAccount(parseConfig('', '/home/u/awst.toml'), 'x')).toThrow(
      /No accounts are configured in \/home\/u\/awst\.toml.*awst init/,
    );
  });

  it('names the real path ($XDG_CONFIG_HOME) when there is no config file', () => {
    vi.stubEnv('XDG_CONFIG_HOME', '/home/u/xdg');
    try {
      expect(() => findAccount(parseConfig('', undefined), 'x')).toThrow(
        /No config\.toml found \(looked for \/home\/u\/xdg\/awst\/config\.toml.*awst init/,
      );
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('refuses a role from the command line that would break a section header', () => {
    expect(() => profileName(config, 'main-account', 'Dev]\n[default')).toThrow(
      'Cannot use role "Dev]\\n[default": "Dev]\\n[default" is not an IAM role name',
    );
  });

  it('builds and parses profile names from the template', () => {
    expect(profileName(config, 'main-account', 'DeveloperAccess')).toBe('main-account DeveloperAccess');
    expect(parseProfileName(config, 'main-account DeveloperAccess')).toEqual({
      account: { name: 'main-account', id: '123456789012' },
      role: 'DeveloperAccess',
    });
    expect(parseProfileName(config, 'unknown DeveloperAccess')).toBeUndefined();
    expect(parseProfileName(config, 'main-account')).toBeUndefined();
    const dashed = { ...config, profileNameTemplate: '{account}-{role}' };
    expect(parseProfileName(dashed, 'other-account-AdminAccess')?.account.name).toBe('other-account');
  });
});
