import type { AccessKeyInfo } from '../aws/types.js';
import type { AwsProfiles } from '../aws-files/profile-store.js';
import type { AwstConfig } from '../config/types.js';
import { planLogout } from '../sessions/logout.js';
import { mfaAgeMinutes, mfaSessionFromProfile } from '../sessions/mfa-session.js';
import { EXPIRATION_KEY, minutesLeft, parseDate } from '../sessions/stored-credentials.js';
import { formatMinutes, formatValidity } from '../terminal/time.js';

export interface KeyAge {
  key?: AccessKeyInfo;
  /** Why the age is unknown, when it is. */
  unknownBecause?: string;
}

/** The lines of `awst status`: role profiles, the MFA session, and the main key's age. No secrets. */
export function statusLines(config: AwstConfig, profiles: AwsProfiles, keyAge: KeyAge, now: Date): string[] {
  const lines: string[] = [];
  const roleProfiles = [...profiles.credentials].filter(
    ([name, values]) => name !== config.mfaSessionProfile && values[EXPIRATION_KEY] !== undefined,
  );
  lines.push(
    roleProfiles.length ? 'Role profiles:' : 'Role profiles: none yet (run awst assume <account> <role>).',
  );
  const width = Math.max(0, ...roleProfiles.map(([name]) => name.length));
  for (const [name, values] of roleProfiles) {
    const expiration = parseDate(values[EXPIRATION_KEY]);
    const state =
      expiration && minutesLeft(expiration, now) > 0 ? formatValidity(expiration, now) : 'expired';
    lines.push(`  ${name.padEnd(width)}  ${state}`);
  }
  const stale = planLogout(config, profiles, {}).result.leftStale;
  if (stale.length > 0) {
    const [those, them] =
      stale.length === 1 ? [`[${stale[0]}] is`, 'it'] : [`${stale.length} of these are`, 'them'];
    lines.push(
      `  (${those} for a role or account config.toml does not name; awst logout --all removes ${them}.)`,
    );
  }

  const session = mfaSessionFromProfile(profiles.credentials.get(config.mfaSessionProfile));
  if (session && minutesLeft(session.credentials.expiration, now) > 0) {
    lines.push(
      `MFA session [${config.mfaSessionProfile}]: ${formatValidity(session.credentials.expiration, now)}; code entered ${formatMinutes(mfaAgeMinutes(session, now))} ago (${session.identity.userName}, ${session.identity.mfaSerial}).`,
    );
  } else {
    lines.push(`MFA session [${config.mfaSessionProfile}]: none valid; the next assume asks for a code.`);
  }

  const mainKeyId = profiles.credentials.get(config.mainAccountProfile)?.aws_access_key_id;
  if (!mainKeyId) {
    lines.push(`Access key [${config.mainAccountProfile}]: none in the credentials file.`);
  } else if (!keyAge.key) {
    lines.push(
      `Access key ${mainKeyId} [${config.mainAccountProfile}]: age unknown (${keyAge.unknownBecause ?? 'not found in IAM'}).`,
    );
  } else {
    const ageMinutes = (now.getTime() - keyAge.key.createDate.getTime()) / 60_000;
    const interval = config.keyRotationIntervalMinutes;
    const next =
      interval === 0
        ? 'automatic rotation is off (keyRotationIntervalMinutes = 0)'
        : ageMinutes >= interval
          ? 'rotates at the next new MFA session'
          : `rotates in ${formatMinutes(interval - ageMinutes)}`;
    lines.push(
      `Access key ${mainKeyId} [${config.mainAccountProfile}]: ${formatMinutes(ageMinutes)} old, ${keyAge.key.status}; ${next}.`,
    );
  }
  return lines;
}
