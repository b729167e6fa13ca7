import { PUBLISHED_CONFIG_PARAMETER } from '@awst/rules';
import { DataAwsCallerIdentity } from '@cdktf/provider-aws/lib/data-aws-caller-identity/index.js';
import { DataAwsPartition } from '@cdktf/provider-aws/lib/data-aws-partition/index.js';
import { AwsProvider } from '@cdktf/provider-aws/lib/provider/index.js';
import { TerraformOutput } from 'cdktf';
import type { Construct } from 'constructs';
import { GroupedStack } from '../addresses.js';
import { awstConfigContent, awstConfigToml } from '../awst-config.js';
import { configureBackend } from '../backend.js';
import { AccountBaseline } from '../constructs/account-baseline.js';
import { IdentityBaseline } from '../constructs/identity-baseline.js';
import { PublishedConfig } from '../constructs/published-config.js';
import { iamArn } from '../policies.js';
import type { Settings } from '../settings/types.js';
import { validate } from '../settings/validate.js';
import { lastToGo } from '../teardown.js';

/**
 * Single-account baseline: users, groups, MFA roles, password policy, alias, account-wide S3 Block Public
 * Access, CloudTrail, state bucket, core VPC.
 */
export class BaselineStack extends GroupedStack {
  constructor(scope: Construct, id: string, s: Settings) {
    super(scope, id);
    validate(s);
    const region = s.region;
    configureBackend(this, id, s, region);
    // Credentials come from the standard AWS environment (AWS_PROFILE, AWS_ACCESS_KEY_ID, ...).
    new AwsProvider(this, 'aws', { region, defaultTags: [{ tags: s.tags }] });

    const accountId = new DataAwsCallerIdentity(this, 'current').accountId;
    const partition = new DataAwsPartition(this, 'partition').partition;

    // Terraform runs as the admin role (or as root, which bootstraps the baseline and tears it down).
    const terraformPrincipals = [
      iamArn(partition, accountId, `role/${s.adminRole.name}`),
      iamArn(partition, accountId, 'root'),
    ];
    const account = new AccountBaseline(this, 'account-baseline', {
      settings: s,
      accountId,
      partition,
      region,
      roles: { trustedAccountId: accountId, support: s.supportRole.enabled },
      audit: { terraformPrincipals },
      coreVpc: s.vpc.enabled,
      idPrefix: '',
      settingsId: 'account',
    });
    if (!account.roles) throw new Error('the single account has its roles');
    const { admin: adminRole, developer: developerRole, support: supportRole } = account.roles;

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

    if (account.stateBucket) {
      new TerraformOutput(this, 'state_bucket', { value: account.stateBucket.bucket.bucket });
    }
    if (account.trail) new TerraformOutput(this, 'audit_trail_arn', { value: account.trail.trail.arn });
    if (account.vpc) new TerraformOutput(this, 'vpc_id', { value: account.vpc.vpc.id });

    new TerraformOutput(this, 'account_id', { value: accountId });
    new TerraformOutput(this, 'account_alias', { value: account.settings.alias.accountAlias });
    new TerraformOutput(this, 'console_sign_in_url', { value: account.settings.signInUrl });
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
