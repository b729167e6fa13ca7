import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { mergeConfig } from '../../src/init/merge-config.js';

const TEAM = `defaultRegion = "eu-west-1"
keyRotationIntervalMinutes = 10080
selfServiceMfaMaxAgeMinutes = 240

[profiles]
mainAccount = "main-account"
mainAccountMfaSession = "main-account-mfa-session"

[accounts]
main-account = "123456789012"
"prod.eu" = { id = "210987654321", region = "eu-central-1" }

[roles.AdminAccess]
durationMinutes = 60
mfaMaxAgeMinutes = 60

[roles.DeveloperAccess]
durationMinutes = 240
mfaMaxAgeMinutes = 240
`;

describe('mergeConfig', () => {
  it('into an empty file: everything, and the result reads as the team config does', () => {
    const merged = mergeConfig('', TEAM);
    expect(parseConfig(merged.text, undefined)).toEqual(parseConfig(TEAM, undefined));
    expect(merged.kept).toEqual([]);
    expect(merged.added).toContain('[accounts] "prod.eu" = { id = "210987654321", region = "eu-central-1" }');
  });

  it('keeps every line of the existing file, comments included, and adds only what it lacks', () => {
    const mine = [
      '# my settings',
      'mfaProcess = "ykman oath accounts code -s aws"  # my key',
      'defaultRegion = "us-east-1"',
      '',
      '[accounts]',
      'sandbox = "111111111111"',
      'main-account = "999999999999"',
      '',
      '[roles.DeveloperAccess]',
      'mode = "direct"',
      '',
    ].join('\n');
    const merged = mergeConfig(mine, TEAM);
    const lines = merged.text.split('\n');
    let at = 0;
    for (const line of mine.split('\n')) {
      at = lines.indexOf(line, at);
      expect(at, line).toBeGreaterThanOrEqual(0);
    }
    const config = parseConfig(merged.text, undefined);
    expect(config.defaultRegion).toBe('us-east-1');
    expect(config.mfaProcess).toBe('ykman oath accounts code -s aws');
    expect(config.accounts).toEqual(
      expect.arrayContaining([
        { name: 'sandbox', id: '111111111111' },
        { name: 'main-account', id: '999999999999' },
        { name: 'prod.eu', id: '210987654321', region: 'eu-central-1' },
      ]),
    );
    expect(config.roles.DeveloperAccess).toMatchObject({ mode: 'direct', durationMinutes: 240 });
    expect(config.roles.AdminAccess).toMatchObject({ durationMinutes: 60, mfaMaxAgeMinutes: 60 });
    expect(merged.kept).toEqual([
      'defaultRegion: yours "us-east-1", the team\'s "eu-west-1"',
      '[accounts] main-account: yours "999999999999", the team\'s "123456789012"',
    ]);
    expect(merged.added).toContain('keyRotationIntervalMinutes = 10080');
    expect(merged.added).toContain('[roles.DeveloperAccess] durationMinutes = 240');
    expect(merged.added).not.toContain('defaultRegion = "eu-west-1"');
  });

  it('adds nothing to a file that has it all', () => {
    const merged = mergeConfig(TEAM, TEAM);
    expect(merged).toEqual({ text: TEAM, added: [], kept: [] });
  });

  it('finds quoted table headers and adds a final newline only where one was missing', () => {
    const mine = '[roles."AdminAccess"]\nmode = "direct"';
    const merged = mergeConfig(mine, '[roles.AdminAccess]\ndurationMinutes = 30\n');
    expect(merged.text).toBe('[roles."AdminAccess"]\ndurationMinutes = 30\nmode = "direct"\n');
    expect(parseConfig(merged.text, undefined).roles.AdminAccess).toMatchObject({
      mode: 'direct',
      durationMinutes: 30,
    });
  });
});
