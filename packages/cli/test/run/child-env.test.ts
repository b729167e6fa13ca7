import { describe, expect, it } from 'vitest';
import { parseRunArguments } from '../../src/run/arguments.js';
import { childEnvironment, outerRun } from '../../src/run/child-env.js';
import type { RoleCredentials } from '../../src/sessions/role-credentials.js';

const result: RoleCredentials = {
  profile: 'main-account AdminAccess',
  account: { name: 'main-account', id: '123456789012' },
  role: 'AdminAccess',
  roleArn: 'arn:aws:iam::123456789012:role/AdminAccess',
  region: 'eu-central-1',
  source: 'cache',
  credentials: {
    accessKeyId: 'ASIAROLEEXAMPLE',
    secretAccessKey: 'role-secret',
    sessionToken: 'role-token',
    expiration: new Date('2026-11-25T10:00:00Z'),
  },
};

const parent = {
  PATH: '/usr/bin',
  AWS_PROFILE: 'main-account AdminAccess',
  AWS_DEFAULT_PROFILE: 'x',
  AWS_ACCESS_KEY_ID: 'AKIAOLDEXAMPLE',
  AWS_SECRET_ACCESS_KEY: 'old',
  AWS_SECURITY_TOKEN: 'old',
  AWS_CONTAINER_CREDENTIALS_FULL_URI: 'http://127.0.0.1:1/',
  AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
  AWS_SHARED_CREDENTIALS_FILE: '/tmp/c',
};

describe('childEnvironment', () => {
  it('sets the role credentials and region and removes every competing variable', () => {
    expect(childEnvironment(parent, result)).toEqual({
      PATH: '/usr/bin',
      AWS_ENDPOINT_URL: 'http://127.0.0.1:5000',
      AWS_SHARED_CREDENTIALS_FILE: '/tmp/c',
      AWS_ACCESS_KEY_ID: 'ASIAROLEEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'role-secret',
      AWS_SESSION_TOKEN: 'role-token',
      AWS_CREDENTIAL_EXPIRATION: '2026-11-25T10:00:00.000Z',
      AWS_REGION: 'eu-central-1',
      AWS_DEFAULT_REGION: 'eu-central-1',
      AWST_PROFILE: 'main-account AdminAccess',
    });
  });

  it('with a credential server, sets its address and token and the shared files that cannot outrank it', () => {
    const env = childEnvironment(parent, result, {
      uri: 'http://127.0.0.1:4242/',
      token: 'secret-token',
      files: { AWS_SHARED_CREDENTIALS_FILE: '/dev/null', AWST_USER_CREDENTIALS_FILE: '/tmp/c' },
    });
    expect(env.AWS_ACCESS_KEY_ID).toBeUndefined();
    expect(env.AWS_SESSION_TOKEN).toBeUndefined();
    expect(env.AWS_CONTAINER_CREDENTIALS_FULL_URI).toBe('http://127.0.0.1:4242/');
    expect(env.AWS_CONTAINER_AUTHORIZATION_TOKEN).toBe('secret-token');
    expect(env.AWS_SHARED_CREDENTIALS_FILE).toBe('/dev/null');
    // A plain run inside it gives its own child the user's files back.
    expect(childEnvironment(env, result).AWS_SHARED_CREDENTIALS_FILE).toBe('/tmp/c');
    expect(childEnvironment(env, result).AWST_USER_CREDENTIALS_FILE).toBeUndefined();
  });

  it("leaves the parent's environment as it was (awst passes its own process.env)", () => {
    // Its own literal: the fixture above would not show it (a server run gives it AWST_USER_* variables).
    const own = {
      PATH: '/usr/bin',
      AWS_PROFILE: 'work',
      AWS_ACCESS_KEY_ID: 'AKIAOWNEXAMPLE',
      AWS_SECRET_ACCESS_KEY: 'own',
      AWS_SHARED_CREDENTIALS_FILE: '/home/me/creds',
    };
    const before = { ...own };
    childEnvironment(own, result);
    childEnvironment(own, result, {
      uri: 'http://127.0.0.1:4242/',
      token: 'secret-token',
      files: { AWS_SHARED_CREDENTIALS_FILE: '/dev/null' },
    });
    expect(own).toEqual(before);
  });

  it('marks the child so a nested run can reuse its credentials', () => {
    const before = new Date('2026-11-25T09:00:00Z');
    expect(outerRun(childEnvironment(parent, result), before)).toEqual({
      profile: 'main-account AdminAccess',
      fresh: true,
    });
    expect(outerRun({ AWST_PROFILE: 'x' }, before)).toBeUndefined();
  });

  it('passes outer keys on only while they stay valid at least five minutes', () => {
    const inner = childEnvironment(parent, result);
    const expiry = result.credentials.expiration.getTime();
    expect(outerRun(inner, new Date(expiry - 6 * 60_000))).toEqual({ profile: result.profile, fresh: true });
    expect(outerRun(inner, new Date(expiry - 4 * 60_000))).toEqual({ profile: result.profile, fresh: false });
    expect(outerRun(inner, new Date(expiry + 60_000))?.fresh).toBe(false);
  });
});

describe('parseRunArguments', () => {
  it('splits the pair from the command', () => {
    expect(parseRunArguments(['main', 'AdminAccess'], ['terraform', 'apply', '-auto-approve'])).toEqual({
      pair: { account: 'main', role: 'AdminAccess' },
      command: 'terraform',
      args: ['apply', '-auto-approve'],
    });
    expect(parseRunArguments([], ['true'])).toEqual({ command: 'true', args: [] });
  });

  it('requires -- and a command, and both or neither of account and role', () => {
    expect(() => parseRunArguments(['main', 'AdminAccess'], undefined)).toThrow(/after --/);
    expect(() => parseRunArguments([], [])).toThrow(/No command/);
    expect(() => parseRunArguments(['main'], ['true'])).toThrow(/both <account> and <role>/);
  });
});
