import type { RoleCredentials } from '../sessions/role-credentials.js';
import { formatValidity } from './time.js';

/** The one line `assume` (and a `run` that had to get credentials) prints: role, profile, valid until. */
export function assumedLine(result: RoleCredentials, now: Date): string {
  const how = result.source === 'cache' ? 'reused' : 'assumed';
  return `${result.role} in ${result.account.name} (${result.account.id}) ${how}: profile "${result.profile}", ${formatValidity(result.credentials.expiration, now)}.`;
}
