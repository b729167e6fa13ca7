import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import TOML from '@iarna/toml';
import { describe, expect, it } from 'vitest';
import { closestKey, normalizeKeyName } from '../../src/config/key-spelling.js';
import { parseConfig } from '../../src/config/parse.js';
import { warningsToShow } from '../../src/config/warned.js';
import { canonicalSpellings } from '../../src/init/import-awstools.js';
import { configErrorOf } from '../support/config-error.js';

const FILE = '/home/u/.config/awstools/config.toml';
const errorOf = (text: string) => configErrorOf(text, FILE);
const note = (line: number, written: string, canonical: string) =>
  `${FILE}:${line}: "${written}" is read as ${canonical} (awstools ignored case and "_" in key names); write ${canonical} to silence this note.`;

describe("awstools' key spellings (naoina/toml: lower case, without _)", () => {
  it('normalizes as naoina/toml DefaultConfig.NormFieldName does; hyphens count', () => {
    expect(normalizeKeyName('Default_Region')).toBe('defaultregion');
    expect(normalizeKeyName('__default__region_')).toBe('defaultregion');
    expect(normalizeKeyName('default-region')).toBe('default-region');
  });

  it.each([
    ['default_region'],
    ['Default_Region'],
    ['DEFAULTREGION'],
    ['defaultregion'],
    ['DefaultRegion'],
    ['"default_region"'],
  ])('%s = … is defaultRegion, with one note naming the canonical key', (key) => {
    const config = parseConfig(`# mine\n${key} = "eu-central-1"\n`, FILE);
    expect(config.defaultRegion).toBe('eu-central-1');
    expect(config.warnings).toEqual([note(2, key.replaceAll('"', ''), 'defaultRegion')]);
  });

  it('in every table: [Profiles], main_account, account tables and [roles.<name>]', () => {
    const config = parseConfig(
      `key_rotation_interval_minutes = 0
[Profiles]
main_account = "main"
Main_Account_Mfa_Session = "main-mfa"

[Accounts]
main = { ID = "123456789012", Region = "eu-central-1" }
Other_Account = "210987654321"

[roles.AdminAccess]
duration_minutes = 30
MODE = "direct"
`,
      FILE,
    );
    expect(config).toMatchObject({
      keyRotationIntervalMinutes: 0,
      mainAccountProfile: 'main',
      mfaSessionProfile: 'main-mfa',
      // Account and role names are map keys: taken as written, as awstools did.
      accounts: [
        { name: 'main', id: '123456789012', region: 'eu-central-1' },
        { name: 'Other_Account', id: '210987654321' },
      ],
      roles: { AdminAccess: { durationMinutes: 30, mode: 'direct' } },
    });
    expect(config.warnings).toEqual([
      note(1, 'key_rotation_interval_minutes', 'keyRotationIntervalMinutes'),
      note(2, 'Profiles', 'profiles'),
      note(3, 'main_account', 'mainAccount'),
      note(4, 'Main_Account_Mfa_Session', 'mainAccountMfaSession'),
      note(6, 'Accounts', 'accounts'),
      note(7, 'ID', 'id'),
      note(7, 'Region', 'region'),
      note(11, 'duration_minutes', 'durationMinutes'),
      note(12, 'MODE', 'mode'),
    ]);
  });

  it("awstools' deprecated keys in its spelling still get their own notes", () => {
    const config = parseConfig('default_kms_key = "alias/x"\nauto_rotate_main_account_key = false\n', FILE);
    expect(config.keyRotationIntervalMinutes).toBe(0);
    expect(config.warnings.slice(2)).toEqual([
      `${FILE}:1: defaultKmsKey is deprecated and ignored (awst keeps no encrypted files); remove it.`,
      `${FILE}:2: autoRotateMainAccountKey is deprecated; use keyRotationIntervalMinutes (0 turns rotation off).`,
    ]);
  });

  it('an error about a respelled key names the line where it is written', () => {
    expect(errorOf('# mine\n[Profiles]\nmain_account = "a"\nmain_account_mfa_session = "a"\n')).toMatch(
      `${FILE}:4: mainAccountMfaSession must differ from mainAccount`,
    );
    expect(errorOf('default_region = "nowhere"\n')).toMatch(`${FILE}:1: defaultRegion: "nowhere" is not`);
  });

  it('refuses a key set under two spellings (awstools set it twice, in no fixed order)', () => {
    expect(errorOf('defaultRegion = "eu-west-1"\ndefault_region = "eu-central-1"\n')).toBe(
      `${FILE}:2: defaultRegion is set twice, as "defaultRegion" and "default_region" (awstools read key names regardless of case and "_"); keep one.`,
    );
  });

  it('the note shows once per version of the file', () => {
    const dir = mkdtempSync(join(tmpdir(), 'awst-spelling-'));
    const path = join(dir, 'config.toml');
    writeFileSync(path, 'default_region = "eu-west-1"\n');
    const { warnings } = parseConfig('default_region = "eu-west-1"\n', path);
    const env = { XDG_CACHE_HOME: join(dir, 'cache'), HOME: dir };
    expect(warningsToShow(path, warnings, env)).toEqual(warnings);
    expect(warningsToShow(path, warnings, env)).toEqual([]);
  });
});

describe('did you mean …?', () => {
  it.each([
    ['defaultRegoin = "x"\n', [], 'defaultRegoin', 'the top level', 'defaultRegion'],
    ['default-region = "x"\n', [], 'default-region', 'the top level', 'defaultRegion'],
    [
      'reuseCredentialsIfValidFor = 3\n',
      [],
      'reuseCredentialsIfValidFor',
      'the top level',
      'reuseCredentialsIfValidForMinutes',
    ],
    ['bogus = 3\n', [], 'bogus', 'the top level', undefined],
    ['[profiles]\nmainAcount = "x"\n', ['profiles'], 'mainAcount', '[profiles]', 'mainAccount'],
    [
      '[roles.AdminAccess]\nduration = 30\n',
      ['roles', 'AdminAccess'],
      'duration',
      '[roles.AdminAccess]',
      undefined,
    ],
    [
      '[roles.AdminAccess]\nmfaMaxAgeMinute = 30\n',
      [],
      'mfaMaxAgeMinute',
      '[roles.AdminAccess]',
      'mfaMaxAgeMinutes',
    ],
    ['[accounts.a]\nid = "123456789012"\nregoin = "x"\n', [], 'regoin', '[accounts.a]', 'region'],
  ])('%j', (text, _table, key, where, suggestion) => {
    const message = errorOf(text);
    expect(message).toContain(`unknown key "${key}" in ${where}`);
    if (suggestion) expect(message).toContain(`; did you mean ${suggestion}? Known keys: `);
    else expect(message).toMatch(/\. Known keys: .*\. Check the spelling or remove it\.$/);
  });

  it('suggests only what is a typo away', () => {
    expect(closestKey('mfaserail', ['mfaSerial', 'mfaProcess'])).toBe('mfaSerial');
    expect(closestKey('ids', ['id', 'region'])).toBe('id');
    expect(closestKey('x', ['id', 'region'])).toBeUndefined();
    expect(closestKey('bogus', ['defaultRegion', 'mfaSerial'])).toBeUndefined();
  });
});

describe('awst init --import-awstools writes the canonical spelling', () => {
  it('renames keys and tables in place, every other byte kept', () => {
    const text = [
      '# my awstools config',
      'Default_Region = "eu-west-1"  # where I work',
      '"reuse_credentials_if_valid_for_minutes" = 15',
      'Profiles.main_account = "main"',
      '',
      '[ Accounts ]',
      'Main_Account = { ID = "123456789012", region = "eu-central-1" }',
      '',
      '[roles.Admin_Access]',
      'duration_minutes = 30',
      '',
    ].join('\n');
    const out = canonicalSpellings(text, FILE);
    expect(out.text).toBe(
      [
        '# my awstools config',
        'defaultRegion = "eu-west-1"  # where I work',
        'reuseCredentialsIfValidForMinutes = 15',
        'profiles.mainAccount = "main"',
        '',
        '[ accounts ]',
        'Main_Account = { id = "123456789012", region = "eu-central-1" }',
        '',
        '[roles.Admin_Access]',
        'durationMinutes = 30',
        '',
      ].join('\n'),
    );
    expect(out.notes).toEqual([
      "Renamed Default_Region to defaultRegion (awstools' spelling).",
      "Renamed reuse_credentials_if_valid_for_minutes to reuseCredentialsIfValidForMinutes (awstools' spelling).",
      "Renamed Profiles to profiles (awstools' spelling).",
      "Renamed main_account to mainAccount in [profiles] (awstools' spelling).",
      "Renamed Accounts to accounts (awstools' spelling).",
      "Renamed ID to id in [accounts.Main_Account] (awstools' spelling).",
      "Renamed duration_minutes to durationMinutes in [roles.Admin_Access] (awstools' spelling).",
    ]);
    expect(parseConfig(out.text, FILE).warnings).toEqual([]);
  });

  it('leaves a file without such spellings as it is', () => {
    const text = 'defaultRegion = "eu-west-1"\n[profiles]\nmainAccount = "m"\n';
    expect(canonicalSpellings(text, FILE)).toEqual({ text, notes: [] });
  });

  it('refuses to guess what it cannot rename in place: the user is told to rename by hand', () => {
    const text = 'roles = { AdminAccess = { duration_minutes = 30 } }\n';
    expect(parseConfig(text, FILE).roles.AdminAccess).toEqual({ durationMinutes: 30 });
    expect(() => canonicalSpellings(text, FILE)).toThrow(
      `awst could not rename the keys in ${FILE} safely (duration_minutes → durationMinutes). Rename them there by hand and run awst init --import-awstools again.`,
    );
  });

  it('leaves the lines of a multi-line string alone, even where they look like keys', () => {
    const text = 'mfa_process = """\ndefault_region = 1\n"""\nDEFAULT_REGION = "eu-west-1"\n';
    expect(TOML.parse(text)).toBeTruthy();
    expect(canonicalSpellings(text, FILE).text).toBe(
      'mfaProcess = """\ndefault_region = 1\n"""\ndefaultRegion = "eu-west-1"\n',
    );
  });
});
