import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseConfig } from '../../src/config/parse.js';
import { configFromFacts, publishedConfigRegion } from '../../src/init/from-account.js';

const FACTS = {
  accountId: '123456789012',
  userName: 'alice',
  mfaSerial: 'arn:aws:iam::123456789012:mfa/alice',
};

function paths(config: string) {
  const dir = mkdtempSync(join(tmpdir(), 'awst-from-account-'));
  writeFileSync(join(dir, 'config'), config);
  return { credentials: join(dir, 'credentials'), config: join(dir, 'config') };
}

describe('publishedConfigRegion', () => {
  const base = parseConfig('defaultRegion = "us-east-2"\n', undefined);

  it('takes --region, else the key profile region, else config.toml default region', async () => {
    const withProfile = paths(
      '[profile main-account]\nregion = eu-central-1\n[default]\nregion = ap-south-1\n',
    );
    expect(await publishedConfigRegion(base, withProfile, 'eu-north-1')).toBe('eu-north-1');
    expect(await publishedConfigRegion(base, withProfile)).toBe('eu-central-1');
    expect(await publishedConfigRegion(base, paths('[default]\nregion = ap-south-1\n'))).toBe('us-east-2');
    expect(await publishedConfigRegion(base, paths('[profile main-account]\nregion = Ireland\n'))).toBe(
      'us-east-2',
    );
  });

  it('refuses a --region that is not a region code', async () => {
    await expect(publishedConfigRegion(base, paths(''), 'Ireland')).rejects.toThrow(
      '--region Ireland is not a region code such as eu-west-1.',
    );
  });
});

describe('configFromFacts', () => {
  it('without a published config: the caller account alone, with the region and a note saying so', () => {
    const notes: string[] = [];
    const text = configFromFacts(FACTS, 'eu-central-1', (line) => notes.push(line));
    const config = parseConfig(text, undefined);
    expect(config.accounts).toEqual([{ name: 'main-account', id: '123456789012' }]);
    expect(config.defaultRegion).toBe('eu-central-1');
    expect(config.mfaSerial).toBeUndefined();
    expect(notes[1]).toMatch(/^No team configuration is published at \/team\/awst-config in eu-central-1/);
  });

  it('takes a published config as it is, and says when it does not list the caller account', () => {
    const notes: string[] = [];
    const published = '[accounts]\nother = "210987654321"';
    expect(configFromFacts({ ...FACTS, published }, 'eu-west-1', (line) => notes.push(line))).toBe(
      `${published}\n`,
    );
    expect(notes).toContain(
      'The configuration at /team/awst-config in eu-west-1 lists no account 123456789012 (yours); check it with your administrator.',
    );
  });

  it('refuses a published config that names a command or that awst cannot parse', () => {
    const note = () => {};
    expect(() =>
      configFromFacts({ ...FACTS, published: 'mfaProcess = "sh -c x"\n' }, 'eu-west-1', note),
    ).toThrow(/sets mfaProcess/);
    expect(() => configFromFacts({ ...FACTS, published: 'nonsense = 1\n' }, 'eu-west-1', note)).toThrow(
      /\/team\/awst-config in eu-west-1:1: unknown key "nonsense"/,
    );
  });
});
