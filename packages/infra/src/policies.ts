/**
 * IAM policy documents as plain objects. Strings may hold cdktf tokens (account ids); they are rendered with
 * {@link policyJson}. IAM policy variables are written `$${aws:username}`: Terraform turns `$${` into a literal `${`.
 */

export interface PolicyStatement {
  Sid?: string;
  Effect: 'Allow' | 'Deny';
  Principal?: Record<string, string | string[]>;
  Action?: string | string[];
  NotAction?: string | string[];
  Resource?: string | string[];
  NotResource?: string | string[];
  Condition?: Record<string, Record<string, string | string[]>>;
}

export interface PolicyDocument {
  Version: '2012-10-17';
  Statement: PolicyStatement[];
}

/** The `${aws:username}` policy variable, escaped for Terraform. */
export const AWS_USERNAME = '$${aws:username}';

export function policyJson(doc: PolicyDocument): string {
  return JSON.stringify(doc);
}

function doc(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** Condition: the request is signed with MFA younger than `maxAgeSeconds`. */
export function mfaCondition(maxAgeSeconds: number): PolicyStatement['Condition'] {
  return {
    Bool: { 'aws:MultiFactorAuthPresent': 'true' },
    NumericLessThan: { 'aws:MultiFactorAuthAge': String(maxAgeSeconds) },
  };
}

/**
 * What a request signed with the long-term access key alone may do (`aws:MultiFactorAuthPresent` is absent on
 * such requests): exactly what the awst CLI needs to get an MFA session. `sts:AssumeRole` is exempt from the deny
 * for direct mode (long-term key + SerialNumber/TokenCode); the roles' trust policies demand MFA themselves and
 * {@link denyWithoutMfaPolicy} limits it to the MFA roles.
 */
export const ALLOWED_WITH_KEY_ONLY: readonly string[] = [
  'iam:GetUser',
  'iam:ListMFADevices',
  'sts:GetCallerIdentity',
  'sts:GetSessionToken',
];

/**
 * What a console session without MFA (`aws:MultiFactorAuthPresent` present and false) may do: the first
 * sign-in's password change and MFA enrolment. Sessions from GetSessionToken without MFA carry the same false
 * value, but AWS refuses them every IAM and STS call, so on IAM only a console sign-in gets this far.
 */
export const ALLOWED_IN_CONSOLE_WITHOUT_MFA: readonly string[] = [
  'iam:ChangePassword',
  'iam:CreateVirtualMFADevice',
  'iam:EnableMFADevice',
  'iam:GetAccountPasswordPolicy',
  'iam:GetMFADevice',
  'iam:GetUser',
  'iam:ListMFADevices',
  'iam:ListVirtualMFADevices',
  'iam:ResyncMFADevice',
  'sts:GetCallerIdentity',
  'sts:GetSessionToken',
];

/** `arn:<partition>:iam::<account>:<path>` */
export function iamArn(partition: string, accountId: string, path: string): string {
  return `arn:${partition}:iam::${accountId}:${path}`;
}

/**
 * Self-service for every human user. Without MFA (console only, see {@link denyWithoutMfaPolicy}): change the
 * own password, create a virtual MFA device named after the user (`<user>` or `<user>-*`) and enable it. With MFA
 * younger than `mfaMaxAgeSeconds`: enable further devices, deactivate or delete own devices, manage own keys.
 */
export function selfServicePolicy(
  partition: string,
  accountId: string,
  mfaMaxAgeSeconds: number,
): PolicyDocument {
  const self = iamArn(partition, accountId, `user/${AWS_USERNAME}`);
  const ownDevices = [
    iamArn(partition, accountId, `mfa/${AWS_USERNAME}`),
    iamArn(partition, accountId, `mfa/${AWS_USERNAME}-*`),
  ];
  const freshMfa = mfaCondition(mfaMaxAgeSeconds);
  return doc(
    {
      Sid: 'AllowViewAccountInfo',
      Effect: 'Allow',
      Action: ['iam:GetAccountPasswordPolicy', 'iam:ListVirtualMFADevices'],
      Resource: '*',
    },
    {
      Sid: 'AllowViewOwnUser',
      Effect: 'Allow',
      Action: [
        'iam:GetUser',
        'iam:GetLoginProfile',
        'iam:ListGroupsForUser',
        'iam:ListAttachedUserPolicies',
        'iam:ListUserPolicies',
        'iam:ListMFADevices',
        'iam:GetMFADevice',
        'iam:ListSigningCertificates',
        'iam:ListSSHPublicKeys',
        'iam:ListServiceSpecificCredentials',
        'iam:ListUserTags',
      ],
      Resource: self,
    },
    { Sid: 'AllowChangeOwnPassword', Effect: 'Allow', Action: 'iam:ChangePassword', Resource: self },
    {
      Sid: 'AllowCreateOwnVirtualMFADevice',
      Effect: 'Allow',
      Action: 'iam:CreateVirtualMFADevice',
      Resource: ownDevices,
    },
    {
      Sid: 'AllowEnrolFirstMFADeviceInConsole',
      Effect: 'Allow',
      Action: ['iam:EnableMFADevice', 'iam:ResyncMFADevice'],
      Resource: self,
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
    {
      Sid: 'AllowManageOwnMFAWithFreshMFA',
      Effect: 'Allow',
      Action: ['iam:EnableMFADevice', 'iam:ResyncMFADevice', 'iam:DeactivateMFADevice'],
      Resource: self,
      Condition: freshMfa,
    },
    {
      Sid: 'AllowDeleteOwnVirtualMFADeviceWithFreshMFA',
      Effect: 'Allow',
      Action: 'iam:DeleteVirtualMFADevice',
      Resource: ownDevices,
      Condition: freshMfa,
    },
    {
      Sid: 'AllowManageOwnAccessKeysWithMFA',
      Effect: 'Allow',
      Action: [
        'iam:CreateAccessKey',
        'iam:DeleteAccessKey',
        'iam:GetAccessKeyLastUsed',
        'iam:ListAccessKeys',
        'iam:UpdateAccessKey',
      ],
      Resource: self,
      Condition: freshMfa,
    },
  );
}

/**
 * Deny without MFA, split by how the request is signed (AWS "BlockMostAccessUnlessSignedInWithMFA" lets a
 * leaked key enrol a device of its own; this does not):
 * - long-term key alone (`Null aws:MultiFactorAuthPresent`): everything but {@link ALLOWED_WITH_KEY_ONLY};
 * - console without MFA (`Bool … false`): everything but {@link ALLOWED_IN_CONSOLE_WITHOUT_MFA};
 * - either: `sts:AssumeRole` into anything but `mfaRoleArns` (whose trust policies demand MFA).
 */
export function denyWithoutMfaPolicy(mfaRoleArns: string[]): PolicyDocument {
  return doc(
    {
      Sid: 'DenyAllButMfaSessionWithKeyOnly',
      Effect: 'Deny',
      NotAction: [...ALLOWED_WITH_KEY_ONLY, 'sts:AssumeRole'],
      Resource: '*',
      Condition: { Null: { 'aws:MultiFactorAuthPresent': 'true' } },
    },
    {
      Sid: 'DenyAllButEnrolmentInConsoleWithoutMfa',
      Effect: 'Deny',
      NotAction: [...ALLOWED_IN_CONSOLE_WITHOUT_MFA, 'sts:AssumeRole'],
      Resource: '*',
      Condition: { Bool: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
    {
      Sid: 'DenyAssumingOtherRolesWithoutMfa',
      Effect: 'Deny',
      Action: 'sts:AssumeRole',
      NotResource: mfaRoleArns,
      Condition: { BoolIfExists: { 'aws:MultiFactorAuthPresent': 'false' } },
    },
  );
}

/**
 * Trust policy: IAM users of `trustedAccountId` (never a role session, so nothing chains into the role) whose
 * request carries MFA younger than `mfaMaxAgeSeconds`. The account root as principal means the user's own
 * policies must allow the call too.
 */
export function mfaTrustPolicy(
  partition: string,
  trustedAccountId: string,
  mfaMaxAgeSeconds: number,
): PolicyDocument {
  return doc({
    Sid: 'AllowIamUsersWithFreshMfa',
    Effect: 'Allow',
    Principal: { AWS: iamArn(partition, trustedAccountId, 'root') },
    Action: 'sts:AssumeRole',
    Condition: {
      ...mfaCondition(mfaMaxAgeSeconds),
      ArnLike: { 'aws:PrincipalArn': iamArn(partition, trustedAccountId, 'user/*') },
    },
  });
}

/** Group policy: may assume the given roles. */
export function assumeRolesPolicy(roleArns: string[]): PolicyDocument {
  return doc({ Sid: 'AllowAssumeRoles', Effect: 'Allow', Action: 'sts:AssumeRole', Resource: roleArns });
}

/** Developer inline deny: network changes and passing privileged roles. */
export function developerDenyPolicy(
  partition: string,
  accountId: string,
  deniedNetworkActions: string[],
  privilegedRoleNames: string[],
): PolicyDocument {
  return doc(
    { Sid: 'DenyNetworkChanges', Effect: 'Deny', Action: deniedNetworkActions, Resource: '*' },
    {
      Sid: 'DenyPassPrivilegedRoles',
      Effect: 'Deny',
      Action: 'iam:PassRole',
      Resource: privilegedRoleNames.map((name) => iamArn(partition, accountId, `role/${name}`)),
    },
  );
}

const denyInsecureTransport = (bucketArn: string): PolicyStatement => ({
  Sid: 'DenyInsecureTransport',
  Effect: 'Deny',
  Principal: { AWS: '*' },
  Action: 's3:*',
  Resource: [bucketArn, `${bucketArn}/*`],
  Condition: { Bool: { 'aws:SecureTransport': 'false' } },
});

/** Object reads of the state (it holds secrets). */
export const STATE_READ_ACTIONS: readonly string[] = ['s3:GetObject*'];

/** What changes a bucket's protection (its policy, public access, versioning, encryption…) or deletes it. */
export const BUCKET_PROTECTION_ACTIONS: readonly string[] = [
  's3:PutBucketPolicy',
  's3:DeleteBucketPolicy',
  's3:PutBucketPublicAccessBlock',
  's3:PutBucketAcl',
  's3:PutBucketOwnershipControls',
  's3:PutBucketVersioning',
  's3:PutEncryptionConfiguration',
  's3:PutLifecycleConfiguration',
  's3:PutReplicationConfiguration',
  's3:PutBucketObjectLockConfiguration',
  's3:DeleteBucket',
];

/** What changes the state or the bucket's protection. */
export const STATE_WRITE_ACTIONS: readonly string[] = [
  's3:PutObject*',
  's3:DeleteObject*',
  's3:RestoreObject',
  's3:ReplicateObject',
  's3:ReplicateDelete',
  ...BUCKET_PROTECTION_ACTIONS,
];

/**
 * State bucket policy: TLS only; reading, writing and deleting state, and changing the bucket's policy or
 * protection, only for `stateAdminArns` (matched on `aws:PrincipalArn`: a role session's is its role's ARN).
 * Every other principal of the account, PowerUserAccess's `s3:*` included, is refused.
 */
export function stateBucketPolicy(bucketArn: string, stateAdminArns: string[]): PolicyDocument {
  return doc(denyInsecureTransport(bucketArn), {
    Sid: 'DenyStateAccessToAllButStateAdmins',
    Effect: 'Deny',
    Principal: { AWS: '*' },
    Action: [...STATE_READ_ACTIONS, ...STATE_WRITE_ACTIONS],
    Resource: [bucketArn, `${bucketArn}/*`],
    Condition: { ArnNotLike: { 'aws:PrincipalArn': stateAdminArns } },
  });
}
