import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { AwsServiceError, SessionInvalidError } from '../../src/aws/errors.js';
import type { AssumeRoleInput, AwsApi, TemporaryCredentials } from '../../src/aws/types.js';
import { parseConfig } from '../../src/config/parse.js';
import { AwsError, MfaCodeRejectedError } from '../../src/errors.js';
import { getRoleCredentials } from '../../src/sessions/role-credentials.js';
import type { ChainContext, MfaCodeAnswer } from '../../src/sessions/types.js';

const T0 = new Date('2026-11-25T08:00:00Z');
const ACCOUNT = { name: 'main-account', id: '123456789012' };
const MAIN_KEY = { accessKeyId: 'AKIAMAINEXAMPLE', secretAccessKey: 'main-secret' };

function temporary(prefix: string, expiration: Date): TemporaryCredentials {
  return {
    accessKeyId: `ASIA${prefix}EXAMPLE`,
    secretAccessKey: `${prefix}-secret`,
    sessionToken: `${prefix}-token`,
    expiration,
  };
}

/** A fake AWS that behaves like the real one where moto does not: the 1-hour role-chaining cap. */
function fakeAws(now: () => Date) {
  const calls: string[] = [];
  const assumeInputs: AssumeRoleInput[] = [];
  let sessionCount = 0;
  const api: AwsApi = {
    getUser: vi.fn(async () => {
      calls.push('GetUser');
      return { userName: 'alice', arn: 'arn:aws:iam::123456789012:user/alice' };
    }),
    // As on AWS: without a user name, the devices of the key's own user, each naming that user.
    listMfaDevices: vi.fn(async () => {
      calls.push('ListMFADevices');
      return [{ userName: 'alice', serialNumber: 'arn:aws:iam::123456789012:mfa/alice-yubikey' }];
    }),
    getSessionToken: vi.fn(async (_key, input) => {
      calls.push('GetSessionToken');
      sessionCount++;
      return temporary(`SESSION${sessionCount}`, new Date(now().getTime() + input.durationSeconds * 1000));
    }),
    assumeRole: vi.fn(async (credentials, input) => {
      calls.push('AssumeRole');
      assumeInputs.push(input);
      const chained = 'sessionToken' in credentials;
      if (chained && input.durationSeconds > 3600) {
        throw new AwsError(
          'The requested DurationSeconds exceeds the 1 hour session limit for roles assumed by role chaining.',
        );
      }
      return temporary('ROLE', new Date(now().getTime() + input.durationSeconds * 1000));
    }),
    getCallerIdentity: vi.fn(),
    listAccessKeys: vi.fn(),
    createAccessKey: vi.fn(),
    deleteAccessKey: vi.fn(),
    getParameter: vi.fn(),
  };
  return { api, calls, assumeInputs };
}

let dir: string;
let now: Date;
let aws: ReturnType<typeof fakeAws>;
let answers: MfaCodeAnswer[];
let asked: number;

function context(configText = ''): ChainContext {
  const config = parseConfig(
    `defaultRegion = "eu-west-1"\n[accounts]\nmain-account = "123456789012"\n${configText}`,
    join(dir, 'config.toml'),
  );
  return {
    config,
    paths: { credentials: join(dir, 'credentials'), config: join(dir, 'config') },
    api: () => aws.api,
    askMfaCode: async () => {
      asked++;
      return answers.shift() ?? { code: '123456', canRetry: true };
    },
    now: () => now,
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'awst-chain-'));
  writeFileSync(
    join(dir, 'credentials'),
    '[main-account]\naws_access_key_id = AKIAMAINEXAMPLE\naws_secret_access_key = main-secret\n',
  );
  now = T0;
  aws = fakeAws(() => now);
  answers = [];
  asked = 0;
});

describe('session mode (default)', () => {
  it('never sends more than 3600 seconds from an MFA session, even for a 4-hour role', async () => {
    const result = await getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(aws.assumeInputs[0]!.durationSeconds).toBe(3600);
    expect(aws.assumeInputs[0]!.mfa).toBeUndefined();
    expect(aws.assumeInputs[0]!.roleSessionName).toBe('alice');
    expect(result.source).toBe('new-mfa-session');
    expect(aws.calls).toEqual(['ListMFADevices', 'GetSessionToken', 'AssumeRole']);
  });

  it('asks for less when the role is configured shorter', async () => {
    await getRoleCredentials(context('[roles.AdminAccess]\ndurationMinutes = 30\n'), {
      account: ACCOUNT,
      role: 'AdminAccess',
    });
    expect(aws.assumeInputs[0]!.durationSeconds).toBe(1800);
  });

  it('renews role credentials from the cached session without a prompt', async () => {
    const ctx = context();
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    now = new Date(T0.getTime() + 55 * 60_000); // role credentials have 5 minutes left: below the reuse window
    aws.calls.length = 0;
    const renewed = await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(renewed.source).toBe('mfa-session');
    expect(aws.calls).toEqual(['AssumeRole']);
    expect(asked).toBe(1);
  });

  it('asks for a new code when the session is older than the MFA age the role accepts', async () => {
    const ctx = context();
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    now = new Date(T0.getTime() + 90 * 60_000); // 90 minutes: fine for DeveloperAccess (240), too old for AdminAccess (60)
    aws.calls.length = 0;
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(aws.calls).toEqual(['AssumeRole']);
    aws.calls.length = 0;
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'AdminAccess' });
    expect(aws.calls).toEqual(['GetSessionToken', 'AssumeRole']);
    expect(asked).toBe(2);
  });

  it('gets a new session when AWS says the cached one is invalid', async () => {
    const ctx = context();
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    vi.mocked(aws.api.assumeRole).mockRejectedValueOnce(
      new SessionInvalidError('The security token included in the request is invalid.'),
    );
    aws.calls.length = 0;
    const result = await getRoleCredentials(ctx, {
      account: ACCOUNT,
      role: 'DeveloperAccess',
      forceRefresh: true,
    });
    expect(result.source).toBe('new-mfa-session');
    expect(aws.calls).toEqual(['GetSessionToken', 'AssumeRole']);
  });
});

describe('direct mode', () => {
  it("uses the long-term key with the MFA code for the role's full duration", async () => {
    const ctx = context('[roles.DeveloperAccess]\nmode = "direct"\n');
    const result = await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(aws.calls).toEqual(['ListMFADevices', 'AssumeRole']);
    expect(aws.assumeInputs[0]).toMatchObject({
      durationSeconds: 14400,
      mfa: { serialNumber: 'arn:aws:iam::123456789012:mfa/alice-yubikey', tokenCode: '123456' },
    });
    expect(result.source).toBe('direct');
    expect(result.credentials.expiration.getTime() - T0.getTime()).toBe(4 * 3600_000);
  });
});

describe('MFA codes', () => {
  it('re-prompts a rejected terminal code up to three times', async () => {
    vi.mocked(aws.api.getSessionToken)
      .mockRejectedValueOnce(new MfaCodeRejectedError('AWS rejected the MFA code'))
      .mockRejectedValueOnce(new MfaCodeRejectedError('AWS rejected the MFA code'));
    const result = await getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(asked).toBe(3);
    expect(result.source).toBe('new-mfa-session');
  });

  it('gives up after three rejected codes', async () => {
    vi.mocked(aws.api.getSessionToken).mockRejectedValue(
      new MfaCodeRejectedError('AWS rejected the MFA code'),
    );
    await expect(
      getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' }),
    ).rejects.toThrow(MfaCodeRejectedError);
    expect(asked).toBe(3);
  });

  it('does not ask again for a code that came from a flag', async () => {
    answers = [{ code: '123456', canRetry: false }];
    vi.mocked(aws.api.getSessionToken).mockRejectedValue(
      new MfaCodeRejectedError('AWS rejected the MFA code'),
    );
    await expect(
      getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' }),
    ).rejects.toThrow(MfaCodeRejectedError);
    expect(asked).toBe(1);
  });

  it('never prompts again on an error that is not about MFA', async () => {
    const ctx = context();
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    vi.mocked(aws.api.assumeRole).mockRejectedValue(
      new AwsError('assume failed: AccessDenied: not authorized to perform sts:AssumeRole.'),
    );
    const before = readFileSync(join(dir, 'credentials'), 'utf8');
    await expect(getRoleCredentials(ctx, { account: ACCOUNT, role: 'AdminAccess' })).rejects.toThrow(
      /AccessDenied/,
    );
    expect(asked).toBe(1);
    expect(readFileSync(join(dir, 'credentials'), 'utf8')).toBe(before);
  });

  it('uses mfaSerial from the config without asking IAM for devices', async () => {
    const ctx = context('');
    ctx.config.mfaSerial = 'arn:aws:iam::123456789012:mfa/configured';
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(aws.calls).toEqual(['GetUser', 'GetSessionToken', 'AssumeRole']);
  });
});

describe('finding the user and the MFA device', () => {
  it('asks AWS once: ListMFADevices without a user name names the user and the device', async () => {
    await getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(vi.mocked(aws.api.listMfaDevices).mock.calls).toEqual([[MAIN_KEY]]);
    expect(aws.assumeInputs[0]!.roleSessionName).toBe('alice');
  });

  it('falls back to GetUser and a named ListMFADevices where the emulator needs the name (moto 5.2)', async () => {
    vi.mocked(aws.api.listMfaDevices).mockRejectedValueOnce(
      new AwsServiceError('The user with name None cannot be found.', 'NoSuchEntity'),
    );
    await getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(vi.mocked(aws.api.listMfaDevices).mock.calls).toEqual([[MAIN_KEY], [MAIN_KEY, 'alice']]);
    expect(aws.calls).toEqual(['GetUser', 'ListMFADevices', 'GetSessionToken', 'AssumeRole']);
  });

  it('does not hide another refusal behind the fallback', async () => {
    vi.mocked(aws.api.listMfaDevices).mockRejectedValueOnce(
      new AwsServiceError('not authorized to perform iam:ListMFADevices', 'AccessDenied'),
    );
    await expect(
      getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' }),
    ).rejects.toThrow(/not authorized to perform iam:ListMFADevices/);
    expect(aws.api.listMfaDevices).toHaveBeenCalledTimes(1);
    expect(aws.api.getUser).not.toHaveBeenCalled();
  });

  it('names the user when the key has no MFA device', async () => {
    vi.mocked(aws.api.listMfaDevices).mockResolvedValueOnce([]);
    await expect(
      getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' }),
    ).rejects.toThrow(/IAM user alice has no MFA device/);
    expect(asked).toBe(0);
  });
});

describe('which MFA device', () => {
  const OLD = 'arn:aws:iam::123456789012:mfa/alice-yubikey';
  const NEW = 'arn:aws:iam::123456789012:mfa/alice-new-phone';
  const FIDO = 'arn:aws:iam::123456789012:u2f/user/alice/laptop-ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  let devices: string[];
  let notes: string[];

  /** IAM as it is after the user replaced their phone: AWS checks a code against the named device only. */
  function useDevices(serials: string[]) {
    devices = serials;
    vi.mocked(aws.api.listMfaDevices).mockImplementation(async () => {
      aws.calls.push('ListMFADevices');
      return devices.map((serialNumber) => ({ userName: 'alice', serialNumber }));
    });
    const original = vi.mocked(aws.api.getSessionToken).getMockImplementation()!;
    vi.mocked(aws.api.getSessionToken).mockImplementation(async (key, input) => {
      if (!devices.includes(input.serialNumber)) {
        aws.calls.push('GetSessionToken');
        throw new MfaCodeRejectedError('AWS rejected the MFA code');
      }
      return original(key, input);
    });
  }

  function withNotes(ctx: ChainContext): ChainContext {
    notes = [];
    return { ...ctx, note: (line) => notes.push(line) };
  }

  /** Every cached credential expired, as after a night: the next run is cold, the identity remembered. */
  function nextMorning() {
    now = new Date(now.getTime() + 16 * 3600_000);
    aws.calls.length = 0;
  }

  it('skips FIDO security keys, which give no code, and uses the authenticator app', async () => {
    useDevices([FIDO, NEW]);
    await getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(vi.mocked(aws.api.getSessionToken).mock.calls[0]![1].serialNumber).toBe(NEW);
  });

  it('says so when the user has only FIDO security keys', async () => {
    useDevices([FIDO]);
    await expect(
      getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' }),
    ).rejects.toThrow(
      /^IAM user alice has only FIDO security keys as MFA devices, and AWS takes no code from those outside the console\. Assign a virtual MFA device/,
    );
    expect(asked).toBe(0);
  });

  it('a replaced device: the same code is tried with the new one, which awst remembers from then on', async () => {
    useDevices([OLD]);
    const ctx = withNotes(context());
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(readFileSync(join(dir, 'credentials'), 'utf8')).toContain(`awst_mfa_serial = ${OLD}`);

    devices = [NEW];
    nextMorning();
    answers = [{ code: '654321', canRetry: false }];
    const result = await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(result.source).toBe('new-mfa-session');
    expect(aws.calls).toEqual(['GetSessionToken', 'ListMFADevices', 'GetSessionToken', 'AssumeRole']);
    expect(vi.mocked(aws.api.getSessionToken).mock.calls.at(-1)![1]).toMatchObject({
      serialNumber: NEW,
      tokenCode: '654321',
    });
    expect(asked).toBe(2);
    expect(notes).toEqual([
      `The MFA device awst remembered (${OLD}) is no longer assigned to alice: using ${NEW}.`,
    ]);
    const text = readFileSync(join(dir, 'credentials'), 'utf8');
    expect(text).toContain(`awst_mfa_serial = ${NEW}`);
    expect(text).not.toContain(OLD);

    nextMorning();
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(aws.calls).toEqual(['GetSessionToken', 'AssumeRole']);
  });

  it('a replaced device in direct mode: the same, with AssumeRole', async () => {
    useDevices([OLD]);
    const ctx = withNotes(context('[roles.DeveloperAccess]\nmode = "direct"\n'));
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    devices = [NEW];
    vi.mocked(aws.api.assumeRole).mockImplementationOnce(async () => {
      throw new MfaCodeRejectedError('AWS rejected the MFA code');
    });
    nextMorning();
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(aws.assumeInputs.at(-1)!.mfa!.serialNumber).toBe(NEW);
    expect(readFileSync(join(dir, 'credentials'), 'utf8')).toContain(`awst_mfa_serial = ${NEW}`);
  });

  it('a wrong code for a device the user still has: asked once more, nothing else changes', async () => {
    useDevices([OLD]);
    const ctx = withNotes(context());
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    nextMorning();
    vi.mocked(aws.api.getSessionToken).mockRejectedValueOnce(
      new MfaCodeRejectedError('AWS rejected the MFA code'),
    );
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(asked).toBe(3);
    expect(aws.calls).toEqual(['ListMFADevices', 'GetSessionToken', 'AssumeRole']);
    expect(notes).toEqual([]);
  });

  it("a configured mfaSerial that is no longer the user's device: names the setting and the current device", async () => {
    useDevices([NEW]);
    const ctx = context();
    ctx.config.mfaSerial = OLD;
    await expect(getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' })).rejects.toThrow(
      `mfaSerial in ${join(dir, 'config.toml')} is ${OLD}, which is no longer an MFA device of IAM user alice (their device now: ${NEW}). Set mfaSerial to the current device, or remove it so that awst finds the device itself.`,
    );
  });
});

describe('missing main key', () => {
  it('says how to add it', async () => {
    writeFileSync(join(dir, 'credentials'), '');
    await expect(
      getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' }),
    ).rejects.toThrow(/aws configure --profile main-account/);
  });
});

describe('a long-term key is never overwritten with temporary credentials', () => {
  it('refuses mainAccountMfaSession = "default" when [default] holds a key, before any AWS call or prompt', async () => {
    const file = join(dir, 'credentials');
    const text =
      '[main-account]\naws_access_key_id = AKIAMAINEXAMPLE\naws_secret_access_key = main-secret\n[default]\nAWS_ACCESS_KEY_ID: AKIADEFAULTUSER\naws_secret_access_key = other\n';
    writeFileSync(file, text);
    const ctx = context('[profiles]\nmainAccountMfaSession = "default"\n');
    await expect(getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' })).rejects.toThrow(
      /\[default\] in .* holds the long-term access key AKIADEFAULTUSER, which awst will not overwrite/,
    );
    expect(aws.calls).toEqual([]);
    expect(asked).toBe(0);
    expect(readFileSync(file, 'utf8')).toBe(text);
  });
});

describe('the main key', () => {
  it('says when a header botocore reads under another name looks like the main profile', async () => {
    writeFileSync(
      join(dir, 'credentials'),
      '[ main-account ]\naws_access_key_id = AKIAMAINEXAMPLE\naws_secret_access_key = main-secret\n',
    );
    await expect(
      getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' }),
    ).rejects.toThrow('The header [ main-account ] there is not [main-account] for the AWS tools');
    expect(aws.calls).toEqual([]);
  });

  it('reads a main key written with upper-case names and key: value', async () => {
    writeFileSync(
      join(dir, 'credentials'),
      '[main-account]\nAWS_ACCESS_KEY_ID: AKIAMAINEXAMPLE\nAWS_SECRET_ACCESS_KEY = main-secret\n',
    );
    const result = await getRoleCredentials(context(), { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(result.source).toBe('new-mfa-session');
    expect(aws.api.getSessionToken).toHaveBeenCalledWith(
      { accessKeyId: 'AKIAMAINEXAMPLE', secretAccessKey: 'main-secret' },
      expect.anything(),
    );
  });
});

describe('refresh windows (README "Refresh windows")', () => {
  const minutes = (m: number) => new Date(T0.getTime() + m * 60_000);

  it('a 15-minute role: 50 calls a second apart cost one AssumeRole (reused while 10 minutes remain)', async () => {
    const ctx = context('[roles.Short]\ndurationMinutes = 15\n');
    for (let call = 0; call < 50; call++) {
      now = new Date(T0.getTime() + call * 1000);
      await getRoleCredentials(ctx, { account: ACCOUNT, role: 'Short' });
    }
    expect(aws.calls.filter((c) => c === 'AssumeRole')).toHaveLength(1);
    now = minutes(5.1); // 9.9 minutes left: inside botocore's mandatory window, so renewed
    expect((await getRoleCredentials(ctx, { account: ACCOUNT, role: 'Short' })).source).toBe('mfa-session');
  });

  it('a 20-minute role is reused while 15 minutes remain, and renewed below', async () => {
    const ctx = context('[roles.Twenty]\ndurationMinutes = 20\n');
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'Twenty' });
    now = minutes(4.9);
    expect((await getRoleCredentials(ctx, { account: ACCOUNT, role: 'Twenty' })).source).toBe('cache');
    now = minutes(5.1);
    expect((await getRoleCredentials(ctx, { account: ACCOUNT, role: 'Twenty' })).source).toBe('mfa-session');
  });

  it('says once, through noteOnce, that session mode caps a 4-hour role at one hour, with the fix', async () => {
    const notes: string[] = [];
    const ctx = { ...context(), noteOnce: (line: string) => notes.push(line) };
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'AdminAccess' });
    expect(notes).toEqual([
      expect.stringMatching(/DeveloperAccess .*240 minutes.*after 60.*mode = "direct"/),
    ]);
  });
});

describe('one profile, one identity', () => {
  it('stores the role ARN with the credentials and reuses them only for that role', async () => {
    const ctx = context();
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    const file = join(dir, 'credentials');
    expect(readFileSync(file, 'utf8')).toContain(
      'awst_role_arn = arn:aws:iam::123456789012:role/DeveloperAccess',
    );
    // Another pair that (through a name both share) reads the same profile: not reused.
    const other = { name: 'main-account', id: '111111111111' };
    aws.calls.length = 0;
    const result = await getRoleCredentials(ctx, { account: other, role: 'DeveloperAccess' });
    expect(result.source).toBe('mfa-session');
    expect(aws.assumeInputs.at(-1)!.roleArn).toBe('arn:aws:iam::111111111111:role/DeveloperAccess');
  });

  it('does not reuse credentials cached without a role ARN (written before awst stored it)', async () => {
    const ctx = context();
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    const file = join(dir, 'credentials');
    writeFileSync(file, readFileSync(file, 'utf8').replace(/awst_role_arn = .*\n/, ''));
    expect((await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' })).source).toBe(
      'mfa-session',
    );
  });
});

describe('partitions', () => {
  for (const partition of ['aws', 'aws-cn', 'aws-us-gov']) {
    it(`builds the role ARN in the MFA device's partition: ${partition}`, async () => {
      const ctx = context();
      ctx.config.mfaSerial = `arn:${partition}:iam::123456789012:mfa/alice`;
      const result = await getRoleCredentials(ctx, { account: ACCOUNT, role: 'AdminAccess' });
      expect(aws.assumeInputs[0]!.roleArn).toBe(`arn:${partition}:iam::123456789012:role/AdminAccess`);
      expect(result.roleArn).toBe(`arn:${partition}:iam::123456789012:role/AdminAccess`);
      expect((await getRoleCredentials(ctx, { account: ACCOUNT, role: 'AdminAccess' })).roleArn).toBe(
        result.roleArn,
      );
    });
  }
});

describe('a prompt says why', () => {
  it('names the MFA age and what the role accepts, and the pair being renewed', async () => {
    const questions: Parameters<ChainContext['askMfaCode']>[0][] = [];
    const base = context();
    const ctx: ChainContext = {
      ...base,
      askMfaCode: async (question) => {
        questions.push(question);
        return base.askMfaCode(question);
      },
    };
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(questions[0]!.reason).toBeUndefined(); // the first code of the day needs no reason
    now = new Date(T0.getTime() + 90 * 60_000);
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'AdminAccess' });
    expect(questions[1]).toMatchObject({
      reason: 'your MFA code is 90 min old; AdminAccess accepts 60',
      pair: { account: 'main-account', role: 'AdminAccess' },
    });
  });
});

describe('a file botocore already cannot read', () => {
  it('still gets its own section, with a warning naming the line that breaks it for the AWS CLI', async () => {
    const file = join(dir, 'credentials');
    writeFileSync(file, `${readFileSync(file, 'utf8')}[other]\nregion = a\n[other]\nregion = b\n`);
    const notes: string[] = [];
    const ctx = { ...context(), note: (line: string) => notes.push(line) };
    await getRoleCredentials(ctx, { account: ACCOUNT, role: 'DeveloperAccess' });
    expect(readFileSync(file, 'utf8')).toContain('[main-account DeveloperAccess]');
    expect(notes).toContainEqual(
      `awst: warning: ${file} cannot be read by the AWS CLI or boto3 at all (line 6: section [other] appears twice); awst wrote its own section, but fix that line for them.`,
    );
  });
});
