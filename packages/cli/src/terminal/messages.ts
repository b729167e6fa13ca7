/** Human-facing lines go to stderr, so stdout stays clean for `eval "$(awst …)"` and credential_process. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

export function warn(message: string): void {
  process.stderr.write(`awst: warning: ${message}\n`);
}
