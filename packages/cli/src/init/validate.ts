import { ACCOUNT_ID, ACCOUNT_NAME, PROFILE_NAME, REGION } from '@awst/rules';

/**
 * Checks for the names and values awst init writes, used on configs it takes from elsewhere (a stack's
 * output, the published configuration). Each returns true or a message saying what is wanted. The rules are config.toml's
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
