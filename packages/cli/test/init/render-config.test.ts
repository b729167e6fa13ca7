import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { roleSettings } from '../../src/config/roles.js';
import { defaultAnswers, type InitAnswers, renderConfig } from '../../src/init/render-config.js';
import * as check from '../../src/init/validate.js';

const answers = (over: Partial<InitAnswers> = {}): InitAnswers => ({
  ...defaultAnswers(),
  accounts: [
    { name: 'main-account', id: '123456789012' },
    { name: 'other-account', id: '210987654321' },
  ],
  ...over,
});

describe('renderConfig', () => {
  it('writes awstools format with a comment header that parseConfig reads back', () => {
    const text = renderConfig(answers());
    expect(text.startsWith('# awst configuration, written by awst init.\n')).toBe(true);
    expect(text).toContain(
      '[profiles]\nmainAccount = "main-account"\nmainAccountMfaSession = "main-account-mfa-session"\n',
    );
    expect(text).toContain('[accounts]\nmain-account = "123456789012"\nother-account = "210987654321"\n');
    expect(text).toContain('[roles.AdminAccess]\ndurationMinutes = 60\n');
    expect(text).toContain('[roles.DeveloperAccess]\ndurationMinutes = 240\n');
    expect(text).not.toContain('mfaSerial');
    const config = parseConfig(text, '/x/config.toml');
    expect(config.warnings).toEqual([]);
    expect(config.accounts).toEqual([
      { name: 'main-account', id: '123456789012' },
      { name: 'other-account', id: '210987654321' },
    ]);
    expect(config.defaultRegion).toBe('eu-west-1');
    expect(config.mainAccountProfile).toBe('main-account');
    expect(config.mfaSessionProfile).toBe('main-account-mfa-session');
    expect(roleSettings(config, 'AdminAccess').durationMinutes).toBe(60);
    expect(roleSettings(config, 'DeveloperAccess').durationMinutes).toBe(240);
  });

  it('round-trips every answer, including mfaSerial, odd account names and regions per account', () => {
    const text = renderConfig(
      answers({
        accounts: [
          { name: 'prod.eu', id: '111111111111' },
          { name: 'dev', id: '222222222222', region: 'us-east-1' },
        ],
        defaultRegion: 'eu-north-1',
        mainAccountProfile: 'me',
        mfaSessionProfile: 'me-mfa',
        roleDurations: { AdminAccess: 30, DeveloperAccess: 720, ReadOnly: 15 },
        mfaSerial: 'arn:aws:iam::111111111111:mfa/alice-phone',
      }),
    );
    expect(text).toContain('"prod.eu" = "111111111111"');
    const config = parseConfig(text, undefined);
    expect(config).toMatchObject({
      defaultRegion: 'eu-north-1',
      mainAccountProfile: 'me',
      mfaSessionProfile: 'me-mfa',
      mfaSerial: 'arn:aws:iam::111111111111:mfa/alice-phone',
      accounts: [
        { name: 'prod.eu', id: '111111111111' },
        { name: 'dev', id: '222222222222', region: 'us-east-1' },
      ],
      roles: {
        AdminAccess: { durationMinutes: 30 },
        DeveloperAccess: { durationMinutes: 720 },
        ReadOnly: { durationMinutes: 15 },
      },
    });
  });
});

describe('answer checks', () => {
  it('accept good answers and explain bad ones', () => {
    expect(check.accountId('123456789012')).toBe(true);
    expect(check.accountId('12345')).toMatch(/12 digits/);
    expect(check.accountName()('has space')).toMatch(/no spaces/);
    expect(check.region('eu-west-1')).toBe(true);
    expect(check.region('us-gov-west-1')).toBe(true);
    expect(check.region('Ireland')).toMatch(/eu-west-1/);
  });
});
