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
import { iamArn } from '../policies.js';
import type { ResourceAccountSettings, Settings } from '../settings/types.js';
import { validate } from '../settings/validate.js';

/** Role Terraform assumes in a resource account. */
export function terraformRoleArn(s: Settings, account: ResourceAccountSettings): string {
  // A literal, not data.aws_partition: the provider needs it before any data source can be read.
  const partition = partitionOf(account.region ?? s.region);
  return (
    account.roleArnForTerraform ??
    iamArn(partition, account.accountId, `role/${s.organization.accessRoleName}`)
  );
}

/** The partition of a region: `aws-cn` (cn-*), `aws-us-gov` (us-gov-*), else `aws`. */
function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/** Terraform-safe provider alias for an account name. */
export function providerAlias(name: string): string {
  return name.replace(/[^A-Za-z0-9_]/g, '_');
}

/**
 * 1+1+n: users and groups live in the users account (the default provider); every resource account gets
 * the two MFA roles trusting the users account, reached by a provider alias that assumes a role there.
 */
export class OrganizationStack extends GroupedStack {
  constructor(scope: Construct, id: string, s: Settings) {
    super(scope, id);
    validate(s);
    const region = s.region;
    const org = s.organization;
    configureBackend(this, id, s, region);
    const defaultTags = [{ tags: s.tags }];

    new AwsProvider(this, 'aws', {
      region,
      defaultTags,
      profile: org.usersAccountProfile,
      assumeRole: org.usersAccountRoleArn ? [{ roleArn: org.usersAccountRoleArn }] : undefined,
    });
    const usersAccountId = new DataAwsCallerIdentity(this, 'users-account').accountId;
    const partition = new DataAwsPartition(this, 'partition').partition;
    // Terraform runs in the users account as its root (bootstrap) or as usersAccountRoleArn.
    const terraformPrincipals = [
      iamArn(partition, usersAccountId, 'root'),
      ...(org.usersAccountRoleArn ? [org.usersAccountRoleArn] : []),
    ];

    const usersAccount = new AccountBaseline(this, 'users-account-baseline', {
      settings: s,
      accountId: usersAccountId,
      partition,
      region,
      audit: { terraformPrincipals },
      coreVpc: false,
      idPrefix: 'users-account-',
      settingsId: 'users-account-settings',
    });

    const adminRoleArns: Record<string, string> = {};
    const developerRoleArns: Record<string, string> = {};
    for (const account of org.resourceAccounts) {
      const provider = new AwsProvider(this, `aws-${account.name}`, {
        alias: providerAlias(account.name),
        region: account.region ?? region,
        defaultTags,
        profile: account.profile,
        assumeRole: [{ roleArn: terraformRoleArn(s, account), sessionName: 'awst-terraform' }],
        allowedAccountIds: [account.accountId],
      });
      const { roles } = new AccountBaseline(this, `${account.name}-account-baseline`, {
        settings: s,
        accountId: account.accountId,
        partition,
        region: account.region ?? region,
        provider,
        roles: { trustedAccountId: usersAccountId, support: false },
        coreVpc: account.coreVpc === true,
        idPrefix: `${account.name}-`,
      });
      if (!roles) throw new Error('a resource account has its roles');
      adminRoleArns[account.name] = roles.admin.arn;
      developerRoleArns[account.name] = roles.developer.arn;
    }

    new IdentityBaseline(this, 'identity', {
      accountId: usersAccountId,
      partition,
      users: s.users,
      groups: s.groups,
      forceDestroyUsers: s.forceDestroyUsers,
      denyWithoutMfa: s.denyWithoutMfa,
      selfServiceMfaMaxAgeSeconds: s.selfServiceMfaMaxAgeSeconds,
      adminRoleArns: Object.values(adminRoleArns),
      developerRoleArns: Object.values(developerRoleArns),
    });

    new TerraformOutput(this, 'users_account_id', { value: usersAccountId });
    new TerraformOutput(this, 'console_sign_in_url', { value: usersAccount.settings.signInUrl });
    new TerraformOutput(this, 'admin_role_arns', { value: adminRoleArns });
    new TerraformOutput(this, 'developer_role_arns', { value: developerRoleArns });
    new TerraformOutput(this, 'awst_config', {
      description: 'config.toml for the awst CLI, listing every resource account',
      value: awstConfigToml(
        s.awstConfig,
        awstConfigContent(s, region),
        org.resourceAccounts.map((a) => ({ name: a.name, id: a.accountId, region: a.region })),
      ),
    });
  }
}
