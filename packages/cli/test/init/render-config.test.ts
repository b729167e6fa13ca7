import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { roleSettings } from '../../src/config/roles.js';
import { askInitAnswers, type InitQuestion } from '../../src/init/prompts.js';
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

describe('askInitAnswers', () => {
  /** Answers questions from a script, checking each scripted answer against the question's validate. */
  function scripted(replies: (string | boolean | undefined)[]) {
    const asked: InitQuestion[] = [];
    const ask = async (question: InitQuestion) => {
      asked.push(question);
      if (replies.length === 0) throw new Error(`unexpected question: ${question.message}`);
      const reply = replies.shift();
      const value = reply === undefined ? (question.default ?? '') : reply;
      if (question.validate && typeof value === 'string') expect(question.validate(value)).toBe(true);
      return value;
    };
    return { ask, asked };
  }

  it('asks for accounts until told to stop, then region, profiles, role lengths and the MFA device', async () => {
    const { ask, asked } = scripted([
      undefined, // name: main-account
      '123456789012',
      true,
      'other-account',
      ' 210987654321 ',
      false,
      'eu-central-1',
      undefined,
      undefined,
      '45',
      undefined,
      'arn:aws:iam::123456789012:mfa/alice-phone',
    ]);
    const result = await askInitAnswers(ask);
    expect(result).toEqual({
      accounts: [
        { name: 'main-account', id: '123456789012' },
        { name: 'other-account', id: '210987654321' },
      ],
      defaultRegion: 'eu-central-1',
      mainAccountProfile: 'main-account',
      mfaSessionProfile: 'main-account-mfa-session',
      roleDurations: { AdminAccess: 45, DeveloperAccess: 240 },
      mfaSerial: 'arn:aws:iam::123456789012:mfa/alice-phone',
    });
    expect(asked.map((q) => q.message)).toEqual([
      'Account name (your main account, where your IAM user is)',
      '12-digit account id of main-account',
      'Add another account?',
      'Account name',
      '12-digit account id of other-account',
      'Add another account?',
      'Default region',
      'Profile that holds your access key (profiles.mainAccount)',
      'Profile for the MFA session (profiles.mainAccountMfaSession)',
      'AdminAccess session length in minutes (durationMinutes)',
      'DeveloperAccess session length in minutes (durationMinutes)',
      'MFA device ARN (mfaSerial; leave empty to look it up in IAM)',
    ]);
    // The second name question refuses the first account's name.
    expect(asked[3]!.validate!('main-account')).toMatch(/already an account/);
    // The MFA session profile must differ from the key's profile.
    expect(asked[8]!.validate!('main-account')).toMatch(/Must differ/);
    expect(parseConfig(renderConfig(result), undefined).mfaSerial).toBe(
      'arn:aws:iam::123456789012:mfa/alice-phone',
    );
  });

  it('leaves mfaSerial out when the answer is empty', async () => {
    const { ask } = scripted(['main', '123456789012', false, ...Array(6).fill(undefined)]);
    const result = await askInitAnswers(ask);
    expect(result.mfaSerial).toBeUndefined();
    expect(result.accounts).toEqual([{ name: 'main', id: '123456789012' }]);
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
    expect(check.durationMinutes('60')).toBe(true);
    expect(check.durationMinutes('10')).toMatch(/between 15 and 720/);
    expect(check.durationMinutes('1.5')).toMatch(/whole number/);
    expect(check.optionalMfaSerial('')).toBe(true);
    expect(check.optionalMfaSerial('alice-phone')).toMatch(/ARN/);
  });
});
