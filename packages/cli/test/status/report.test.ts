import { describe, expect, it } from 'vitest';
import { IniDocument } from '../../src/aws-files/ini-document.js';
import { parseConfig } from '../../src/config/parse.js';
import { statusLines } from '../../src/status/report.js';

const config = parseConfig(
  '[profiles]\nmainAccount = "main-account"\nmainAccountMfaSession = "mfa"\n[accounts]\nmain-account = "123456789012"\n',
  '/home/u/.config/awst/config.toml',
);
const now = new Date('2030-01-01T10:00:00Z');
const role =
  '\naws_access_key_id = ASIAX\naws_secret_access_key = s\naws_session_token = t\nawst_expiration = 2030-01-01T10:30:00Z\n';
const profiles = (text: string) => ({ credentials: new IniDocument(text).sections(), config: new Map() });
const roleLines = (text: string) =>
  statusLines(config, profiles(text), {}, now).filter((l) => l.startsWith('  '));

describe('awst status, role profiles', () => {
  it('says which profiles awst logout --all would remove (a typo stays there otherwise)', () => {
    expect(roleLines(`[main-account DeveloperAccess]${role}\n[main-account DeveloperAcess]${role}`)).toEqual([
      expect.stringMatching(/^ {2}main-account DeveloperAccess {2}valid until .* \(30m\)$/),
      expect.stringMatching(/^ {2}main-account DeveloperAcess {3}valid until .* \(30m\)$/),
      '  ([main-account DeveloperAcess] is for a role or account config.toml does not name; awst logout --all removes it.)',
    ]);
  });

  it('says nothing more when config.toml names every pair', () => {
    expect(roleLines(`[main-account DeveloperAccess]${role}`)).toHaveLength(1);
  });

  it('counts several', () => {
    expect(roleLines(`[gone AdminAccess]${role}\n[main-account DeveloperAcess]${role}`).at(-1)).toBe(
      '  (2 of these are for a role or account config.toml does not name; awst logout --all removes them.)',
    );
  });
});
