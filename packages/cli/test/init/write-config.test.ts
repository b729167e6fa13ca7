import { mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it } from 'vitest';
import { UsageError } from '../../src/errors.js';
import { assertMayWrite, writeConfigFile } from '../../src/init/write-config.js';

const mode = (path: string) => statSync(path).mode & 0o777;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'awst-init-'));
});

describe('writeConfigFile', () => {
  it('creates missing folders with mode 0700 and the file with mode 0600', async () => {
    const path = join(dir, 'a', 'b', 'config.toml');
    await writeConfigFile(path, 'defaultRegion = "eu-west-1"\n', false);
    expect(readFileSync(path, 'utf8')).toBe('defaultRegion = "eu-west-1"\n');
    expect(mode(path)).toBe(0o600);
    expect(mode(join(dir, 'a'))).toBe(0o700);
    expect(mode(join(dir, 'a', 'b'))).toBe(0o700);
  });

  it('refuses to replace an existing file without force, naming the file and --force', async () => {
    const path = join(dir, 'config.toml');
    writeFileSync(path, 'mine\n', { mode: 0o644 });
    const refusal = writeConfigFile(path, 'new\n', false);
    await expect(refusal).rejects.toBeInstanceOf(UsageError);
    await expect(refusal).rejects.toThrow(`${path} already exists`);
    await expect(refusal).rejects.toThrow('--force');
    await expect(assertMayWrite(path, false)).rejects.toThrow('awst init --force');
    expect(readFileSync(path, 'utf8')).toBe('mine\n');
    expect(mode(path)).toBe(0o644);
  });

  it('replaces an existing file with force, leaving it 0600 and no temporary file behind', async () => {
    const path = join(dir, 'config.toml');
    writeFileSync(path, 'mine\n', { mode: 0o644 });
    await assertMayWrite(path, true);
    await writeConfigFile(path, 'new\n', true);
    expect(readFileSync(path, 'utf8')).toBe('new\n');
    expect(mode(path)).toBe(0o600);
    const { readdirSync } = await import('node:fs');
    expect(readdirSync(dir)).toEqual(['config.toml']);
  });

  it('lets a missing file through the early check', async () => {
    await expect(assertMayWrite(join(dir, 'none.toml'), false)).resolves.toBeUndefined();
  });
});
