/**
 * What every field of the infra package's settings means, and its default. The values themselves are in
 * ../settings.ts, the one file to edit.
 */

/** A human IAM user of the account. */
export interface UserSettings {
  /** IAM user name. */
  name: string;
  /** Names of the groups (from {@link GroupNames}) the user joins. Every user needs at least one group. */
  groups: string[];
}

/** Names of the two IAM groups. */
export interface GroupNames {
  /** Group allowed to assume the admin role. Default `Admins`. */
  admins: string;
  /** Group allowed to assume the developer role. Default `Developers`. */
  developers: string;
}

/** An MFA-protected role that group members assume. */
export interface RoleSettings {
  /** Role name. Defaults `AdminAccess` / `DeveloperAccess`. */
  name: string;
  /** Maximum role session length in seconds. Defaults 3600 (admin) / 14400 (developer). */
  maxSessionDurationSeconds: number;
  /** The trust policy requires `aws:MultiFactorAuthAge` below this many seconds. Defaults 3600 / 14400. */
  mfaMaxAgeSeconds: number;
  /**
   * How the awst CLI obtains this role (`mode` in awst_config): `session` (AssumeRole from the MFA session,
   * which AWS caps at 1 hour) or `direct` (long-term key + MFA code, for the full session length). Unset:
   * the CLI's default, `session`.
   */
  awstMode?: 'session' | 'direct';
  /** AWS managed policy names attached to the role. Defaults `AdministratorAccess` / `PowerUserAccess` + `IAMReadOnlyAccess`. */
  managedPolicies: string[];
}

/** The developer role additionally carries an inline deny. */
export interface DeveloperRoleSettings extends RoleSettings {
  /**
   * EC2 actions denied to developers so they cannot change the network (VPCs, subnets, gateways, routes,
   * ACLs, VPN, transit gateways, peering, traffic mirroring, Client VPN, Instance Connect endpoints, Verified
   * Access, flow-log deletion). Default `NETWORK_CHANGE_ACTIONS` (./network-actions.ts). Describe calls stay allowed.
   */
  deniedNetworkActions: string[];
  /**
   * Role names the developer role may never pass (`iam:PassRole` deny) nor assume, in any account
   * (`sts:AssumeRole` deny on `arn:<partition>:iam::*:role/<name>`). Default: the admin role name plus
   * `OrganizationAccountAccessRole`. The admin role name is always added.
   */
  privilegedRoleNames: string[];
}

/** The IAM account password policy. */
export interface PasswordPolicySettings {
  /** Default 32. */
  minimumLength: number;
  /** Require lowercase, uppercase, numbers and symbols. Default true. */
  requireAllCharacterClasses: boolean;
  /** Days before a password expires. Default 90. */
  maxAgeDays: number;
  /** Number of previous passwords that cannot be reused. Default 24 (CIS). */
  reusePrevention: number;
  /** Users may change their own password. Default true. */
  allowUsersToChangePassword: boolean;
}

/** NAT placement: one NAT gateway per zone (resilient), one shared (cheaper), or none (private subnets stay offline). */
export type NatGatewayMode = 'per-zone' | 'single' | 'none';

/** The core VPC. */
export interface VpcSettings {
  /** Create the VPC at all. Default true. */
  enabled: boolean;
  /** Name tag prefix. Default `core`. */
  name: string;
  /** IPv4 CIDR. Default `10.0.0.0/16`. */
  cidr: string;
  /** Number of availability zones (one public and one private subnet each). Default 3. */
  zoneCount: number;
  /**
   * Explicit zone names (e.g. `['eu-west-1a', 'eu-west-1b']`); when empty (default) zones are taken by index
   * from `data.aws_availability_zones` (state `available`). When set, `zoneCount` is its length.
   */
  zoneNames: string[];
  /** Extra prefix bits per subnet: /16 + 4 = /20 subnets. Public subnets use net numbers 0.., private 8... Default 4. */
  subnetNewBits: number;
  /** Default `per-zone`. */
  natGateways: NatGatewayMode;
  /** VPC flow logs (all traffic) to a CloudWatch Logs group. Default false: they cost per GB. */
  flowLogs: boolean;
  /** Days the flow log group keeps events. Default 90. */
  flowLogRetentionDays: number;
}

/** The S3 bucket meant to hold Terraform state. */
export interface StateBucketSettings {
  /** Create it. Default true. */
  enabled: boolean;
  /** Bucket name is `<prefix>-<account id>`. Default `terraform-state`. */
  namePrefix: string;
  /**
   * Principal ARNs besides the admin role (and the account root, which deploys the baseline first) that may
   * read and write state, e.g. a CI deploy role. Everybody else, developers included, is refused. Default none.
   */
  extraStateAdminArns: string[];
}

/** The CloudTrail audit trail. */
export interface AuditTrailSettings {
  /** A multi-region trail with log-file validation into its own bucket. Default true. */
  enabled: boolean;
  /** Trail name. Default `awst-audit`. */
  name: string;
  /** Bucket name is `<prefix>-<account id>`. Default `cloudtrail`. */
  bucketNamePrefix: string;
  /**
   * Server access logs of the trail bucket (CIS 3.4) go to `<prefix>-<account id>`. Default `cloudtrail-access-logs`.
   */
  accessLogBucketNamePrefix: string;
}

/**
 * Detection (CIS §4): the trail delivers to a CloudWatch Logs group (encrypted with the audit key), one metric
 * filter and alarm per CIS v3 monitoring control, and an SNS topic the alarms notify. Developers cannot change
 * or delete any of it.
 */
export interface MonitoringSettings {
  /** The one switch: log group, metric filters, alarms, topic. Default true. */
  enabled: boolean;
  /** Log group the trail delivers to. Default `/awst/cloudtrail`. */
  logGroupName: string;
  /** Days the log group keeps events. Default 365. */
  retentionDays: number;
  /** SNS topic the alarms notify. Default `awst-security-alarms`. */
  topicName: string;
  /** Alarm names are `<prefix><control>`, e.g. `awst-cis-4.3-root-usage`. Default `awst-cis-`. */
  alarmNamePrefix: string;
  /** E-mail address subscribed to the topic (AWS mails a confirmation link). Default `''`: no subscription. */
  alarmEmail: string;
}

/** AWS Config (CIS 3.3): a recorder of every resource type, delivering to its own bucket. */
export interface ConfigRecorderSettings {
  /** Default false: AWS Config bills per recorded configuration item. */
  enabled: boolean;
  /** Bucket name is `<prefix>-<account id>`. Default `aws-config`. */
  bucketNamePrefix: string;
}

/** The IAM support role (CIS 1.17): `AWSSupportAccess`, assumable like the admin role (Admins, MFA). */
export interface SupportRoleSettings {
  /** Default true (it costs nothing). */
  enabled: boolean;
  /** Default `SupportAccess`. */
  name: string;
}

/** S3 backend (next step once the state bucket exists). */
export interface S3BackendSettings {
  /** Bucket name, e.g. `terraform-state-123456789012`. */
  bucket: string;
  /** Object key prefix; the stack name is appended: `<keyPrefix>/<stack>.tfstate`. Default `awst`. */
  keyPrefix?: string;
  /** Bucket region. Default: {@link Settings.region}. */
  region?: string;
}

/** How awst's CLI config (`config.toml`) produced by the `awst_config` output looks. */
export interface AwstConfigSettings {
  /** Name of the account in `[accounts]`. Default `main-account`. */
  accountName: string;
  /** `keyRotationIntervalMinutes`. Default 10080 (one week). */
  keyRotationIntervalMinutes: number;
  /** `reuseCredentialsIfValidForMinutes`. Default 15. */
  reuseCredentialsIfValidForMinutes: number;
  /** `[profiles] mainAccount`: credentials profile with the long-term key. Default `main-account`. */
  mainAccountProfile: string;
  /** `[profiles] mainAccountMfaSession`. Default `main-account-mfa-session`. */
  mfaSessionProfile: string;
}

/** One resource account of the 1+1+n `organization` stack. */
export interface ResourceAccountSettings {
  /** Name in config.toml `[accounts]` and in Terraform ids (letters, digits, dashes). */
  name: string;
  /** 12-digit account id. */
  accountId: string;
  /** Region of the account's provider and config entry. Default: {@link Settings.region}. */
  region?: string;
  /**
   * Role Terraform assumes in the account. Default
   * `arn:aws:iam::<accountId>:role/<organization.accessRoleName>`.
   */
  roleArnForTerraform?: string;
  /** Credentials profile for this account's provider instead of the default chain. Default none. */
  profile?: string;
  /** Create the core VPC in this account. Default false. */
  coreVpc?: boolean;
}

/** The 1+1+n layout: one users account, n resource accounts. */
export interface OrganizationSettings {
  /** Synthesize the `organization` stack. Default false. */
  enabled: boolean;
  /** Name of the users account (holds IAM users and groups). Default `users`. */
  usersAccountName: string;
  /** Credentials profile for the users account provider. Default none (standard AWS environment). */
  usersAccountProfile?: string;
  /** Role assumed in the users account, if any. Default none. */
  usersAccountRoleArn?: string;
  /** Role name created by AWS Organizations in member accounts. Default `OrganizationAccountAccessRole`. */
  accessRoleName: string;
  /** The resource accounts. Default none: list yours, with their real ids, before enabling the stack. */
  resourceAccounts: ResourceAccountSettings[];
}

/** Every setting of the infra package. */
export interface Settings {
  /**
   * Region. `AWS_REGION`, then `AWS_DEFAULT_REGION` override it at synth time (see resolveRegion in ./region.ts).
   * Default `eu-west-1`.
   */
  region: string;
  /** Account alias is `<accountAliasPrefix>-<account id>`. Default `awst`. */
  accountAliasPrefix: string;
  /** Default tags for every resource (provider `default_tags`). Default `{ Project: 'awst', ManagedBy: 'terraform' }`. */
  tags: Record<string, string>;
  /** Human users. Default `admin` (Admins, Developers) and `user` (Developers). */
  users: UserSettings[];
  /**
   * `force_destroy` on users, so `destroy` removes users that gained keys, MFA devices or login profiles
   * outside Terraform. Default true.
   */
  forceDestroyUsers: boolean;
  /** Group names. */
  groups: GroupNames;
  /**
   * Deny everything except MFA self-service to group members whose request carries no MFA
   * (AWS "BlockMostAccessUnlessSignedInWithMFA"). Default true. See README.
   */
  denyWithoutMfa: boolean;
  /**
   * Self-service that needs MFA (own access keys, deactivating or deleting own MFA devices, enabling another)
   * requires an MFA younger than this many seconds. Default 14400. A multiple of 60 (awst works in minutes).
   */
  selfServiceMfaMaxAgeSeconds: number;
  /** Admin role. */
  adminRole: RoleSettings;
  /** Developer role. */
  developerRole: DeveloperRoleSettings;
  /** Account password policy. */
  passwordPolicy: PasswordPolicySettings;
  /** Terraform state bucket. */
  stateBucket: StateBucketSettings;
  /** CloudTrail. */
  auditTrail: AuditTrailSettings;
  /**
   * S3 Block Public Access for the whole account (`aws_s3_account_public_access_block`). Default true. (Off only
   * for the emulator: moto cannot be reached at S3 Control's `<account>.` host prefix.)
   */
  accountPublicAccessBlock: boolean;
  /**
   * Where Terraform keeps state: `'local'` (default; `packages/infra/terraform.<stack>.tfstate`, outside `cdktf.out`) or an S3 bucket
   * (with `use_lockfile`).
   */
  stateBackend: 'local' | S3BackendSettings;
  /** Core VPC. */
  vpc: VpcSettings;
  /** The generated config.toml. */
  awstConfig: AwstConfigSettings;
  /** The 1+1+n stack. */
  organization: OrganizationSettings;
  /** CloudWatch Logs delivery of the trail, CIS §4 alarms and their topic. */
  monitoring: MonitoringSettings;
  /**
   * An account IAM Access Analyzer (CIS 1.20), in every account the baseline manages. Default true. (Off for
   * the emulator: moto 5.2 has no Access Analyzer.)
   */
  accessAnalyzer: boolean;
  /** EBS encryption by default in the region (CIS 2.2.1), in every account the baseline manages. Default true. */
  ebsDefaultEncryption: boolean;
  /** AWS Config. */
  configRecorder: ConfigRecorderSettings;
  /** The IAM support role. */
  supportRole: SupportRoleSettings;
  /** Output directory of synth, relative to the package. Default `cdktf.out`. */
  outdir: string;
}
