import { AwsError } from '../errors.js';
import { importExternal } from '../runtime/import-external.js';
import { callBound, clientConfig, endpointFromEnv } from './client-config.js';
import { type CallContext, isAwsErrorCode, translateAwsError } from './errors.js';
import { PARTITIONS, partitionOfRegion } from './partition.js';
import type { AccessKeyInfo, AnyCredentials, AwsApi, MfaDevice, TemporaryCredentials } from './types.js';

type StsModule = typeof import('@aws-sdk/client-sts');
type IamModule = typeof import('@aws-sdk/client-iam');
type SsmModule = typeof import('@aws-sdk/client-ssm');
type AnyModule = StsModule & IamModule & SsmModule;
type Service = 'STS' | 'IAM' | 'SSM';

export interface SdkApiOptions {
  /** The region of every call: the one configured for the main account, never AWS_REGION or a profile's. */
  region: string;
  /** Where the long-term key is kept, so that a rejected key is named with its profile and file. */
  mainKey: {
    profile: string;
    file: string;
    /** Read only when AWS refuses the key: a sentence about an unfinished key rotation, if there is one. */
    unfinishedRotation?: () => Promise<string | undefined>;
  };
  env?: NodeJS.ProcessEnv;
}

/** Beyond this the clock is wrong enough that AWS refuses other tools' signatures and expiry times mislead. */
export const MAX_CLOCK_SKEW_MS = 5 * 60_000;

/**
 * The real AwsApi. SDK modules are imported on first use so that the cached path never loads them. Every
 * client is configured explicitly (client-config.ts), so neither the shared files nor AWS_PROFILE nor
 * AWS_REGION reach awst's own calls.
 */
export function createSdkApi(options: SdkApiOptions): AwsApi {
  const env = options.env ?? process.env;
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
  // Only `awst init` reads SSM (the published team config), so only it loads this client.
  let ssm: Promise<SsmModule> | undefined;
  const loadSsm = () => {
    ssm ??= importExternal<SsmModule>('@aws-sdk/client-ssm');
    return ssm;
  };
  const load = (service: Service): Promise<unknown> =>
    service === 'STS' ? loadSts() : service === 'IAM' ? loadIam() : loadSsm();
  const dnsSuffix = PARTITIONS[partitionOfRegion(options.region)].dnsSuffix;
  const FALLBACK_ENDPOINT: Record<Service, string> = {
    STS: `https://sts.${options.region}.${dnsSuffix}`,
    IAM: `https://iam.${dnsSuffix}`,
    SSM: `https://ssm.${options.region}.${dnsSuffix}`,
  };

  interface Call<T> {
    service: Service;
    action: string;
    credentials: AnyCredentials;
    command: (m: AnyModule) => unknown;
    read: (out: never) => T;
    /** Calls that change nothing (or only hand out credentials) also check the clock against AWS's. */
    checksClock: boolean;
    timeoutMs?: number;
  }

  async function call<T>(c: Call<T>): Promise<T> {
    const fallbackEndpoint = endpointFromEnv(env, c.service) ?? FALLBACK_ENDPOINT[c.service];
    const context: CallContext = { action: c.action, endpoint: fallbackEndpoint };
    if (!('sessionToken' in c.credentials) || !c.credentials.sessionToken) {
      context.mainKey = {
        accessKeyId: c.credentials.accessKeyId,
        profile: options.mainKey.profile,
        file: options.mainKey.file,
      };
    }
    let client: SdkClient | undefined;
    let out: unknown;
    try {
      const m = (await load(c.service)) as AnyModule;
      const config = clientConfig(c.service, options.region, c.credentials, env);
      client = withoutNodeVersionWarning(() =>
        c.service === 'STS'
          ? new m.STSClient(config)
          : c.service === 'IAM'
            ? new m.IAMClient(config)
            : new m.SSMClient(config),
      ) as unknown as typeof client;
      recordEndpoint(client!, (url) => {
        context.endpoint = url;
      });
      out = await client!.send(c.command(m) as never, { abortSignal: callBound(c.timeoutMs) });
    } catch (error) {
      if (context.mainKey && options.mainKey.unfinishedRotation) {
        context.mainKey.unfinishedRotation = await options.mainKey
          .unfinishedRotation()
          .catch(() => undefined);
      }
      throw translateAwsError(error, context);
    }
    if (c.checksClock) checkClock(client!.config.systemClockOffset);
    return c.read(out as never);
  }

  return {
    getSessionToken: (key, input) =>
      call({
        service: 'STS',
        action: 'get an MFA session (sts:GetSessionToken)',
        credentials: key,
        checksClock: true,
        command: (m) =>
          new m.GetSessionTokenCommand({
            SerialNumber: input.serialNumber,
            TokenCode: input.tokenCode,
            DurationSeconds: input.durationSeconds,
          }),
        read: (out: { Credentials?: StsCredentials }) => temporary(out.Credentials, 'sts:GetSessionToken'),
      }),
    assumeRole: (credentials, input) =>
      call({
        service: 'STS',
        action: `assume ${input.roleArn} (sts:AssumeRole)`,
        credentials,
        checksClock: true,
        command: (m) =>
          new m.AssumeRoleCommand({
            RoleArn: input.roleArn,
            RoleSessionName: input.roleSessionName,
            DurationSeconds: input.durationSeconds,
            SerialNumber: input.mfa?.serialNumber,
            TokenCode: input.mfa?.tokenCode,
          }),
        read: (out: { Credentials?: StsCredentials }) => temporary(out.Credentials, 'sts:AssumeRole'),
      }),
    getCallerIdentity: (credentials, callOptions) =>
      call({
        service: 'STS',
        action: 'check the credentials (sts:GetCallerIdentity)',
        credentials,
        checksClock: true,
        timeoutMs: callOptions?.timeoutMs,
        command: (m) => new m.GetCallerIdentityCommand({}),
        read: (out: { Account?: string; Arn?: string; UserId?: string }) => ({
          account: required(out.Account, 'sts:GetCallerIdentity', 'Account'),
          arn: required(out.Arn, 'sts:GetCallerIdentity', 'Arn'),
          userId: required(out.UserId, 'sts:GetCallerIdentity', 'UserId'),
        }),
      }),
    getUser: (credentials) =>
      call({
        service: 'IAM',
        action: 'look up your IAM user (iam:GetUser)',
        credentials,
        checksClock: true,
        command: (m) => new m.GetUserCommand({}),
        read: (out: { User?: { UserName?: string; Arn?: string } }) => ({
          userName: required(out.User?.UserName, 'iam:GetUser', 'User.UserName'),
          arn: required(out.User?.Arn, 'iam:GetUser', 'User.Arn'),
        }),
      }),
    listMfaDevices: (credentials, userName) =>
      call({
        service: 'IAM',
        action: 'list your MFA devices (iam:ListMFADevices)',
        credentials,
        checksClock: true,
        command: (m) => new m.ListMFADevicesCommand(userName ? { UserName: userName } : {}),
        read: (out: { MFADevices?: { UserName?: string; SerialNumber?: string }[] }) =>
          required(out.MFADevices, 'iam:ListMFADevices', 'MFADevices').map(
            (d): MfaDevice => ({
              userName: required(d.UserName, 'iam:ListMFADevices', 'MFADevices[].UserName'),
              serialNumber: required(d.SerialNumber, 'iam:ListMFADevices', 'MFADevices[].SerialNumber'),
            }),
          ),
      }),
    listAccessKeys: (credentials, userName) =>
      call({
        service: 'IAM',
        action: 'list your access keys (iam:ListAccessKeys)',
        credentials,
        checksClock: true,
        command: (m) => new m.ListAccessKeysCommand({ UserName: userName }),
        read: (out: { AccessKeyMetadata?: { AccessKeyId?: string; Status?: string; CreateDate?: Date }[] }) =>
          required(out.AccessKeyMetadata, 'iam:ListAccessKeys', 'AccessKeyMetadata').map(
            (k): AccessKeyInfo => {
              const status = required(k.Status, 'iam:ListAccessKeys', 'Status');
              if (status !== 'Active' && status !== 'Inactive') {
                throw malformed('iam:ListAccessKeys', `Status "${status}"`);
              }
              return {
                accessKeyId: required(k.AccessKeyId, 'iam:ListAccessKeys', 'AccessKeyId'),
                status,
                createDate: required(k.CreateDate, 'iam:ListAccessKeys', 'CreateDate'),
              };
            },
          ),
      }),
    createAccessKey: (credentials, userName) =>
      call({
        service: 'IAM',
        action: 'create an access key (iam:CreateAccessKey)',
        credentials,
        checksClock: false,
        command: (m) => new m.CreateAccessKeyCommand({ UserName: userName }),
        read: (out: {
          AccessKey?: { AccessKeyId?: string; SecretAccessKey?: string; CreateDate?: Date };
        }) => ({
          accessKeyId: required(out.AccessKey?.AccessKeyId, 'iam:CreateAccessKey', 'AccessKeyId'),
          secretAccessKey: required(out.AccessKey?.SecretAccessKey, 'iam:CreateAccessKey', 'SecretAccessKey'),
          // The key exists and its secret arrived: losing it over a missing date would orphan it.
          createDate: out.AccessKey?.CreateDate,
        }),
      }),
    getParameter: async (credentials, name) => {
      try {
        return await call({
          service: 'SSM',
          action: `read the team's awst configuration (ssm:GetParameter ${name})`,
          credentials,
          checksClock: true,
          command: (m) => new m.GetParameterCommand({ Name: name }),
          read: (out: { Parameter?: { Value?: string } }) =>
            required(out.Parameter?.Value, 'ssm:GetParameter', 'Parameter.Value'),
        });
      } catch (error) {
        if (isAwsErrorCode(error, 'ParameterNotFound')) return undefined;
        throw error;
      }
    },
    deleteAccessKey: (credentials, userName, accessKeyId) =>
      call({
        service: 'IAM',
        action: `delete access key ${accessKeyId} (iam:DeleteAccessKey)`,
        credentials,
        checksClock: false,
        command: (m) => new m.DeleteAccessKeyCommand({ UserName: userName, AccessKeyId: accessKeyId }),
        read: () => undefined,
      }),
  };
}

interface SdkClient {
  send: (command: never, options: object) => Promise<unknown>;
  config: { systemClockOffset?: number };
  middlewareStack: { add: (middleware: never, options: object) => void };
}

type StsCredentials = {
  AccessKeyId?: string;
  SecretAccessKey?: string;
  SessionToken?: string;
  Expiration?: Date;
};

function temporary(c: StsCredentials | undefined, action: string): TemporaryCredentials {
  return {
    accessKeyId: required(c?.AccessKeyId, action, 'Credentials.AccessKeyId'),
    secretAccessKey: required(c?.SecretAccessKey, action, 'Credentials.SecretAccessKey'),
    sessionToken: required(c?.SessionToken, action, 'Credentials.SessionToken'),
    expiration: required(c?.Expiration, action, 'Credentials.Expiration'),
  };
}

/** A field AWS always sends; its absence means the answer cannot be trusted, so nothing is made up. */
function required<T>(value: T | undefined | null | '', action: string, field: string): T {
  if (value === undefined || value === null || value === '') throw malformed(action, `no ${field}`);
  return value as T;
}

function malformed(action: string, what: string): AwsError {
  return new AwsError(
    `AWS's answer to ${action} had ${what}, which awst needs. Nothing was changed; try again, and report it if it persists (with --debug).`,
  );
}

/** The SDK measures the offset between this machine's clock and AWS's Date header on every answer. */
function checkClock(offsetMs: number | undefined): void {
  if (!offsetMs || Math.abs(offsetMs) < MAX_CLOCK_SKEW_MS) return;
  const local = new Date();
  const aws = new Date(local.getTime() + offsetMs);
  const by = describeOffset(Math.abs(offsetMs));
  throw new AwsError(
    `This computer's clock is ${by} ${offsetMs < 0 ? 'ahead of' : 'behind'} AWS's (here ${local.toISOString()}, AWS ${aws.toISOString()}). Credentials would look expired or too fresh, and AWS refuses requests signed more than 5 minutes off: set the clock right (e.g. turn on network time: sudo timedatectl set-ntp true) and try again.`,
  );
}

function describeOffset(ms: number): string {
  const minutes = Math.round(ms / 60_000);
  if (minutes < 120) return `${minutes} minutes`;
  const hours = Math.round(minutes / 60);
  return hours < 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

/** Remembers the URL each request actually goes to, so a network failure names it. */
function recordEndpoint(client: SdkClient, onRequest: (url: string) => void): void {
  const middleware =
    (next: (args: unknown) => Promise<unknown>) => async (args: { request?: Record<string, unknown> }) => {
      const r = args.request;
      if (r && typeof r.hostname === 'string') {
        onRequest(`${r.protocol ?? 'https:'}//${r.hostname}${r.port ? `:${r.port}` : ''}`);
      }
      return next(args);
    };
  client.middlewareStack.add(middleware as never, { step: 'finalizeRequest', name: 'awstRecordEndpoint' });
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
