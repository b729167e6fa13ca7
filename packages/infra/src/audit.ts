/**
 * The audit and the account's guards, as AccountBaseline composes them: the audit key, the trail, its log group
 * and alarms, the access analyzer, AWS Config and the developer role's guard deny that keeps them in place.
 */
import { AccessanalyzerAnalyzer } from '@cdktf/provider-aws/lib/accessanalyzer-analyzer/index.js';
import { EbsEncryptionByDefault } from '@cdktf/provider-aws/lib/ebs-encryption-by-default/index.js';
import type { ITerraformDependable, TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { AuditKey } from './constructs/audit-key.js';
import { AuditTrail } from './constructs/audit-trail.js';
import { ConfigRecorder } from './constructs/config-recorder.js';
import { SecurityAlarms } from './constructs/security-alarms.js';
import { developerGuardPolicy, type GuardedResources } from './guard-policies.js';
import type { PolicyDocument } from './policies.js';
import type { Settings } from './settings/types.js';

/** Name of the account access analyzer (CIS 1.20). */
export const ANALYZER_NAME = 'awst-account';
/** Alias of the audit key, without `alias/`. */
export const AUDIT_KEY_ALIAS = 'awst-audit';

export interface AccountContext {
  accountId: string;
  partition: string;
  region: string;
  provider?: TerraformProvider;
}

/**
 * The developer role's guard deny for one account. `audited`: the trail, its log group, alarms and AWS
 * Config live in this account (the single account, or the organization's users account).
 */
export function developerGuards(
  s: Settings,
  account: Pick<AccountContext, 'accountId' | 'partition'>,
  privilegedRoleNames: string[],
  audited: boolean,
): PolicyDocument {
  const guarded: GuardedResources = {
    partition: account.partition,
    accountId: account.accountId,
    privilegedRoleNames,
    analyzerName: s.accessAnalyzer ? ANALYZER_NAME : undefined,
    ebsDefaultEncryption: s.ebsDefaultEncryption,
  };
  if (audited) {
    if (s.auditTrail.enabled) guarded.trailName = s.auditTrail.name;
    if (s.monitoring.enabled) {
      guarded.logGroupName = s.monitoring.logGroupName;
      guarded.alarmNamePrefix = s.monitoring.alarmNamePrefix;
      guarded.topicName = s.monitoring.topicName;
    }
    guarded.configRecorder = s.configRecorder.enabled;
  }
  return developerGuardPolicy(guarded);
}

/** The account analyzer and EBS encryption by default, each when its switch is on. */
export function addAccountGuards(
  scope: Construct,
  prefix: string,
  s: Settings,
  provider?: TerraformProvider,
): void {
  if (s.accessAnalyzer) {
    new AccessanalyzerAnalyzer(scope, `${prefix}access-analyzer`, {
      provider,
      analyzerName: ANALYZER_NAME,
      type: 'ACCOUNT',
    });
  }
  if (s.ebsDefaultEncryption) {
    new EbsEncryptionByDefault(scope, `${prefix}ebs-encryption-by-default`, { provider, enabled: true });
  }
}

export interface AuditProps extends AccountContext {
  /** Terraform's principals: administer the key and the log buckets. */
  auditAdminArns: string[];
  /** What the key policy's principals need to exist first. */
  dependsOn?: ITerraformDependable[];
}

/** Key, alarms, trail and AWS Config of the audited account, each behind its setting. */
export function addAudit(scope: Construct, s: Settings, p: AuditProps): { trail?: AuditTrail } {
  const { accountId, partition, region, provider } = p;
  const key =
    s.auditTrail.enabled || s.monitoring.enabled
      ? new AuditKey(scope, 'audit-key', {
          provider,
          partition,
          accountId,
          region,
          aliasName: AUDIT_KEY_ALIAS,
          auditAdminArns: p.auditAdminArns,
          trailName: s.auditTrail.enabled ? s.auditTrail.name : undefined,
          logGroupName: s.monitoring.enabled ? s.monitoring.logGroupName : undefined,
          dependsOn: p.dependsOn,
        })
      : undefined;
  const alarms = s.monitoring.enabled
    ? new SecurityAlarms(scope, 'security-alarms', { ...s.monitoring, provider, kmsKeyArn: key?.arn })
    : undefined;
  const trail = s.auditTrail.enabled
    ? new AuditTrail(scope, 'audit-trail', {
        provider,
        name: s.auditTrail.name,
        bucketName: `${s.auditTrail.bucketNamePrefix}-${accountId}`,
        accessLogBucketName: `${s.auditTrail.accessLogBucketNamePrefix}-${accountId}`,
        accountId,
        partition,
        region,
        auditAdminArns: p.auditAdminArns,
        kmsKeyArn: key?.arn,
        logGroupArn: alarms?.logGroup.arn,
      })
    : undefined;
  if (s.configRecorder.enabled) {
    new ConfigRecorder(scope, 'config-recorder', {
      provider,
      accountId,
      partition,
      bucketName: `${s.configRecorder.bucketNamePrefix}-${accountId}`,
    });
  }
  return { trail };
}
