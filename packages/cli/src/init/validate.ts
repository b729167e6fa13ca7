import {
  ACCOUNT_ID,
  ACCOUNT_NAME,
  MFA_SERIAL,
  MINUTES,
  minutesWithin,
  PROFILE_NAME,
  REGION,
} from '@awst/rules';

/**
 * Checks for the answers awst init accepts, shared by the prompts (which show the message and ask again)
 * and the stack reader. Each returns true or a message saying what is wanted. The rules are config.toml's
 * own (@awst/rules), so an accepted answer always makes a config that loads.
 */
export type Check = (value: string) => true | string;

export const accountName =
  (taken: readonly string[] = []): Check =>
  (value) => {
    const name = value.trim();
    if (!ACCOUNT_NAME.test(name))
      return 'Use letters, digits, "-", "_" or "." (no spaces), e.g. main-account.';
    if (taken.includes(name)) return `"${name}" is already an account; choose another name.`;
    return true;
  };

export const accountId: Check = (value) =>
  ACCOUNT_ID.test(value.trim()) ? true : 'An AWS account id has exactly 12 digits, e.g. 123456789012.';

export const region: Check = (value) =>
  REGION.test(value.trim()) ? true : 'Give a region code such as eu-west-1.';

export const profileName =
  (other?: string): Check =>
  (value) => {
    const name = value.trim();
    if (!PROFILE_NAME.test(name))
      return 'Use letters, digits and "-", "_", "." (no spaces), e.g. main-account.';
    if (other !== undefined && name === other)
      return `Must differ from "${other}": one profile holds your key, the other the MFA session.`;
    return true;
  };

export const durationMinutes: Check = (value) => {
  const text = value.trim();
  const { min, max } = MINUTES.roleDuration;
  return /^\d+$/.test(text) && minutesWithin(MINUTES.roleDuration, Number(text))
    ? true
    : `Give a whole number of minutes between ${min} and ${max}.`;
};

/** Empty means "none" (awst then looks the device up in IAM). */
export const optionalMfaSerial: Check = (value) =>
  value.trim() === '' || MFA_SERIAL.test(value.trim())
    ? true
    : 'Give an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice-phone, or leave it empty.';
