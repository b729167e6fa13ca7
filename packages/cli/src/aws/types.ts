/** A long-term IAM user key, as stored in the mainAccount profile. */
export interface AccessKey {
  accessKeyId: string;
  secretAccessKey: string;
}

/** Credentials from STS: an MFA session or a role session. */
export interface TemporaryCredentials extends AccessKey {
  sessionToken: string;
  expiration: Date;
}

export type AnyCredentials = AccessKey | TemporaryCredentials;

export interface AssumeRoleInput {
  roleArn: string;
  roleSessionName: string;
  durationSeconds: number;
  /** Only with a long-term key (`direct` mode). */
  mfa?: { serialNumber: string; tokenCode: string };
}

export interface MfaDevice {
  userName: string;
  serialNumber: string;
}

export interface AccessKeyInfo {
  accessKeyId: string;
  status: 'Active' | 'Inactive';
  createDate: Date;
}

/**
 * Every AWS call awst makes. The real implementation (aws/sdk-api.ts) imports the SDK lazily; tests pass
 * a fake. Each call takes explicit credentials: awst never reads AWS_PROFILE or the default chain. Every
 * call fails (AwsError) rather than make up a field AWS left out, and ends within a bounded time.
 */
export interface AwsApi {
  getSessionToken(
    key: AccessKey,
    input: { serialNumber: string; tokenCode: string; durationSeconds: number },
  ): Promise<TemporaryCredentials>;
  assumeRole(credentials: AnyCredentials, input: AssumeRoleInput): Promise<TemporaryCredentials>;
  /** `timeoutMs` shortens the call's bound (a loop with its own deadline). */
  getCallerIdentity(
    credentials: AnyCredentials,
    options?: { timeoutMs?: number },
  ): Promise<{ account: string; arn: string; userId: string }>;
  getUser(credentials: AnyCredentials): Promise<{ userName: string; arn: string }>;
  /** Without `userName`, AWS lists the devices of the user the key belongs to (each device names its user). */
  listMfaDevices(credentials: AnyCredentials, userName?: string): Promise<MfaDevice[]>;
  listAccessKeys(credentials: AnyCredentials, userName: string): Promise<AccessKeyInfo[]>;
  /** `createDate` is IAM's; absent only if AWS left it out (the key and its secret are kept regardless). */
  createAccessKey(credentials: AnyCredentials, userName: string): Promise<AccessKey & { createDate?: Date }>;
  deleteAccessKey(credentials: AnyCredentials, userName: string, accessKeyId: string): Promise<void>;
  /** An SSM parameter's value in the api's region; undefined when there is no such parameter. */
  getParameter(credentials: AnyCredentials, name: string): Promise<string | undefined>;
}
