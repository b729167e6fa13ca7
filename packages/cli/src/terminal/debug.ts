/**
 * `--debug` lines: the decisions the credential chain takes (what was reused and why, which window applied,
 * which MFA device, why a prompt appeared), as `awst[debug]: <what> key=value …` on stderr. Set for the
 * whole command by main.ts, like --no-color. Callers pass names, ARNs, serials and minutes, never secrets.
 */
let debugFlag = false;

export function setDebug(): void {
  debugFlag = true;
}

export type DebugFields = Record<string, string | number | boolean | undefined>;

export function debugLine(message: string, fields: DebugFields = {}): void {
  if (!debugFlag) return;
  process.stderr.write(`${formatDebugLine(message, fields)}\n`);
}

export function formatDebugLine(message: string, fields: DebugFields = {}): string {
  const pairs = Object.entries(fields)
    .filter(([, value]) => value !== undefined)
    .map(([key, value]) => `${key}=${formatValue(value as string | number | boolean)}`);
  return ['awst[debug]:', message, ...pairs].join(' ');
}

function formatValue(value: string | number | boolean): string {
  if (typeof value === 'number') return Number.isInteger(value) ? String(value) : value.toFixed(1);
  if (typeof value === 'boolean') return String(value);
  return /^[\w.:/@+=,-]+$/.test(value) ? value : JSON.stringify(value);
}
