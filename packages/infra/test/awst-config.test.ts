/**
 * One source of truth: the synthesized awst_config output, rendered as Terraform's format() would, must be a
 * config the CLI's own parser accepts and that carries the settings' role and self-service values.
 */
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../cli/src/config/parse.js';
import { roleSettings } from '../../cli/src/config/roles.js';
import { synth } from '../src/main.js';
import { type SettingsOverrides, withOverrides } from '../src/settings/overrides.js';
import { settings } from '../src/settings.js';
import { type Json, synthBaseline, synthOrganization } from './helpers.js';

/** What `terraform output -raw awst_config` prints once the account id is known. */
function renderOutput(json: Json, ids: Record<string, string>): string {
  const value: string = json.output.awst_config.value;
  const match = /^\$\{format\("((?:[^"\\]|\\.)*)", (.*)\)\}$/s.exec(value);
  if (!match) throw new Error(`awst_config is not a format() call: ${value}`);
  const template: string = JSON.parse(`"${match[1]}"`);
  const args = match[2]!.split(', ').map((arg) => (arg.startsWith('"') ? JSON.parse(arg) : ids[arg]));
  let i = 0;
  return template.replace(/%%|%s/g, (token) => (token === '%%' ? '%' : String(args[i++])));
}

const CUSTOM: SettingsOverrides = {
  region: 'us-east-2',
  selfServiceMfaMaxAgeSeconds: 1800,
  adminRole: { ...settings.adminRole, name: 'Root', maxSessionDurationSeconds: 7200, mfaMaxAgeSeconds: 900 },
  developerRole: { ...settings.developerRole, maxSessionDurationSeconds: 28_800, mfaMaxAgeSeconds: 7200 },
  awstConfig: {
    accountName: 'acme.main',
    keyRotationIntervalMinutes: 0,
    reuseCredentialsIfValidForMinutes: 5,
    mainAccountProfile: 'acme-key',
    mfaSessionProfile: 'acme-mfa',
  },
};

describe('awst_config through the CLI parser', () => {
  it('carries non-default role lengths, MFA ages and the self-service MFA age', () => {
    const text = renderOutput(synthBaseline(CUSTOM), {
      'data.aws_caller_identity.current.account_id': '123456789012',
    });
    const config = parseConfig(text, 'awst_config');
    expect(config).toMatchObject({
      defaultRegion: 'us-east-2',
      keyRotationIntervalMinutes: 0,
      reuseCredentialsIfValidForMinutes: 5,
      selfServiceMfaMaxAgeMinutes: 30,
      mainAccountProfile: 'acme-key',
      mfaSessionProfile: 'acme-mfa',
      accounts: [{ name: 'acme.main', id: '123456789012' }],
    });
    expect(roleSettings(config, 'Root')).toMatchObject({ durationMinutes: 120, mfaMaxAgeMinutes: 15 });
    expect(roleSettings(config, 'DeveloperAccess')).toMatchObject({
      durationMinutes: 480,
      mfaMaxAgeMinutes: 120,
    });
  });

  it('the default settings give the CLI its built-in role values', () => {
    const config = parseConfig(
      renderOutput(synthBaseline(), { 'data.aws_caller_identity.current.account_id': '123456789012' }),
      'awst_config',
    );
    expect(config.roles).toEqual({
      AdminAccess: { durationMinutes: 60, mfaMaxAgeMinutes: 60 },
      DeveloperAccess: { durationMinutes: 240, mfaMaxAgeMinutes: 240 },
    });
    expect(config.selfServiceMfaMaxAgeMinutes).toBe(240);
  });

  it("carries each role's awstMode as mode, so a 4-hour role can be direct", () => {
    const json = synthBaseline({ developerRole: { ...settings.developerRole, awstMode: 'direct' } });
    const config = parseConfig(
      renderOutput(json, { 'data.aws_caller_identity.current.account_id': '123456789012' }),
      'awst_config',
    );
    expect(roleSettings(config, 'DeveloperAccess')).toEqual({
      mode: 'direct',
      durationMinutes: 240,
      mfaMaxAgeMinutes: 240,
    });
    expect(config.roles.AdminAccess).toEqual({ durationMinutes: 60, mfaMaxAgeMinutes: 60 });
  });

  it('lists every resource account of the organization stack, with regions', () => {
    const json = synthOrganization({
      organization: {
        ...settings.organization,
        enabled: true,
        resourceAccounts: [
          { name: 'dev', accountId: '111111111111' },
          { name: 'prod', accountId: '222222222222', region: 'eu-central-1' },
        ],
      },
    });
    const config = parseConfig(renderOutput(json, {}), 'awst_config');
    expect(config.accounts).toEqual([
      { name: 'dev', id: '111111111111' },
      { name: 'prod', id: '222222222222', region: 'eu-central-1' },
    ]);
  });
});

describe('validate() on every path', () => {
  const bad: [string, SettingsOverrides, RegExp][] = [
    [
      'an account name with a space',
      { awstConfig: { ...settings.awstConfig, accountName: 'my acct' } },
      /accountName "my acct"/,
    ],
    [
      'a profile name with a space',
      { awstConfig: { ...settings.awstConfig, mainAccountProfile: 'a b' } },
      /mainAccountProfile "a b"/,
    ],
    ['a region that is not one', { region: 'Europe' }, /region "Europe"/],
    [
      'a role session AWS refuses',
      { adminRole: { ...settings.adminRole, maxSessionDurationSeconds: 600 } },
      /maxSessionDurationSeconds/,
    ],
    [
      'an MFA age awst cannot express',
      { developerRole: { ...settings.developerRole, mfaMaxAgeSeconds: 100 } },
      /mfaMaxAgeSeconds/,
    ],
    [
      'a resource account id of two digits',
      {
        organization: {
          ...settings.organization,
          enabled: true,
          resourceAccounts: [{ name: 'dev', accountId: '42' }],
        },
      },
      /accountId must be 12 digits/,
    ],
  ];

  it.each(bad)('synth refuses %s before writing anything', (_label, overrides, message) => {
    const s = { ...settings, ...overrides } as typeof settings;
    expect(() => synth(s, '/nonexistent/awst-never-written')).toThrow(message);
    expect(() => withOverrides(overrides)).toThrow(message);
  });
});
