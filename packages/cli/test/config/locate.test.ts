import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config/load.js';
import { locateConfig } from '../../src/config/locate.js';

describe('locating config.toml', () => {
  const home = mkdtempSync(join(tmpdir(), 'awst-home-'));
  const awstools = join(home, '.config', 'awstools', 'config.toml');
  const ours = join(home, '.config', 'awst', 'config.toml');

  it('prefers --config, then AWST_CONFIG, then XDG, then awstools', () => {
    mkdirSync(join(home, '.config', 'awstools'), { recursive: true });
    writeFileSync(awstools, '');
    expect(locateConfig(undefined, { HOME: home }).path).toBe(awstools);
    mkdirSync(join(home, '.config', 'awst'), { recursive: true });
    writeFileSync(ours, '');
    expect(locateConfig(undefined, { HOME: home }).path).toBe(ours);
    expect(locateConfig(undefined, { HOME: home, XDG_CONFIG_HOME: join(home, 'xdg') }).path).toBe(awstools);
    expect(locateConfig(undefined, { HOME: home, AWST_CONFIG: '/env.toml' }).path).toBe('/env.toml');
    expect(locateConfig('/flag.toml', { HOME: home, AWST_CONFIG: '/env.toml' }).path).toBe('/flag.toml');
  });

  it('an explicitly named file must exist; no file at all means defaults', async () => {
    await expect(
      loadConfig({ explicitPath: join(home, 'missing.toml'), env: { HOME: home } }),
    ).rejects.toThrow(/missing\.toml does not exist/);
    const empty = mkdtempSync(join(tmpdir(), 'awst-home-'));
    expect((await loadConfig({ env: { HOME: empty } })).path).toBeUndefined();
  });
});
