import type { TerraformProvider } from 'cdktf';
import type { Construct } from 'constructs';
import { AddresslessGroup } from '../addresses.js';
import { addAccountGuards, addAudit, developerGuards } from '../audit.js';
import { developerDenyPolicy } from '../policies.js';
import type { Settings } from '../settings/types.js';
import { AccountSettings } from './account-settings.js';
import type { AuditTrail } from './audit-trail.js';
import { CoreVpc } from './core-vpc.js';
import { MfaRole } from './mfa-role.js';
import { StateBucket } from './state-bucket.js';

/** Privileged role names the developer role may not pass: the configured list plus the admin role. */
export function privilegedRoles(s: Settings): string[] {
  return [...new Set([s.adminRole.name, ...s.developerRole.privilegedRoleNames])];
}

export interface AccountBaselineProps {
  settings: Settings;
  /** The account's id (token or literal). */
  accountId: string;
  /** Token from `data.aws_partition`. */
  partition: string;
  region: string;
  /** The provider of the account; default the stack's default provider. */
  provider?: TerraformProvider;
  /**
   * The MFA roles (admin, developer, and the support role when `support`), trusting the IAM users of
   * `trustedAccountId`. Omitted: an account without roles (the organization's users account).
   */
  roles?: { trustedAccountId: string; support: boolean };
  /**
   * The account is the audited one: it holds the audit (key, trail, alarms, AWS Config, each behind its
   * setting) and the state bucket (behind its setting), which Terraform's principals administer.
   */
  audit?: { terraformPrincipals: string[] };
  /** Create the core VPC ({@link Settings.vpc}). */
  coreVpc: boolean;
  /**
   * Prefix of the parts' construct ids, which are their Terraform addresses (this construct adds none):
   * `''` for the single account, `<name>-` for a resource account. The audit and the state bucket take
   * none: a stack has one audited account.
   */
  idPrefix: string;
  /** Construct id of the {@link AccountSettings}. Default `<idPrefix>account-settings`. */
  settingsId?: string;
}

/**
 * What every account of the baseline gets: the account settings (alias, password policy, S3 Block Public
 * Access), the access analyzer and EBS encryption by default, the MFA roles with the developer role's deny,
 * the core VPC, and in the audited account the audit and the state bucket. Users and groups are not part of
 * it: they live in one account and may assume the roles of several.
 */
export class AccountBaseline extends AddresslessGroup {
  readonly settings: AccountSettings;
  /** The MFA roles, when {@link AccountBaselineProps.roles} asked for them. */
  readonly roles?: { admin: MfaRole; developer: MfaRole; support?: MfaRole };
  readonly stateBucket?: StateBucket;
  readonly trail?: AuditTrail;
  readonly vpc?: CoreVpc;

  constructor(scope: Construct, id: string, props: AccountBaselineProps) {
    super(scope, id);
    const { settings: s, accountId, partition, region, provider, idPrefix } = props;

    this.settings = new AccountSettings(this, props.settingsId ?? `${idPrefix}account-settings`, {
      provider,
      accountId,
      partition,
      aliasPrefix: s.accountAliasPrefix,
      passwordPolicy: s.passwordPolicy,
      publicAccessBlock: s.accountPublicAccessBlock,
    });

    if (props.roles) {
      const { trustedAccountId } = props.roles;
      const admin = new MfaRole(this, `${idPrefix}admin-role`, {
        ...s.adminRole,
        provider,
        partition,
        trustedAccountId,
      });
      const developer = new MfaRole(this, `${idPrefix}developer-role`, {
        ...s.developerRole,
        provider,
        partition,
        trustedAccountId,
        inlinePolicies: {
          DenyNetworkChangesAndPrivilegedPassRole: developerDenyPolicy(
            partition,
            accountId,
            s.developerRole.deniedNetworkActions,
            privilegedRoles(s),
          ),
          DenyAuditAndGuardChanges: developerGuards(
            s,
            { accountId, partition },
            privilegedRoles(s),
            props.audit !== undefined,
          ),
        },
      });
      const support = props.roles.support
        ? new MfaRole(this, `${idPrefix}support-role`, {
            ...s.adminRole,
            name: s.supportRole.name,
            managedPolicies: ['AWSSupportAccess'],
            provider,
            partition,
            trustedAccountId,
          })
        : undefined;
      this.roles = { admin, developer, support };
    }

    if (props.audit) {
      const { terraformPrincipals } = props.audit;
      if (s.stateBucket.enabled) {
        this.stateBucket = new StateBucket(this, 'state-bucket', {
          provider,
          bucketName: `${s.stateBucket.namePrefix}-${accountId}`,
          stateAdminArns: [...terraformPrincipals, ...s.stateBucket.extraStateAdminArns],
        });
      }
      this.trail = addAudit(this, s, {
        accountId,
        partition,
        region,
        provider,
        auditAdminArns: terraformPrincipals,
        dependsOn: this.roles ? [this.roles.admin.role] : undefined,
      }).trail;
    }
    addAccountGuards(this, idPrefix, s, provider);
    if (props.coreVpc) this.vpc = new CoreVpc(this, `${idPrefix}core-vpc`, { ...s.vpc, provider });
  }
}
