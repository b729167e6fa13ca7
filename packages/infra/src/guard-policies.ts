/**
 * What keeps the audit and the account's guards out of a developer's reach: the developer role's second inline
 * deny, the audit key's policy and the policies of the audit buckets. PowerUserAccess allows every action
 * outside IAM, Organizations and Account, so each guard the baseline sets up needs an explicit deny here.
 */
import { BUCKET_PROTECTION_ACTIONS, iamArn, type PolicyDocument, type PolicyStatement } from './policies.js';

function doc(...statements: PolicyStatement[]): PolicyDocument {
  return { Version: '2012-10-17', Statement: statements };
}

/** Changing the account-wide guards: S3 Block Public Access, password policy, alias (Delete needs Put). */
export const ACCOUNT_GUARD_ACTIONS: readonly string[] = [
  's3:PutAccountPublicAccessBlock',
  'iam:UpdateAccountPasswordPolicy',
  'iam:DeleteAccountPasswordPolicy',
  'iam:CreateAccountAlias',
  'iam:DeleteAccountAlias',
];

/** Switching off, re-targeting or narrowing a trail. */
export const TRAIL_CHANGE_ACTIONS: readonly string[] = [
  'cloudtrail:StopLogging',
  'cloudtrail:DeleteTrail',
  'cloudtrail:UpdateTrail',
  'cloudtrail:PutEventSelectors',
  'cloudtrail:PutInsightSelectors',
];

/** Deleting, emptying or masking the trail's log group and its metric filters. */
export const LOG_GROUP_CHANGE_ACTIONS: readonly string[] = [
  'logs:DeleteLogGroup',
  'logs:DeleteLogStream',
  'logs:PutRetentionPolicy',
  'logs:DeleteRetentionPolicy',
  'logs:PutMetricFilter',
  'logs:DeleteMetricFilter',
  'logs:AssociateKmsKey',
  'logs:DisassociateKmsKey',
  'logs:PutDataProtectionPolicy',
  'logs:DeleteDataProtectionPolicy',
];

/** Silencing the alarms. */
export const ALARM_CHANGE_ACTIONS: readonly string[] = [
  'cloudwatch:DeleteAlarms',
  'cloudwatch:PutMetricAlarm',
  'cloudwatch:DisableAlarmActions',
  'cloudwatch:SetAlarmState',
];

/** Silencing the alarms' topic. */
export const TOPIC_CHANGE_ACTIONS: readonly string[] = [
  'sns:DeleteTopic',
  'sns:SetTopicAttributes',
  'sns:AddPermission',
  'sns:RemovePermission',
  'sns:Unsubscribe',
  'sns:PutDataProtectionPolicy',
];

/** Deleting the analyzer or hiding its findings. */
export const ANALYZER_CHANGE_ACTIONS: readonly string[] = [
  'access-analyzer:DeleteAnalyzer',
  'access-analyzer:CreateArchiveRule',
  'access-analyzer:UpdateArchiveRule',
  'access-analyzer:ApplyArchiveRule',
  'access-analyzer:UpdateFindings',
];

/** Switching off EBS encryption by default, or pointing it at another key. */
export const EBS_DEFAULT_ENCRYPTION_ACTIONS: readonly string[] = [
  'ec2:DisableEbsEncryptionByDefault',
  'ec2:ModifyEbsDefaultKmsKeyId',
  'ec2:ResetEbsDefaultKmsKeyId',
];

/** Stopping or re-pointing AWS Config (these take no resource ARN). */
export const CONFIG_CHANGE_ACTIONS: readonly string[] = [
  'config:StopConfigurationRecorder',
  'config:DeleteConfigurationRecorder',
  'config:PutConfigurationRecorder',
  'config:DeleteDeliveryChannel',
  'config:PutDeliveryChannel',
];

/** Administering the audit key: only the audit admins (Terraform's principals) may. */
export const KEY_ADMIN_ACTIONS: readonly string[] = [
  'kms:PutKeyPolicy',
  'kms:ScheduleKeyDeletion',
  'kms:DisableKey',
  'kms:DisableKeyRotation',
  'kms:ImportKeyMaterial',
  'kms:DeleteImportedKeyMaterial',
  'kms:ReplicateKey',
  'kms:UpdatePrimaryRegion',
];

/** The guarded resources of one account; an absent one is not created in it. */
export interface GuardedResources {
  partition: string;
  accountId: string;
  /** Roles no developer may assume, in any account (`arn:…:iam::*:role/<name>`). */
  privilegedRoleNames: string[];
  trailName?: string;
  logGroupName?: string;
  alarmNamePrefix?: string;
  topicName?: string;
  analyzerName?: string;
  configRecorder?: boolean;
  ebsDefaultEncryption?: boolean;
}

/**
 * The developer role's guard deny: no assuming privileged roles (PowerUserAccess allows `sts:*`, and a role
 * that trusts the account root, `OrganizationAccountAccessRole` in every member account of an organization's
 * management account, would be admin), no changing the account's guards, the trail, its log group, the
 * alarms, their topic, the analyzer or AWS Config.
 */
export function developerGuardPolicy(g: GuardedResources): PolicyDocument {
  const arn = (service: string, resource: string) =>
    `arn:${g.partition}:${service}:*:${g.accountId}:${resource}`;
  const statements: PolicyStatement[] = [
    {
      Sid: 'DenyAssumingPrivilegedRoles',
      Effect: 'Deny',
      Action: 'sts:AssumeRole',
      Resource: g.privilegedRoleNames.map((name) => iamArn(g.partition, '*', `role/${name}`)),
    },
    {
      Sid: 'DenyAccountGuardChanges',
      Effect: 'Deny',
      Action: [
        ...ACCOUNT_GUARD_ACTIONS,
        ...(g.configRecorder ? CONFIG_CHANGE_ACTIONS : []),
        ...(g.ebsDefaultEncryption ? EBS_DEFAULT_ENCRYPTION_ACTIONS : []),
      ],
      Resource: '*',
    },
  ];
  if (g.trailName) {
    statements.push({
      Sid: 'DenyAuditTrailChanges',
      Effect: 'Deny',
      Action: [...TRAIL_CHANGE_ACTIONS],
      Resource: arn('cloudtrail', `trail/${g.trailName}`),
    });
  }
  if (g.logGroupName && g.alarmNamePrefix && g.topicName) {
    const group = arn('logs', `log-group:${g.logGroupName}`);
    const topic = arn('sns', g.topicName);
    statements.push(
      {
        Sid: 'DenyAuditLogGroupChanges',
        Effect: 'Deny',
        Action: [...LOG_GROUP_CHANGE_ACTIONS],
        Resource: [group, `${group}:*`],
      },
      {
        Sid: 'DenyAlarmChanges',
        Effect: 'Deny',
        Action: [...ALARM_CHANGE_ACTIONS],
        Resource: arn('cloudwatch', `alarm:${g.alarmNamePrefix}*`),
      },
      {
        Sid: 'DenyAlarmTopicChanges',
        Effect: 'Deny',
        Action: [...TOPIC_CHANGE_ACTIONS],
        Resource: topic,
      },
    );
  }
  if (g.analyzerName) {
    const analyzer = arn('access-analyzer', `analyzer/${g.analyzerName}`);
    statements.push({
      Sid: 'DenyAccessAnalyzerChanges',
      Effect: 'Deny',
      Action: [...ANALYZER_CHANGE_ACTIONS],
      Resource: [analyzer, `${analyzer}/archive-rule/*`],
    });
  }
  return doc(...statements);
}

export interface AuditKeyPolicyProps {
  partition: string;
  accountId: string;
  region: string;
  /** Principals that may administer the key (Terraform's: the admin role, the account root). */
  auditAdminArns: string[];
  /** The trail that encrypts with the key, if any. */
  trailName?: string;
  /** The log group encrypted with the key, if any. */
  logGroupName?: string;
}

/**
 * The audit key's policy (CIS 3.5): the account may use the key through IAM policies (reading logs), but
 * administering it (policy, deletion, disabling, rotation) is denied to everyone but `auditAdminArns`;
 * CloudTrail may encrypt for the account's trails, CloudWatch Logs for the audit log group.
 */
export function auditKeyPolicy(p: AuditKeyPolicyProps): PolicyDocument {
  const statements: PolicyStatement[] = [
    {
      Sid: 'AllowAccountUseThroughIam',
      Effect: 'Allow',
      Principal: { AWS: iamArn(p.partition, p.accountId, 'root') },
      Action: 'kms:*',
      Resource: '*',
    },
    {
      Sid: 'DenyKeyAdministrationToAllButAuditAdmins',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: [...KEY_ADMIN_ACTIONS],
      Resource: '*',
      Condition: { ArnNotLike: { 'aws:PrincipalArn': p.auditAdminArns } },
    },
  ];
  if (p.trailName) {
    const trailArn = `arn:${p.partition}:cloudtrail:${p.region}:${p.accountId}:trail/${p.trailName}`;
    statements.push(
      {
        Sid: 'AllowCloudTrailEncrypt',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:GenerateDataKey*',
        Resource: '*',
        Condition: {
          StringEquals: { 'aws:SourceArn': trailArn },
          StringLike: {
            'kms:EncryptionContext:aws:cloudtrail:arn': `arn:${p.partition}:cloudtrail:*:${p.accountId}:trail/*`,
          },
        },
      },
      {
        Sid: 'AllowCloudTrailDescribeKey',
        Effect: 'Allow',
        Principal: { Service: 'cloudtrail.amazonaws.com' },
        Action: 'kms:DescribeKey',
        Resource: '*',
      },
    );
  }
  if (p.logGroupName) {
    statements.push({
      Sid: 'AllowCloudWatchLogsEncrypt',
      Effect: 'Allow',
      Principal: { Service: `logs.${p.region}.amazonaws.com` },
      Action: ['kms:Encrypt*', 'kms:Decrypt*', 'kms:ReEncrypt*', 'kms:GenerateDataKey*', 'kms:Describe*'],
      Resource: '*',
      Condition: {
        ArnEquals: {
          'kms:EncryptionContext:aws:logs:arn': `arn:${p.partition}:logs:${p.region}:${p.accountId}:log-group:${p.logGroupName}`,
        },
      },
    });
  }
  return doc(...statements);
}

/** What only root may do to audit log files: delete them or a version of them. */
export const LOG_DELETE_ACTIONS: readonly string[] = ['s3:DeleteObject', 's3:DeleteObjectVersion'];

/** Changing a log bucket's protection (or the bucket itself): only the audit admins. */
export const LOG_BUCKET_PROTECTION_ACTIONS: readonly string[] = [
  ...BUCKET_PROTECTION_ACTIONS,
  's3:PutBucketLogging',
  's3:RestoreObject',
  's3:ReplicateObject',
  's3:ReplicateDelete',
];

export interface LogBucketPolicyProps {
  partition: string;
  accountId: string;
  bucketArn: string;
  /** The one service that writes log files, e.g. `cloudtrail.amazonaws.com`. */
  writerService: string;
  /** The writer's source (`aws:SourceArn`): the trail, or the bucket whose access is logged. */
  sourceArn: string;
  /** Where the writer puts files, under the bucket. */
  writePrefix: string;
  /** Extra conditions the writer's `s3:PutObject` must meet. */
  writeCondition?: Record<string, string>;
  /** Principals that may change the bucket's protection (Terraform's). */
  auditAdminArns: string[];
}

/**
 * A log bucket's policy: TLS only; only `writerService` for `sourceArn` writes (no principal may put,
 * overwrite or tag an object: `aws:SourceArn` is set only on a service's request); nobody but the account root
 * deletes a log file; only `auditAdminArns` change the bucket's protection.
 */
export function logBucketPolicy(p: LogBucketPolicyProps): PolicyDocument {
  const root = iamArn(p.partition, p.accountId, 'root');
  const objects = `${p.bucketArn}/*`;
  const statements: PolicyStatement[] = [
    {
      Sid: 'DenyInsecureTransport',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:*',
      Resource: [p.bucketArn, objects],
      Condition: { Bool: { 'aws:SecureTransport': 'false' } },
    },
  ];
  if (p.writerService === 'cloudtrail.amazonaws.com') {
    statements.push({
      Sid: 'AllowWriterAclCheck',
      Effect: 'Allow',
      Principal: { Service: p.writerService },
      Action: 's3:GetBucketAcl',
      Resource: p.bucketArn,
      Condition: { StringEquals: { 'aws:SourceArn': p.sourceArn } },
    });
  }
  statements.push(
    {
      Sid: 'AllowWriter',
      Effect: 'Allow',
      Principal: { Service: p.writerService },
      Action: 's3:PutObject',
      Resource: `${p.bucketArn}/${p.writePrefix}*`,
      Condition: {
        StringEquals: { 'aws:SourceAccount': p.accountId, ...p.writeCondition },
        ArnLike: { 'aws:SourceArn': p.sourceArn },
      },
    },
    {
      Sid: 'DenyWritesToAllButWriter',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: 's3:PutObject*',
      Resource: objects,
      Condition: { StringNotEqualsIfExists: { 'aws:SourceArn': p.sourceArn } },
    },
    {
      Sid: 'DenyLogDeletionToAllButRoot',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: [...LOG_DELETE_ACTIONS],
      Resource: objects,
      Condition: { ArnNotEquals: { 'aws:PrincipalArn': root } },
    },
    {
      Sid: 'DenyTamperingToAllButAuditAdmins',
      Effect: 'Deny',
      Principal: { AWS: '*' },
      Action: [...LOG_BUCKET_PROTECTION_ACTIONS],
      Resource: [p.bucketArn, objects],
      Condition: { ArnNotLike: { 'aws:PrincipalArn': p.auditAdminArns } },
    },
  );
  return doc(...statements);
}
