/**
 * The one place to edit: every knob of the awst account baseline lives in {@link settings} below.
 *
 * Each field of {@link Settings} documents its meaning and its default. Tests and the e2e run derive
 * variants with {@link withOverrides}; the CLI (`pnpm -C packages/infra deploy`) uses {@link settings} as is.
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
  /** AWS managed policy names attached to the role. Defaults `AdministratorAccess` / `PowerUserAccess` + `IAMReadOnlyAccess`. */
  managedPolicies: string[];
}

/** The developer role additionally carries an inline deny. */
export interface DeveloperRoleSettings extends RoleSettings {
  /**
   * EC2 actions denied to developers so they cannot change the network (VPCs, subnets, gateways, routes,
   * ACLs, VPN, transit gateways, peering). Default {@link NETWORK_CHANGE_ACTIONS}. Describe calls stay allowed.
   */
  deniedNetworkActions: string[];
  /**
   * Role names the developer role may never pass (`iam:PassRole` deny). Default: the admin role name plus
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
   * Region. `AWS_REGION`, then `AWS_DEFAULT_REGION` override it at synth time (see {@link resolveRegion}).
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
  /** Output directory of synth, relative to the package. Default `cdktf.out`. */
  outdir: string;
}

/**
 * EC2 actions that change the network. `Verb*Noun*` patterns keep `Describe*` allowed while covering every
 * create/modify/delete/attach/associate/replace/accept call on VPC plumbing.
 */
export const NETWORK_CHANGE_ACTIONS: readonly string[] = (() => {
  const verbs = [
    'Accept',
    'Allocate',
    'Associate',
    'Attach',
    'Create',
    'Delete',
    'Detach',
    'Disable',
    'Disassociate',
    'Enable',
    'Modify',
    'Reject',
    'Release',
    'Replace',
  ];
  const nouns = [
    'Vpc',
    'Subnet',
    'Gateway',
    'Route',
    'NetworkAcl',
    'VpnConnection',
    'TransitGateway',
    'DhcpOptions',
    'Ipam',
  ];
  return [
    ...verbs.flatMap((verb) => nouns.map((noun) => `ec2:${verb}*${noun}*`)),
    'ec2:AcceptVpcPeeringConnection',
    'ec2:CreateDefaultVpc',
    'ec2:CreateDefaultSubnet',
    'ec2:MoveAddressToVpc',
  ];
})();

/** The settings. Edit here. */
export const settings: Settings = {
  region: 'eu-west-1',
  accountAliasPrefix: 'awst',
  tags: { Project: 'awst', ManagedBy: 'terraform' },
  users: [
    { name: 'admin', groups: ['Admins', 'Developers'] },
    { name: 'user', groups: ['Developers'] },
  ],
  forceDestroyUsers: true,
  groups: { admins: 'Admins', developers: 'Developers' },
  denyWithoutMfa: true,
  selfServiceMfaMaxAgeSeconds: 14400,
  adminRole: {
    name: 'AdminAccess',
    maxSessionDurationSeconds: 3600,
    mfaMaxAgeSeconds: 3600,
    managedPolicies: ['AdministratorAccess'],
  },
  developerRole: {
    name: 'DeveloperAccess',
    maxSessionDurationSeconds: 14400,
    mfaMaxAgeSeconds: 14400,
    managedPolicies: ['PowerUserAccess', 'IAMReadOnlyAccess'],
    deniedNetworkActions: [...NETWORK_CHANGE_ACTIONS],
    privilegedRoleNames: ['AdminAccess', 'OrganizationAccountAccessRole'],
  },
  passwordPolicy: {
    minimumLength: 32,
    requireAllCharacterClasses: true,
    maxAgeDays: 90,
    reusePrevention: 24,
    allowUsersToChangePassword: true,
  },
  stateBucket: { enabled: true, namePrefix: 'terraform-state', extraStateAdminArns: [] },
  auditTrail: { enabled: true, name: 'awst-audit', bucketNamePrefix: 'cloudtrail' },
  accountPublicAccessBlock: true,
  stateBackend: 'local',
  vpc: {
    enabled: true,
    name: 'core',
    cidr: '10.0.0.0/16',
    zoneCount: 3,
    zoneNames: [],
    subnetNewBits: 4,
    natGateways: 'per-zone',
    flowLogs: false,
    flowLogRetentionDays: 90,
  },
  awstConfig: {
    accountName: 'main-account',
    keyRotationIntervalMinutes: 10080,
    reuseCredentialsIfValidForMinutes: 15,
    mainAccountProfile: 'main-account',
    mfaSessionProfile: 'main-account-mfa-session',
  },
  organization: {
    enabled: false,
    usersAccountName: 'users',
    accessRoleName: 'OrganizationAccountAccessRole',
    resourceAccounts: [],
  },
  outdir: 'cdktf.out',
};

/** Deep partial, arrays replaced as a whole. */
export type SettingsOverrides = {
  [K in keyof Settings]?: Settings[K] extends unknown[] | string | number | boolean
    ? Settings[K]
    : Settings[K] extends object
      ? Partial<Settings[K]> | Settings[K]
      : Settings[K];
};

/** Returns `base` with `overrides` merged one level deep (nested objects merged, arrays and scalars replaced). */
export function withOverrides(overrides: SettingsOverrides, base: Settings = settings): Settings {
  const result: Record<string, unknown> = { ...base };
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = result[key];
    if (isPlainObject(value) && isPlainObject(current) && key !== 'tags') {
      result[key] = { ...current, ...value };
    } else {
      result[key] = value;
    }
  }
  return validate(result as unknown as Settings);
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Region from `AWS_REGION`, `AWS_DEFAULT_REGION`, else the setting. */
export function resolveRegion(s: Settings, env: NodeJS.ProcessEnv = process.env): string {
  return env.AWS_REGION || env.AWS_DEFAULT_REGION || s.region;
}

// The awst CLI's own rules (packages/cli: init/validate.ts, config/parse.ts), so awst_config is always one it accepts.
const CONFIG_NAME = /^[A-Za-z0-9][A-Za-z0-9_.-]*$/;
const PROFILE_NAME = /^[A-Za-z0-9][\w.@+=,-]*$/;
const REGION = /^[a-z]{2}(-[a-z]+)+-\d+$/;
const IAM_NAME = /^[\w+=,.@-]{1,64}$/;

/** Throws on settings that cannot work, or whose awst_config the CLI would refuse. Runs on every synth. */
export function validate(s: Settings): Settings {
  const problems: string[] = [];
  const need = (ok: boolean, problem: string) => {
    if (!ok) problems.push(problem);
  };
  const groups = new Set([s.groups.admins, s.groups.developers]);
  need(REGION.test(s.region), `region "${s.region}" is not a region code such as eu-west-1`);
  for (const user of s.users) {
    need(IAM_NAME.test(user.name), `user name "${user.name}" is not a valid IAM user name`);
    need(user.groups.length > 0, `user ${user.name} belongs to no group`);
    for (const g of user.groups) need(groups.has(g), `user ${user.name}: unknown group ${g}`);
  }
  for (const [label, role] of [
    ['adminRole', s.adminRole],
    ['developerRole', s.developerRole],
  ] as const) {
    const d = role.maxSessionDurationSeconds;
    need(
      Number.isInteger(d) && d >= 3600 && d <= 43200 && d % 60 === 0,
      `${label}.maxSessionDurationSeconds must be whole minutes between 3600 and 43200 (AWS's limits)`,
    );
    const age = role.mfaMaxAgeSeconds;
    need(
      Number.isInteger(age) && age >= 60 && age <= 129600 && age % 60 === 0,
      `${label}.mfaMaxAgeSeconds must be whole minutes between 60 and 129600 (awst's MFA session limit)`,
    );
  }
  const selfAge = s.selfServiceMfaMaxAgeSeconds;
  need(
    Number.isInteger(selfAge) && selfAge >= 900 && selfAge <= 129600 && selfAge % 60 === 0,
    'selfServiceMfaMaxAgeSeconds must be whole minutes between 900 and 129600',
  );
  need(
    s.passwordPolicy.reusePrevention >= 1 && s.passwordPolicy.reusePrevention <= 24,
    'passwordPolicy.reusePrevention must be 1..24',
  );
  const zones = s.vpc.zoneNames.length > 0 ? s.vpc.zoneNames.length : s.vpc.zoneCount;
  if (s.vpc.enabled && (zones < 1 || zones > 2 ** (s.vpc.subnetNewBits - 1))) {
    problems.push(`vpc zone count must be 1..${2 ** (s.vpc.subnetNewBits - 1)}`);
  }
  const cfg = s.awstConfig;
  need(
    CONFIG_NAME.test(cfg.accountName),
    `awstConfig.accountName "${cfg.accountName}" must be letters, digits, "-", "_" or "." (no spaces)`,
  );
  need(
    PROFILE_NAME.test(cfg.mainAccountProfile),
    `awstConfig.mainAccountProfile "${cfg.mainAccountProfile}" is not a profile name awst accepts`,
  );
  need(
    PROFILE_NAME.test(cfg.mfaSessionProfile),
    `awstConfig.mfaSessionProfile "${cfg.mfaSessionProfile}" is not a profile name awst accepts`,
  );
  need(
    cfg.mainAccountProfile !== cfg.mfaSessionProfile,
    'awstConfig.mfaSessionProfile must differ from mainAccountProfile',
  );
  need(
    Number.isInteger(cfg.keyRotationIntervalMinutes) && cfg.keyRotationIntervalMinutes >= 0,
    'awstConfig.keyRotationIntervalMinutes must be a whole number >= 0',
  );
  need(
    Number.isInteger(cfg.reuseCredentialsIfValidForMinutes) &&
      cfg.reuseCredentialsIfValidForMinutes >= 0 &&
      cfg.reuseCredentialsIfValidForMinutes <= 720,
    'awstConfig.reuseCredentialsIfValidForMinutes must be 0..720',
  );
  const org = s.organization;
  if (org.enabled)
    need(org.resourceAccounts.length > 0, 'organization.enabled needs at least one resource account');
  const names = new Set<string>();
  for (const a of org.resourceAccounts) {
    need(/^\d{12}$/.test(a.accountId), `account ${a.name}: accountId must be 12 digits`);
    need(
      /^[A-Za-z][A-Za-z0-9-]*$/.test(a.name),
      `bad account name "${a.name}" (letters, digits and "-", starting with a letter)`,
    );
    need(!names.has(a.name), `account name ${a.name} is used twice`);
    names.add(a.name);
    if (a.region !== undefined)
      need(REGION.test(a.region), `account ${a.name}: region "${a.region}" is not a region code`);
  }
  if (problems.length > 0) throw new Error(`settings: ${problems.join('; ')}`);
  return s;
}
