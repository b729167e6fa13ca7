import { renderConfigToml } from '@awst/rules';
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

/** config.toml text from init's answers, under a comment header saying where it came from. */
export function renderConfig(answers: InitAnswers, source = 'awst init'): string {
  return renderConfigToml({
    comments: [
      `awst configuration, written by ${source}.`,
      'awstools\' format: top-level settings, [profiles], [accounts] (name = "12-digit id") and',
      'optional [roles.<name>] tables (durationMinutes, mfaMaxAgeMinutes, mode).',
    ],
    settings: [
      ['defaultRegion', answers.defaultRegion],
      ['keyRotationIntervalMinutes', DEFAULTS.keyRotationIntervalMinutes],
      ['reuseCredentialsIfValidForMinutes', DEFAULTS.reuseCredentialsIfValidForMinutes],
      ['mfaSerial', answers.mfaSerial || undefined],
    ],
    profiles: { mainAccount: answers.mainAccountProfile, mainAccountMfaSession: answers.mfaSessionProfile },
    accounts: answers.accounts,
    roles: Object.entries(answers.roleDurations).map(([name, durationMinutes]) => ({
      name,
      durationMinutes,
    })),
  });
}
