import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { profileName } from '../../src/config/profile-name.js';

const parse = (text: string) => parseConfig(text, '/home/u/.config/awst/config.toml');

describe('profile names are expanded literally', () => {
  it('keeps $$, $& and $` in an account name as they are', () => {
    const config = { profileNameTemplate: '{account} {role}' };
    expect(profileName(config, 'x$`y', 'DeveloperAccess')).toBe('x$`y DeveloperAccess');
    expect(profileName(config, 'a$$b', 'R')).toBe('a$$b R');
    expect(profileName(config, 'a$&b', 'R')).toBe('a$&b R');
  });

  it('does not expand a placeholder that a name itself contains', () => {
    expect(profileName({ profileNameTemplate: '{account} {role}' }, 'x{role}', 'R')).toBe('x{role} R');
  });
});

describe('two pairs, one profile', () => {
  it("refuses the README's own template when two pairs meet in one name, naming both", () => {
    const text = [
      'profileNameTemplate = "{account}-{role}"',
      '[accounts]',
      'prod = "123456789012"',
      'prod-eu = "111111111111"',
      '[roles.eu-Admin]',
      '[roles.Admin]',
    ].join('\n');
    expect(() => parse(text)).toThrow(
      /config\.toml:4: account "prod" with role eu-Admin and account "prod-eu" with role Admin both use the profile "prod-eu-Admin"/,
    );
  });

  it('refuses a pair whose profile is the main key or the MFA session', () => {
    const text = ['[profiles]', 'mainAccount = "ops AdminAccess"', '[accounts]', 'ops = "123456789012"'].join(
      '\n',
    );
    expect(() => parse(text)).toThrow(
      /the main key \(\[profiles\] mainAccount\) and account "ops" with role AdminAccess both use the profile "ops AdminAccess"/,
    );
  });

  it('accepts the same names with the default template', () => {
    const text =
      '[accounts]\nprod = "123456789012"\nprod-eu = "111111111111"\n[roles.eu-Admin]\n[roles.Admin]\n';
    expect(parse(text).accounts).toHaveLength(2);
  });
});

describe('names the command line would read as options', () => {
  it('refuses an account, a role or a shortcut starting with "-"', () => {
    expect(() => parse('[accounts]\n-prod = "123456789012"\n')).toThrow(
      /config\.toml:2: account "-prod" starts with "-"/,
    );
    expect(() => parse('[roles.-Admin]\n')).toThrow(/role "-Admin" starts with "-"/);
    expect(() => parse('[roles.Admin]\nshortcut = "-a"\n')).toThrow(
      /config\.toml:2: shortcut "-a" starts with "-"/,
    );
  });
});

describe('role lengths and client refresh windows', () => {
  it("warns at load that a 15-minute role is always inside botocore's 15-minute window", () => {
    const config = parse('[roles.Short]\ndurationMinutes = 15\n[roles.Fine]\ndurationMinutes = 20\n');
    expect(config.warnings).toEqual([
      expect.stringMatching(
        /config\.toml:2: Short sessions last 15 minutes .* boto3 and the AWS CLI run awst before every request .*durationMinutes = 30/,
      ),
    ]);
  });
});
