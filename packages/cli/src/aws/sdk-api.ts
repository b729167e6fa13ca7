import { importExternal } from '../runtime/import-external.js';
import { translateAwsError } from './errors.js';
import type { AccessKeyInfo, AnyCredentials, AwsApi, TemporaryCredentials } from './types.js';

type StsModule = typeof import('@aws-sdk/client-sts');
type IamModule = typeof import('@aws-sdk/client-iam');

/**
 * The real AwsApi. SDK modules are imported on first use so that the cached path never loads them.
 * Clients get explicit credentials and region, so AWS_PROFILE and the default chain are never read;
 * AWS_ENDPOINT_URL is honoured by the SDK itself.
 */
export function createSdkApi(region: string): AwsApi {
  let sts: Promise<StsModule> | undefined;
  let iam: Promise<IamModule> | undefined;
  const loadSts = () => {
    sts ??= importExternal<StsModule>('@aws-sdk/client-sts');
    return sts;
  };
  const loadIam = () => {
    iam ??= importExternal<IamModule>('@aws-sdk/client-iam');
    return iam;
  };
  const clientConfig = (credentials: AnyCredentials) => ({
    region,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: 'sessionToken' in credentials ? credentials.sessionToken : undefined,
    },
    maxAttempts: 2,
  });

  async function call<T>(action: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      throw translateAwsError(error, action);
    }
  }

  return {
    getSessionToken: (key, input) =>
      call('get an MFA session (sts:GetSessionToken)', async () => {
        const m = await loadSts();
        const out = await withoutNodeVersionWarning(() => new m.STSClient(clientConfig(key))).send(
          new m.GetSessionTokenCommand({
            SerialNumber: input.serialNumber,
            TokenCode: input.tokenCode,
            DurationSeconds: input.durationSeconds,
          }),
        );
        return temporary(out.Credentials);
      }),
    assumeRole: (credentials, input) =>
      call(`assume ${input.roleArn} (sts:AssumeRole)`, async () => {
        const m = await loadSts();
        const out = await withoutNodeVersionWarning(() => new m.STSClient(clientConfig(credentials))).send(
          new m.AssumeRoleCommand({
            RoleArn: input.roleArn,
            RoleSessionName: input.roleSessionName,
            DurationSeconds: input.durationSeconds,
            SerialNumber: input.mfa?.serialNumber,
            TokenCode: input.mfa?.tokenCode,
          }),
        );
        return temporary(out.Credentials);
      }),
    getCallerIdentity: (credentials) =>
      call('check the credentials (sts:GetCallerIdentity)', async () => {
        const m = await loadSts();
        const out = await withoutNodeVersionWarning(() => new m.STSClient(clientConfig(credentials))).send(
          new m.GetCallerIdentityCommand({}),
        );
        return { account: out.Account ?? '', arn: out.Arn ?? '', userId: out.UserId ?? '' };
      }),
    getUser: (credentials) =>
      call('look up your IAM user (iam:GetUser)', async () => {
        const m = await loadIam();
        const out = await withoutNodeVersionWarning(() => new m.IAMClient(clientConfig(credentials))).send(
          new m.GetUserCommand({}),
        );
        return { userName: out.User?.UserName ?? '', arn: out.User?.Arn ?? '' };
      }),
    listMfaDevices: (credentials, userName) =>
      call('list your MFA devices (iam:ListMFADevices)', async () => {
        const m = await loadIam();
        const out = await withoutNodeVersionWarning(() => new m.IAMClient(clientConfig(credentials))).send(
          new m.ListMFADevicesCommand({ UserName: userName }),
        );
        return (out.MFADevices ?? []).map((d) => d.SerialNumber ?? '').filter(Boolean);
      }),
    listAccessKeys: (credentials, userName) =>
      call('list your access keys (iam:ListAccessKeys)', async () => {
        const m = await loadIam();
        const out = await withoutNodeVersionWarning(() => new m.IAMClient(clientConfig(credentials))).send(
          new m.ListAccessKeysCommand({ UserName: userName }),
        );
        return (out.AccessKeyMetadata ?? []).map(
          (k): AccessKeyInfo => ({
            accessKeyId: k.AccessKeyId ?? '',
            status: k.Status === 'Inactive' ? 'Inactive' : 'Active',
            createDate: k.CreateDate ?? new Date(0),
          }),
        );
      }),
    createAccessKey: (credentials, userName) =>
      call('create an access key (iam:CreateAccessKey)', async () => {
        const m = await loadIam();
        const out = await withoutNodeVersionWarning(() => new m.IAMClient(clientConfig(credentials))).send(
          new m.CreateAccessKeyCommand({ UserName: userName }),
        );
        const k = out.AccessKey;
        if (!k?.AccessKeyId || !k.SecretAccessKey) throw new Error('CreateAccessKey returned no key');
        return {
          accessKeyId: k.AccessKeyId,
          secretAccessKey: k.SecretAccessKey,
          createDate: k.CreateDate ?? new Date(),
        };
      }),
    deleteAccessKey: (credentials, userName, accessKeyId) =>
      call(`delete access key ${accessKeyId} (iam:DeleteAccessKey)`, async () => {
        const m = await loadIam();
        await withoutNodeVersionWarning(() => new m.IAMClient(clientConfig(credentials))).send(
          new m.DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId }),
        );
      }),
  };
}

function temporary(
  c: { AccessKeyId?: string; SecretAccessKey?: string; SessionToken?: string; Expiration?: Date } | undefined,
): TemporaryCredentials {
  if (!c?.AccessKeyId || !c.SecretAccessKey || !c.SessionToken || !c.Expiration) {
    throw new Error('STS returned no credentials');
  }
  return {
    accessKeyId: c.AccessKeyId,
    secretAccessKey: c.SecretAccessKey,
    sessionToken: c.SessionToken,
    expiration: c.Expiration,
  };
}

const NODE_WARNING_SWITCH = 'AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED';

/**
 * The SDK warns on stderr about Node 20's end of support when a client is built. That is noise in a
 * user's terminal, so it is silenced for our own clients only: the switch is restored at once, and
 * never reaches the environment of a command `awst run` starts.
 */
function withoutNodeVersionWarning<T>(make: () => T): T {
  const previous = process.env[NODE_WARNING_SWITCH];
  process.env[NODE_WARNING_SWITCH] = 'true';
  try {
    return make();
  } finally {
    if (previous === undefined) delete process.env[NODE_WARNING_SWITCH];
    else process.env[NODE_WARNING_SWITCH] = previous;
  }
}
