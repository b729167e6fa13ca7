import type { Account } from '../config/types.js';
import { defaultAnswers, type InitAnswers } from './render-config.js';
import * as check from './validate.js';

/** One question; `askOnTerminal` answers them in awst, a script in the tests. */
export interface InitQuestion {
  type: 'input' | 'confirm';
  message: string;
  default?: string | boolean;
  validate?: check.Check;
}

export type Ask = (question: InitQuestion) => Promise<string | boolean>;

/** Asks everything awst init needs, in order: accounts (as many as wanted), region, profiles, roles, MFA device. */
export async function askInitAnswers(ask: Ask): Promise<InitAnswers> {
  const answers = defaultAnswers();
  const text = async (message: string, validate: check.Check, fallback?: string) =>
    String(await ask({ type: 'input', message, default: fallback, validate })).trim();

  const accounts: Account[] = [];
  do {
    const first = accounts.length === 0;
    const name = await text(
      first ? 'Account name (your main account, where your IAM user is)' : 'Account name',
      check.accountName(accounts.map((a) => a.name)),
      first ? 'main-account' : undefined,
    );
    const id = await text(`12-digit account id of ${name}`, check.accountId);
    accounts.push({ name, id });
  } while (await ask({ type: 'confirm', message: 'Add another account?', default: false }));
  answers.accounts = accounts;

  answers.defaultRegion = await text('Default region', check.region, answers.defaultRegion);
  answers.mainAccountProfile = await text(
    'Profile that holds your access key (profiles.mainAccount)',
    check.profileName(),
    answers.mainAccountProfile,
  );
  answers.mfaSessionProfile = await text(
    'Profile for the MFA session (profiles.mainAccountMfaSession)',
    check.profileName(answers.mainAccountProfile),
    answers.mfaSessionProfile,
  );
  for (const [role, minutes] of Object.entries(answers.roleDurations)) {
    answers.roleDurations[role] = Number(
      await text(
        `${role} session length in minutes (durationMinutes)`,
        check.durationMinutes,
        String(minutes),
      ),
    );
  }
  const serial = await text(
    'MFA device ARN (mfaSerial; leave empty to look it up in IAM)',
    check.optionalMfaSerial,
  );
  if (serial !== '') answers.mfaSerial = serial;
  return answers;
}
