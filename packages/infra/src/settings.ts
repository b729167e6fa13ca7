/**
 * The one place to edit: every knob of the awst account baseline is in {@link settings} below. What each
 * field means, and its default, is documented in settings/types.ts. Tests and the e2e run derive variants
 * with withOverrides (settings/overrides.ts); `pnpm -C packages/infra deploy` uses {@link settings} as is.
 */
import { BASELINE_ROLES, BASELINE_SELF_SERVICE_MFA_MAX_AGE_MINUTES, CONFIG_DEFAULTS } from '@awst/rules';
import { NETWORK_CHANGE_ACTIONS } from './settings/network-actions.js';
import type { Settings } from './settings/types.js';

/** The settings. Edit here. */
export const settings: Settings = {
  region: CONFIG_DEFAULTS.defaultRegion,
  accountAliasPrefix: 'awst',
  tags: { Project: 'awst', ManagedBy: 'terraform' },
  users: [
    { name: 'admin', groups: ['Admins', 'Developers'] },
    { name: 'user', groups: ['Developers'] },
  ],
  forceDestroyUsers: true,
  groups: { admins: 'Admins', developers: 'Developers' },
  denyWithoutMfa: true,
  // The session lengths and MFA ages the awst CLI assumes when config.toml does not say (@awst/rules);
  // awst_config tells it any other values set here.
  selfServiceMfaMaxAgeSeconds: BASELINE_SELF_SERVICE_MFA_MAX_AGE_MINUTES * 60,
  adminRole: {
    name: BASELINE_ROLES.admin.name,
    maxSessionDurationSeconds: BASELINE_ROLES.admin.durationMinutes * 60,
    mfaMaxAgeSeconds: BASELINE_ROLES.admin.mfaMaxAgeMinutes * 60,
    managedPolicies: ['AdministratorAccess'],
  },
  developerRole: {
    name: BASELINE_ROLES.developer.name,
    maxSessionDurationSeconds: BASELINE_ROLES.developer.durationMinutes * 60,
    mfaMaxAgeSeconds: BASELINE_ROLES.developer.mfaMaxAgeMinutes * 60,
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
  auditTrail: {
    enabled: true,
    name: 'awst-audit',
    bucketNamePrefix: 'cloudtrail',
    accessLogBucketNamePrefix: 'cloudtrail-access-logs',
  },
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
    keyRotationIntervalMinutes: CONFIG_DEFAULTS.keyRotationIntervalMinutes,
    reuseCredentialsIfValidForMinutes: CONFIG_DEFAULTS.reuseCredentialsIfValidForMinutes,
    mainAccountProfile: CONFIG_DEFAULTS.mainAccountProfile,
    mfaSessionProfile: CONFIG_DEFAULTS.mfaSessionProfile,
  },
  organization: {
    enabled: false,
    usersAccountName: 'users',
    accessRoleName: 'OrganizationAccountAccessRole',
    resourceAccounts: [],
  },
  outdir: 'cdktf.out',
  monitoring: {
    enabled: true,
    logGroupName: '/awst/cloudtrail',
    retentionDays: 365,
    topicName: 'awst-security-alarms',
    alarmNamePrefix: 'awst-cis-',
    alarmEmail: '',
  },
  accessAnalyzer: true,
  ebsDefaultEncryption: true,
  configRecorder: { enabled: false, bucketNamePrefix: 'aws-config' },
  supportRole: { enabled: true, name: 'SupportAccess' },
};
