/**
 * Every failure a user can act on is an AwstError: a message of one or two sentences naming the cause
 * and the fix. main.ts prints the message (the stack only with --debug) and exits with `exitCode`.
 */
export class AwstError extends Error {
  constructor(
    message: string,
    readonly exitCode: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Wrong arguments or configuration: exit code 2. */
export class UsageError extends AwstError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 2, options);
  }
}

/** A config.toml that cannot be used; the message names file and line. Exit code 2. */
export class ConfigError extends UsageError {}

/** AWS refused or could not be reached, or authentication failed: exit code 1. */
export class AwsError extends AwstError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 1, options);
  }
}

/** AWS rejected the MFA code itself (wrong, expired or already used). */
export class MfaCodeRejectedError extends AwsError {}
