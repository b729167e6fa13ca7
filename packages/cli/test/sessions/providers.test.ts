// Each provider of the chain alone: the role provider with a fake source, the cache provider with a fake
// role provider, the IAM user source with a fake AWS. The composed chain is role-credentials.test.ts.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AssumeRoleInput, AwsApi, TemporaryCredentials } from '../../src/aws/types.js';
import { readProfiles } from '../../src/aws-files/profile-store.js';
import { parseConfig } from '../../src/config/parse.js';
import { cachedRoleProvider } from '../../src/sessions/cache-provider.js';
import { iamUserSource } from '../../src/sessions/iam-user-source.js';
import type { ObtainedRole, SourceIdentity } from '../../src/sessions/providers.js';
import { roleProvider } from '../../src/sessions/role-provider.js';
import type { ChainContext } from '../../src/sessions/types.js';

const T0 = new Date('2026-11-25T08:00:00Z');
const ACCOUNT = { name: 'main-account', id: '123456789012' };
const inHours = (hours: number) => new Date(T0.getTime() + hours * 3_600_000);
const temporary = (name: string, expiration: Date): TemporaryCredentials => ({
  accessKeyId: `ASIA${name}`,
  secretAccessKey: `${name}-secret`,
  sessionToken: `${name}-token`,
  expiration,
});

let dir: string;
let assumed: { credentials: unknown; input: AssumeRoleInput }[];
let calls: string[];

function context(configText = ''): ChainContext {
  const api = {
    assumeRole: vi.fn(async (credentials, input: AssumeRoleInput) => {
      calls.push('AssumeRole');
      assumed.push({ credentials, input });
      return temporary('ROLE', inHours(1));
    }),
    listMfaDevices: vi.fn(async () => {
      calls.push('ListMFADevices');
      return [
        { userName: 'alice', serialNumber: 'arn:aws:iam::123456789012:u2f/user/alice/fido' },
        { userName: 'alice', serialNumber: 'arn:aws:iam::123456789012:mfa/alice-phone' },
      ];
    }),
    getSessionToken: vi.fn(async () => {
      calls.push('GetSessionToken');
      return temporary('SESSION', inHours(12));
    }),
  } as unknown as AwsApi;
  return {
    config: parseConfig(
      `defaultRegion = "eu-west-1"\n[accounts]\nmain-account = "123456789012"\n${configText}`,
      join(dir, 'config.toml'),
    ),
    paths: { credentials: join(dir, 'credentials'), config: join(dir, 'config') },
    api: () => api,
    askMfaCode: async () => ({ code: '123456', canRetry: false }),
    now: () => T0,
  };
}

function fakeSource(mfaSerial = 'arn:aws:iam::123456789012:mfa/alice'): SourceIdentity & { used: string[] } {
  const used: string[] = [];
  return {
    used,
    identity: { userName: 'alice', mfaSerial, sourceAccessKeyId: 'AKIAMAIN' },
    async withMfaSession(_maxAge, use) {
      used.push('session');
      return { value: await use(temporary('SESSION', inHours(1))) };
    },
    async withMfaCode(call) {
      used.push('code');
      const value = await call(
        { accessKeyId: 'AKIAMAIN', secretAccessKey: 'main-secret' },
        { serialNumber: mfaSerial, tokenCode: '123456' },
      );
      return { value, remember: { awst_mfa_serial: mfaSerial } };
    },
  };
}

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'awst-providers-'));
  writeFileSync(
    join(dir, 'credentials'),
    '[main-account]\naws_access_key_id = AKIAMAIN\naws_secret_access_key = main-secret\n',
  );
  assumed = [];
  calls = [];
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('roleProvider', () => {
  it('session mode: AssumeRole with the MFA session, at most an hour, no code', async () => {
    const source = fakeSource();
    const ctx = context();
    const obtained = await roleProvider(ctx, async () => source)(await readProfiles(ctx.paths), {
      account: ACCOUNT,
      role: 'DeveloperAccess',
    });
    expect(source.used).toEqual(['session']);
    expect(assumed[0]!.input).toEqual({
      roleArn: 'arn:aws:iam::123456789012:role/DeveloperAccess',
      roleSessionName: 'alice',
      durationSeconds: 3600,
    });
    expect(assumed[0]!.credentials).toMatchObject({ accessKeyId: 'ASIASESSION' });
    expect(obtained.source).toBe('mfa-session');
  });

  it('direct mode: AssumeRole with the key and a code, for the full length, in the device partition', async () => {
    const source = fakeSource('arn:aws-cn:iam::123456789012:mfa/alice');
    const ctx = context('[roles.DeveloperAccess]\nmode = "direct"\n');
    const obtained = await roleProvider(ctx, async () => source)(await readProfiles(ctx.paths), {
      account: ACCOUNT,
      role: 'DeveloperAccess',
    });
    expect(source.used).toEqual(['code']);
    expect(assumed[0]!.input).toMatchObject({
      roleArn: 'arn:aws-cn:iam::123456789012:role/DeveloperAccess',
      durationSeconds: 4 * 3600,
      mfa: { serialNumber: 'arn:aws-cn:iam::123456789012:mfa/alice', tokenCode: '123456' },
    });
    expect(assumed[0]!.credentials).toEqual({ accessKeyId: 'AKIAMAIN', secretAccessKey: 'main-secret' });
    expect(obtained).toMatchObject({
      source: 'direct',
      sourceProfile: { awst_mfa_serial: expect.any(String) },
    });
  });
});

describe('cachedRoleProvider', () => {
  const obtained: ObtainedRole = {
    roleArn: 'arn:aws:iam::123456789012:role/DeveloperAccess',
    credentials: temporary('ROLE', inHours(1)),
    source: 'direct',
    sourceProfile: { awst_user_name: 'alice' },
  };
  const request = { account: ACCOUNT, role: 'DeveloperAccess' };

  it('calls the inner provider on a miss, stores its credentials and what the source remembers', async () => {
    const ctx = context();
    const inner = vi.fn(async () => obtained);
    const first = await cachedRoleProvider(ctx, inner)(request);
    expect(inner).toHaveBeenCalledTimes(1);
    expect(first.result).toMatchObject({ profile: 'main-account DeveloperAccess', source: 'direct' });
    const file = readFileSync(ctx.paths.credentials, 'utf8');
    expect(file).toContain('[main-account DeveloperAccess]\naws_access_key_id = ASIAROLE');
    expect(file).toContain('awst_role_arn = arn:aws:iam::123456789012:role/DeveloperAccess');
    expect(file).toMatch(/\[main-account-mfa-session\]\nawst_user_name = alice/);

    const second = await cachedRoleProvider(ctx, inner)(request);
    expect(inner).toHaveBeenCalledTimes(1);
    expect(second.result.source).toBe('cache');
    expect(second.result.credentials.accessKeyId).toBe('ASIAROLE');

    await cachedRoleProvider(ctx, inner)({ ...request, forceRefresh: true });
    expect(inner).toHaveBeenCalledTimes(2);
  });

  it('does not reuse credentials inside the reuse window, and tells --debug why', async () => {
    const ctx = context();
    const lines: string[] = [];
    ctx.debug = (message, fields) => lines.push(`${message} ${JSON.stringify(fields)}`);
    const short = { ...obtained, credentials: temporary('ROLE', new Date(T0.getTime() + 10 * 60_000)) };
    const inner = vi.fn(async () => short);
    await cachedRoleProvider(ctx, inner)(request);
    await cachedRoleProvider(ctx, inner)(request);
    expect(inner).toHaveBeenCalledTimes(2);
    expect(lines.join('\n')).toContain(
      '"reason":"fewer minutes left than the reuse window","minutesLeft":10',
    );
  });
});

describe('iamUserSource', () => {
  it('finds the device that gives codes, and remembers the one that took the code', async () => {
    const ctx = context();
    const source = await iamUserSource(ctx)(await readProfiles(ctx.paths));
    expect(source.identity).toMatchObject({
      userName: 'alice',
      mfaSerial: 'arn:aws:iam::123456789012:mfa/alice-phone',
    });
    const { remember } = await source.withMfaCode(async (credentials, mfa) => {
      expect(credentials.accessKeyId).toBe('AKIAMAIN');
      return mfa.serialNumber;
    }, 'test');
    expect(remember).toMatchObject({ awst_mfa_serial: 'arn:aws:iam::123456789012:mfa/alice-phone' });
    expect(calls).toEqual(['ListMFADevices']);
  });

  it('makes a new MFA session when none is cached and returns it for the cache to store', async () => {
    const ctx = context();
    const source = await iamUserSource(ctx)(await readProfiles(ctx.paths));
    const { value, newSession, remember } = await source.withMfaSession(
      60,
      async (c) => c.accessKeyId,
      'AdminAccess',
    );
    expect(value).toBe('ASIASESSION');
    expect(newSession?.authenticatedAt).toEqual(T0);
    expect(remember).toMatchObject({ aws_access_key_id: 'ASIASESSION', awst_user_name: 'alice' });
    expect(calls).toEqual(['ListMFADevices', 'GetSessionToken']);
  });
});
