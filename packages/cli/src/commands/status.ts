import { SessionInvalidError } from '../aws/errors.js';
import { readProfiles } from '../aws-files/profile-store.js';
import { defaultConfigPath } from '../config/locate.js';
import { AwstError } from '../errors.js';
import { unfinishedRotation } from '../rotation/markers.js';
import { mfaSessionFromProfile } from '../sessions/mfa-session.js';
import { accessKeyFromProfile, minutesLeft } from '../sessions/stored-credentials.js';
import { type KeyAge, statusLines } from '../status/report.js';
import { chainContext, type GlobalOptions, loadConfigWithWarnings } from './wiring.js';

export async function statusCommand(options: { offline?: boolean }, global: GlobalOptions) {
  const config = await loadConfigWithWarnings(global);
  const ctx = chainContext(config, {});
  const profiles = await readProfiles(ctx.paths);
  const keyAge: KeyAge = options.offline ? { unknownBecause: 'not asked: --offline' } : await mainKeyAge();
  const source = config.path
    ? `Config: ${config.path}`
    : `Config: none found, using the defaults (${initTarget()}).`;
  const unfinished = unfinishedRotation(profiles.credentials.get(config.mainAccountProfile));
  const lines = [
    source,
    ...statusLines(config, profiles, keyAge, new Date()),
    ...(unfinished ? [unfinished] : []),
  ];
  process.stdout.write(`${lines.join('\n')}\n`);

  /** The key's CreateDate from IAM, asked with the MFA session when there is one (key self-service may require MFA). */
  async function mainKeyAge(): Promise<KeyAge> {
    const key = accessKeyFromProfile(profiles.credentials.get(config.mainAccountProfile));
    const session = mfaSessionFromProfile(profiles.credentials.get(config.mfaSessionProfile));
    if (!key) return { unknownBecause: 'no key' };
    const live =
      session && minutesLeft(session.credentials.expiration, ctx.now()) > 1 ? session.credentials : undefined;
    try {
      const api = ctx.api();
      const userName = session?.identity.userName ?? (await api.getUser(key)).userName;
      // A session AWS no longer accepts (e.g. its key was rotated away) is no reason to show nothing.
      const keys = await api
        .listAccessKeys(live ?? key, userName)
        .catch((error) =>
          live && error instanceof SessionInvalidError
            ? api.listAccessKeys(key, userName)
            : Promise.reject(error),
        );
      return { key: keys.find((k) => k.accessKeyId === key.accessKeyId) };
    } catch (error) {
      return { unknownBecause: error instanceof AwstError ? error.message : String(error) };
    }
  }
}

/** Where `awst init` would write, or what it needs when there is no home folder to put it in. */
function initTarget(): string {
  try {
    return `awst init writes ${defaultConfigPath(process.env)}`;
  } catch {
    return 'awst init needs HOME, XDG_CONFIG_HOME or AWST_CONFIG to know where to write';
  }
}
