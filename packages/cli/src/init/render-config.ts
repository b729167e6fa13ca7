import { DEFAULTS, ROLE_DEFAULTS } from '../config/defaults.js';
import type { Account } from '../config/types.js';

/** What `awst init` asks for (or reads from a stack), before it becomes config.toml text. */
export interface InitAnswers {
  accounts: Account[];
  defaultRegion: string;
  mainAccountProfile: string;
  mfaSessionProfile: string;
  /** durationMinutes per role name, written as [roles.<name>] tables. */
  roleDurations: Record<string, number>;
  mfaSerial?: string;
}

/** The answers awst init offers as defaults: awstools' names and the baseline's role lengths. */
export function defaultAnswers(): InitAnswers {
  return {
    accounts: [],
    defaultRegion: DEFAULTS.defaultRegion,
    mainAccountProfile: DEFAULTS.mainAccountProfile,
    mfaSessionProfile: DEFAULTS.mfaSessionProfile,
    roleDurations: Object.fromEntries(
      Object.entries(ROLE_DEFAULTS).map(([role, settings]) => [role, settings.durationMinutes]),
    ),
  };
}

/**
 * config.toml text in awstools' format (top-level keys, [profiles], [accounts] name = "id") plus
 * [roles.<name>] tables, under a comment header saying where it came from.
 */
export function renderConfig(answers: InitAnswers, source = 'awst init'): string {
  const lines = [
    `# awst configuration, written by ${source}.`,
    '# awstools\' format: top-level settings, [profiles], [accounts] (name = "12-digit id") and',
    '# optional [roles.<name>] tables (durationMinutes, mfaMaxAgeMinutes, mode).',
    '',
    `defaultRegion = ${tomlString(answers.defaultRegion)}`,
    `keyRotationIntervalMinutes = ${DEFAULTS.keyRotationIntervalMinutes}`,
    `reuseCredentialsIfValidForMinutes = ${DEFAULTS.reuseCredentialsIfValidForMinutes}`,
  ];
  if (answers.mfaSerial) lines.push(`mfaSerial = ${tomlString(answers.mfaSerial)}`);
  lines.push(
    '',
    '[profiles]',
    `mainAccount = ${tomlString(answers.mainAccountProfile)}`,
    `mainAccountMfaSession = ${tomlString(answers.mfaSessionProfile)}`,
    '',
    '[accounts]',
  );
  for (const account of answers.accounts) {
    lines.push(
      account.region === undefined
        ? `${tomlKey(account.name)} = ${tomlString(account.id)}`
        : `${tomlKey(account.name)} = { id = ${tomlString(account.id)}, region = ${tomlString(account.region)} }`,
    );
  }
  for (const [role, minutes] of Object.entries(answers.roleDurations)) {
    lines.push('', `[roles.${tomlKey(role)}]`, `durationMinutes = ${minutes}`);
  }
  return `${lines.join('\n')}\n`;
}

/** A bare key when TOML allows one, else a quoted key. */
export function tomlKey(key: string): string {
  return /^[A-Za-z0-9_-]+$/.test(key) ? key : tomlString(key);
}

/** A TOML basic string; JSON's escapes are a subset of TOML's. */
export function tomlString(value: string): string {
  return JSON.stringify(value);
}
