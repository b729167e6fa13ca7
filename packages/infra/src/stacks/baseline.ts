import { PUBLISHED_CONFIG_PARAMETER } from '@awst/rules';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { TerraformOutput, TerraformStack } from 'cdktf';
import type { Construct } from 'constructs';
import { awstConfigContent, awstConfigToml } from '../awst-config.js';
import { configureBackend } from '../backend.js';
import { AccountSettings } from '../constructs/account-settings.js';
import { CoreVpc } from '../constructs/core-vpc.js';
import { IdentityBaseline } from '../constructs/identity-baseline.js';
import { MfaRole } from '../constructs/mfa-role.js';
import { PublishedConfig } from '../constructs/published-config.js';
import { StateBucket } from '../constructs/state-bucket.js';
import { developerDenyPolicy, iamArn } from '../policies.js';
import type { Settings } from '../settings/types.js';
import { validate } from '../settings/validate.js';
import { lastToGo } from '../teardown.js';
import { addAccountGuards, addAudit, developerGuards } from './audit.js';

/** Privileged role names the developer role may not pass: the configured list plus the admin role. */
export function privilegedRoles(s: Settings): string[] {
  return [...new Set([s.adminRole.name, ...s.developerRole.privilegedRoleNames])];
}

/**
 * Single-account baseline: users, groups, MFA roles, password policy, alias, account-wide S3 Block Public
 * Access, CloudTrail, state bucket, core VPC.
 */
export class BaselineStack extends TerraformStack {
  constructor(scope: Construct, id: string, s: Settings) {
    super(scope, id);
    validate(s);
    const region = s.region;
    configureBackend(this, id, s, region);
    // Credentials come from the standard AWS environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...).
    new AwsProvider(this, 'aws', { region, defaultTags: [{ tags: s.tags }] });

    const accountId = new DataAwsCallerIdentity(this, 'current').accountId;
    const partition = new DataAwsPartition(this, 'partition').partition;

    const account = new AccountSettings(this, 'account', {
      accountId,
      aliasPrefix: s.accountAliasPrefix,
      passwordPolicy: s.passwordPolicy,
      publicAccessBlock: s.accountPublicAccessBlock,
      partition,
    });

    const adminRole = new MfaRole(this, 'admin-role', {
      ...s.adminRole,
      partition,
      trustedAccountId: accountId,
    });
    const developerRole = new MfaRole(this, 'developer-role', {
      ...s.developerRole,
      partition,
      trustedAccountId: accountId,
      inlinePolicies: {
        DenyNetworkChangesAndPrivilegedPassRole: developerDenyPolicy(
          partition,
          accountId,
          s.developerRole.deniedNetworkActions,
          privilegedRoles(s),
        ),
        DenyAuditAndGuardChanges: developerGuards(s, { accountId, partition }, privilegedRoles(s), true),
      },
    });
    const supportRole = s.supportRole.enabled
      ? new MfaRole(this, 'support-role', {
          ...s.adminRole,
          name: s.supportRole.name,
          managedPolicies: ['AWSSupportAccess'],
          partition,
          trustedAccountId: accountId,
        })
      : undefined;

    const identity = new IdentityBaseline(this, 'identity', {
      accountId,
      partition,
      users: s.users,
      groups: s.groups,
      forceDestroyUsers: s.forceDestroyUsers,
      denyWithoutMfa: s.denyWithoutMfa,
      selfServiceMfaMaxAgeSeconds: s.selfServiceMfaMaxAgeSeconds,
      adminRoleArns: [adminRole.arn, ...(supportRole ? [supportRole.arn] : [])],
      developerRoleArns: [developerRole.arn],
    });

    // Terraform runs as the admin role (or as root, which bootstraps the baseline and tears it down).
    const terraformPrincipals = [
      iamArn(partition, accountId, `role/${s.adminRole.name}`),
      iamArn(partition, accountId, 'root'),
    ];
    if (s.stateBucket.enabled) {
      const bucket = new StateBucket(this, 'state-bucket', {
        bucketName: `${s.stateBucket.namePrefix}-${accountId}`,
        stateAdminArns: [...terraformPrincipals, ...s.stateBucket.extraStateAdminArns],
      });
      new TerraformOutput(this, 'state_bucket', { value: bucket.bucket.bucket });
    }
    const audit = addAudit(this, s, {
      accountId,
      partition,
      region,
      auditAdminArns: terraformPrincipals,
      dependsOn: [adminRole.role],
    });
    if (audit.trail) new TerraformOutput(this, 'audit_trail_arn', { value: audit.trail.trail.arn });
    addAccountGuards(this, '', s);
    if (s.vpc.enabled) {
      const vpc = new CoreVpc(this, 'core-vpc', s.vpc);
      new TerraformOutput(this, 'vpc_id', { value: vpc.vpc.id });
    }

    new TerraformOutput(this, 'account_id', { value: accountId });
    new TerraformOutput(this, 'account_alias', { value: account.alias.accountAlias });
    new TerraformOutput(this, 'console_sign_in_url', { value: account.signInUrl });
    new TerraformOutput(this, 'admin_role_arn', { value: adminRole.arn });
    new TerraformOutput(this, 'developer_role_arn', { value: developerRole.arn });
    const awstConfig = awstConfigToml(s.awstConfig, awstConfigContent(s, region), [
      { name: s.awstConfig.accountName, id: accountId },
    ]);
    new TerraformOutput(this, 'awst_config', {
      description: 'config.toml for the awst CLI',
      value: awstConfig,
    });
    // The same text where a teammate's `awst init` reads it with an MFA session, without the state.
    const published = new PublishedConfig(this, 'published-config', {
      name: PUBLISHED_CONFIG_PARAMETER,
      value: awstConfig,
      readerGroups: [identity.groups.admins.name, identity.groups.developers.name],
      deniedRoles: [developerRole.role.name],
    });
    new TerraformOutput(this, 'awst_config_parameter', { value: published.parameter.name });

    lastToGo(this, adminRole);
  }
}
