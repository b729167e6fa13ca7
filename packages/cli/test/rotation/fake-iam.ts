import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AwsServiceError, SessionInvalidError } from '../../src/aws/errors.js';
import type { AccessKeyInfo, AwsApi, TemporaryCredentials } from '../../src/aws/types.js';
import { parseConfig } from '../../src/config/parse.js';
import { AwsError } from '../../src/errors.js';
import type { ChainContext } from '../../src/sessions/types.js';

export const T0 = new Date('2026-11-25T08:00:00Z');
export const USER = 'alice';
export const SERIAL = 'arn:aws:iam::123456789012:mfa/alice-phone';
export const OLD_ID = 'AKIAOLDKEYEXAMPLE';
export const OLD_SECRET = 'old-secret/with+chars';

type Call = keyof AwsApi;

/**
 * An in-memory IAM user with its keys, behind the AwsApi interface. `failOn` makes a call throw (once, or
 * every time); `after` runs a hook once a call succeeded. Keys a test adds by hand carry an age.
 */
export function fakeIam(now: () => Date) {
  const keys = new Map<string, { secret: string; status: 'Active' | 'Inactive'; createDate: Date }>();
  keys.set(OLD_ID, {
    secret: OLD_SECRET,
    status: 'Active',
    createDate: new Date(T0.getTime() - 9 * 86_400_000),
  });
  const calls: Call[] = [];
  const failures = new Map<Call, { error: Error; times: number }>();
  const hooks = new Map<Call, () => void | Promise<void>>();
  let created = 0;
  let sessions = 0;

  async function step(call: Call) {
    calls.push(call);
    const failure = failures.get(call);
    if (failure && failure.times > 0) {
      failure.times--;
      throw failure.error;
    }
  }
  async function done(call: Call) {
    await hooks.get(call)?.();
  }

  const api: AwsApi = {
    getUser: async () => {
      await step('getUser');
      return { userName: USER, arn: `arn:aws:iam::123456789012:user/${USER}` };
    },
    listMfaDevices: async () => {
      await step('listMfaDevices');
      return [{ userName: USER, serialNumber: SERIAL }];
    },
    getSessionToken: async (_key, input) => {
      await step('getSessionToken');
      sessions++;
      return session(`S${sessions}`, new Date(now().getTime() + input.durationSeconds * 1000));
    },
    assumeRole: async (_c, input) => {
      await step('assumeRole');
      return session('ROLE', new Date(now().getTime() + input.durationSeconds * 1000));
    },
    getCallerIdentity: async (credentials) => {
      await step('getCallerIdentity');
      const k = keys.get(credentials.accessKeyId);
      if (!('sessionToken' in credentials) && (!k || k.secret !== credentials.secretAccessKey)) {
        throw new SessionInvalidError('The security token included in the request is invalid.');
      }
      return { account: '123456789012', arn: `arn:aws:iam::123456789012:user/${USER}`, userId: 'AIDA' };
    },
    listAccessKeys: async () => {
      await step('listAccessKeys');
      return [...keys].map(
        ([accessKeyId, k]): AccessKeyInfo => ({ accessKeyId, status: k.status, createDate: k.createDate }),
      );
    },
    createAccessKey: async () => {
      await step('createAccessKey');
      if (keys.size >= 2) throw new AwsError('LimitExceeded: Cannot exceed quota for AccessKeysPerUser: 2.');
      created++;
      const accessKeyId = `AKIANEW${created}EXAMPLE`;
      const key = { secret: `new-secret-${created}`, status: 'Active' as const, createDate: now() };
      keys.set(accessKeyId, key);
      await done('createAccessKey');
      return { accessKeyId, secretAccessKey: key.secret, createDate: key.createDate };
    },
    deleteAccessKey: async (_c, _u, id) => {
      await step('deleteAccessKey');
      if (!keys.delete(id)) {
        throw new AwsServiceError(
          `delete access key ${id} (iam:DeleteAccessKey) failed: NoSuchEntity: The Access Key with id ${id} cannot be found.`,
          'NoSuchEntity',
        );
      }
    },
    getParameter: async () => {
      throw new Error('key rotation reads no SSM parameter');
    },
  };

  return {
    api,
    keys,
    calls,
    /** Adds a key the file does not hold, created `minutesAgo` before now(). */
    addKey(id: string, status: 'Active' | 'Inactive', createDate: Date) {
      keys.set(id, { secret: `${id}-secret`, status, createDate });
    },
    failOn(call: Call, error: Error, times = Number.POSITIVE_INFINITY) {
      failures.set(call, { error, times });
    },
    after(call: Call, hook: () => void | Promise<void>) {
      hooks.set(call, hook);
    },
    keyIds: () => [...keys.keys()].sort(),
  };
}

export function session(prefix: string, expiration: Date): TemporaryCredentials {
  return {
    accessKeyId: `ASIA${prefix}EXAMPLE`,
    secretAccessKey: `${prefix}-secret`,
    sessionToken: `${prefix}-token`,
    expiration,
  };
}

export const OTHER_PROFILES = `# my notes, keep me
[default]
region = eu-west-1

; a second profile with the same key, as some users keep
[old-copy]
aws_access_key_id = ${OLD_ID}
aws_secret_access_key = ${OLD_SECRET}

[unrelated]
aws_access_key_id = AKIAUNRELATEDEXAMPLE
aws_secret_access_key = unrelated-secret
`;

export function tempCredentials(
  text = `${OTHER_PROFILES}\n[main-account]\naws_access_key_id = ${OLD_ID}\naws_secret_access_key = ${OLD_SECRET}\n`,
) {
  const dir = mkdtempSync(join(tmpdir(), 'awst-rotate-'));
  const paths = { credentials: join(dir, 'credentials'), config: join(dir, 'config') };
  writeFileSync(paths.credentials, text, { mode: 0o600 });
  return paths;
}

export function chainContext(
  paths: { credentials: string; config: string },
  api: AwsApi,
  now: () => Date,
  configText = '',
  codes: { asked: number } = { asked: 0 },
): ChainContext {
  return {
    config: parseConfig(
      `defaultRegion = "eu-west-1"\n${configText}\n[accounts]\nmain-account = "123456789012"\n`,
      join(paths.credentials, '..', 'config.toml'),
    ),
    paths,
    api: () => api,
    askMfaCode: async () => {
      codes.asked++;
      return { code: '123456', canRetry: false };
    },
    now,
  };
}
