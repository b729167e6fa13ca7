import { describe, expect, it } from 'vitest';
import {
  exportCredentialsVariables,
  exportProfileVariables,
} from '../../src/sessions/credential-variables.js';
import type { RoleCredentials } from '../../src/sessions/role-credentials.js';

const result = {
  profile: 'main-account DeveloperAccess',
  region: 'eu-central-1',
  credentials: {
    accessKeyId: 'ASIAROLE',
    secretAccessKey: 'secret',
    sessionToken: 'token',
    expiration: new Date('2026-11-26T12:00:00Z'),
  },
} as RoleCredentials;

describe('what assume --export and --export-credentials set and unset', () => {
  it('--export: the profile and both region variables; keys and the profile botocore prefers go', () => {
    expect(exportProfileVariables(result)).toEqual({
      set: {
        AWS_PROFILE: 'main-account DeveloperAccess',
        AWS_REGION: 'eu-central-1',
        AWS_DEFAULT_REGION: 'eu-central-1',
      },
      unset: [
        'AWS_ACCESS_KEY_ID',
        'AWS_SECRET_ACCESS_KEY',
        'AWS_SESSION_TOKEN',
        'AWS_SECURITY_TOKEN',
        'AWS_CREDENTIAL_EXPIRATION',
        'AWS_DEFAULT_PROFILE',
      ],
    });
  });

  it('--export-credentials: keys and both regions; both profiles and the legacy token name go', () => {
    const { set, unset } = exportCredentialsVariables(result);
    expect(Object.keys(set).sort()).toEqual([
      'AWS_ACCESS_KEY_ID',
      'AWS_CREDENTIAL_EXPIRATION',
      'AWS_DEFAULT_REGION',
      'AWS_REGION',
      'AWS_SECRET_ACCESS_KEY',
      'AWS_SESSION_TOKEN',
    ]);
    expect(unset).toEqual(['AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_SECURITY_TOKEN']);
  });
});
