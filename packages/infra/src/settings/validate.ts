// The awst CLI's own rules, so awst_config is always one it accepts.
import {
  ACCOUNT_ID,
  ACCOUNT_NAME,
  IAM_NAME,
  MINUTES,
  minutesWithin,
  PROFILE_NAME,
  REGION,
} from '@awst/rules';
import type { Settings } from './types.js';

/** The retention periods CloudWatch Logs accepts, in days. */
const LOG_RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
];

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
    // IAM's MaxSessionDuration starts at one hour; its top is the CLI's longest role session.
    const session = { min: 60, max: MINUTES.roleDuration.max };
    need(
      minutesWithin(session, role.maxSessionDurationSeconds / 60),
      `${label}.maxSessionDurationSeconds must be whole minutes between ${session.min * 60} and ${session.max * 60} (AWS's limits)`,
    );
    const age = MINUTES.roleMfaMaxAge;
    need(
      minutesWithin(age, role.mfaMaxAgeSeconds / 60),
      `${label}.mfaMaxAgeSeconds must be whole minutes between ${age.min * 60} and ${age.max * 60} (awst's MFA session limit)`,
    );
  }
  const selfAge = MINUTES.selfServiceMfaMaxAge;
  need(
    minutesWithin(selfAge, s.selfServiceMfaMaxAgeSeconds / 60),
    `selfServiceMfaMaxAgeSeconds must be whole minutes between ${selfAge.min * 60} and ${selfAge.max * 60}`,
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
    ACCOUNT_NAME.test(cfg.accountName),
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
    minutesWithin(MINUTES.keyRotationInterval, cfg.keyRotationIntervalMinutes),
    'awstConfig.keyRotationIntervalMinutes must be a whole number >= 0',
  );
  need(
    minutesWithin(MINUTES.reuseCredentials, cfg.reuseCredentialsIfValidForMinutes),
    `awstConfig.reuseCredentialsIfValidForMinutes must be ${MINUTES.reuseCredentials.min}..${MINUTES.reuseCredentials.max}`,
  );
  const org = s.organization;
  if (org.enabled)
    need(org.resourceAccounts.length > 0, 'organization.enabled needs at least one resource account');
  const names = new Set<string>();
  for (const a of org.resourceAccounts) {
    need(ACCOUNT_ID.test(a.accountId), `account ${a.name}: accountId must be 12 digits`);
    need(
      /^[A-Za-z][A-Za-z0-9-]*$/.test(a.name),
      `bad account name "${a.name}" (letters, digits and "-", starting with a letter)`,
    );
    need(!names.has(a.name), `account name ${a.name} is used twice`);
    names.add(a.name);
    if (a.region !== undefined)
      need(REGION.test(a.region), `account ${a.name}: region "${a.region}" is not a region code`);
  }
  const m = s.monitoring;
  need(
    LOG_RETENTION_DAYS.includes(m.retentionDays),
    `monitoring.retentionDays must be one of CloudWatch Logs' values (${LOG_RETENTION_DAYS.join(', ')})`,
  );
  need(
    m.alarmEmail === '' || /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(m.alarmEmail),
    `monitoring.alarmEmail "${m.alarmEmail}" is not an e-mail address (or '' for none)`,
  );
  need(
    /^[A-Za-z0-9._/-]{1,512}$/.test(m.logGroupName),
    `monitoring.logGroupName "${m.logGroupName}" is not a log group name`,
  );
  if (problems.length > 0) throw new Error(`settings: ${problems.join('; ')}`);
  return s;
}
