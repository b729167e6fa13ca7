/**
 * Checks for the answers awst init accepts, shared by the prompts (which show the message and ask again)
 * and the stack reader. Each returns true or a message saying what is wanted.
 */
export type Check = (value: string) => true | string;

export const accountName =
  (taken: readonly string[] = []): Check =>
  (value) => {
    const name = value.trim();
    if (!/^[A-Za-z0-9][A-Za-z0-9_.-]*$/.test(name))
      return 'Use letters, digits, "-", "_" or "." (no spaces), e.g. main-account.';
    if (taken.includes(name)) return `"${name}" is already an account; choose another name.`;
    return true;
  };

export const accountId: Check = (value) =>
  /^\d{12}$/.test(value.trim()) ? true : 'An AWS account id has exactly 12 digits, e.g. 123456789012.';

export const region: Check = (value) =>
  /^[a-z]{2}(-[a-z]+)+-\d+$/.test(value.trim()) ? true : 'Give a region code such as eu-west-1.';

/** An IAM role name (what `[roles.<name>]` and `awst assume` take). */
export const roleName: Check = (value) =>
  /^[\w+=,.@-]{1,64}$/.test(value.trim()) ? true : 'Give an IAM role name such as DeveloperAccess.';

export const profileName =
  (other?: string): Check =>
  (value) => {
    const name = value.trim();
    if (!/^[A-Za-z0-9][\w.@+=,-]*$/.test(name))
      return 'Use letters, digits and "-", "_", "." (no spaces), e.g. main-account.';
    if (other !== undefined && name === other)
      return `Must differ from "${other}": one profile holds your key, the other the MFA session.`;
    return true;
  };

export const durationMinutes: Check = (value) => {
  const text = value.trim();
  const minutes = Number(text);
  return /^\d+$/.test(text) && minutes >= 15 && minutes <= 720
    ? true
    : 'Give a whole number of minutes between 15 and 720.';
};

/** Empty means "none" (awst then looks the device up in IAM). */
export const optionalMfaSerial: Check = (value) =>
  value.trim() === '' || /^arn:aws[\w-]*:iam::\d{12}:(mfa|u2f)\/.+/.test(value.trim())
    ? true
    : 'Give an MFA device ARN such as arn:aws:iam::123456789012:mfa/alice-phone, or leave it empty.';
