import { mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

/** Renames of the config file fail while this is set: the second of the two writes of a command. */
const failing = vi.hoisted(() => ({ configRename: false, rivalWrite: undefined as string | undefined }));
vi.mock('../../src/aws-files/atomic-write.js', async (importOriginal) => {
  const original = await importOriginal<typeof import('../../src/aws-files/atomic-write.js')>();
  return {
    ...original,
    prepareReplacement: async (...args: Parameters<typeof original.prepareReplacement>) => {
      const prepared = await original.prepareReplacement(...args);
      const rival = failing.rivalWrite;
      if (rival !== undefined && prepared.target.endsWith('/credentials')) {
        // Another program writes the file in place (as aws configure does) just before awst's rename.
        failing.rivalWrite = undefined;
        return {
          ...prepared,
          commit: async (options?: { sync?: boolean }) => {
            writeFileSync(prepared.target, rival);
            await prepared.commit(options);
          },
        };
      }
      if (!failing.configRename || !prepared.target.endsWith('/config')) return prepared;
      return {
        ...prepared,
        commit: async () => {
          throw original.fileError(prepared.path, Object.assign(new Error('EIO'), { code: 'EROFS' }));
        },
      };
    },
  };
});

const { readProfiles, updateProfiles } = await import('../../src/aws-files/profile-store.js');

let dir: string;
let paths: { credentials: string; config: string };
const CREDENTIALS = '# mine\n[main-account]\naws_access_key_id = AKIAOLD\naws_secret_access_key = s\n';
const CONFIG = '[profile main-account]\nregion = eu-west-1\n';

beforeEach(() => {
  failing.configRename = false;
  failing.rivalWrite = undefined;
  dir = mkdtempSync(join(tmpdir(), 'awst-store-'));
  mkdirSync(join(dir, 'aws'), { mode: 0o700 });
  paths = { credentials: join(dir, 'aws', 'credentials'), config: join(dir, 'aws', 'config') };
  writeFileSync(paths.credentials, CREDENTIALS, { mode: 0o600 });
  writeFileSync(paths.config, CONFIG, { mode: 0o600 });
});

describe('updateProfiles writes both files or neither', () => {
  it('11.6 [loss] when the second rename fails, the first file is put back byte for byte', async () => {
    failing.configRename = true;
    await expect(
      updateProfiles(paths, {
        credentials: { 'main-account Dev': { aws_access_key_id: 'ASIA1' } },
        config: { 'main-account Dev': { region: 'eu-west-1' } },
      }),
    ).rejects.toThrow(/config is on a read-only file system/);
    expect(readFileSync(paths.credentials, 'utf8')).toBe(CREDENTIALS);
    expect(readFileSync(paths.config, 'utf8')).toBe(CONFIG);
    expect(readdirSync(join(dir, 'aws')).sort()).toEqual(['config', 'credentials']);
  });

  it('11.6 [loss] when the second file cannot even be prepared, the first is not touched', async () => {
    const config = join(dir, 'aws', 'config-folder');
    mkdirSync(config);
    await expect(
      updateProfiles(
        { ...paths, config },
        {
          credentials: { 'main-account Dev': { aws_access_key_id: 'ASIA1' } },
          config: { 'main-account Dev': { region: 'eu-west-1' } },
        },
      ),
    ).rejects.toThrow(/config-folder is a folder/);
    expect(readFileSync(paths.credentials, 'utf8')).toBe(CREDENTIALS);
  });
});

describe('another program writing at the same time', () => {
  it('12.3 [loss] a change made between awst’s read and its rename is kept: the edit is redone on the new text', async () => {
    let calls = 0;
    await updateProfiles(paths, (current) => {
      calls++;
      // `aws configure set` writes in place while awst is working (only on the first attempt).
      if (calls === 1)
        writeFileSync(paths.credentials, `${CREDENTIALS}[other-tool]\naws_access_key_id = AKIAOTHER\n`);
      return {
        credentials: {
          'main-account Dev': {
            aws_access_key_id: `ASIA${current.credentials.has('other-tool') ? 'SAW' : 'BLIND'}`,
          },
        },
      };
    });
    expect(calls).toBe(2);
    const profiles = await readProfiles(paths);
    expect(profiles.credentials.get('other-tool')).toEqual({ aws_access_key_id: 'AKIAOTHER' });
    expect(profiles.credentials.get('main-account Dev')).toEqual({ aws_access_key_id: 'ASIASAW' });
  });

  it('12.3 [loss] a program writing into the file while awst renames over it: its write is noticed and kept', async () => {
    const rival = `${CREDENTIALS}[other-tool]\naws_access_key_id = AKIAOTHER\n`;
    failing.rivalWrite = rival;
    await updateProfiles(paths, { credentials: { 'main-account Dev': { aws_access_key_id: 'ASIA1' } } });
    expect(readFileSync(paths.credentials, 'utf8')).toBe(
      `${rival}\n[main-account Dev]\naws_access_key_id = ASIA1\n`,
    );
  });

  it('12.3 [message] gives up with a clear message when the file never holds still', async () => {
    let n = 0;
    await expect(
      updateProfiles(paths, () => {
        writeFileSync(paths.credentials, `${CREDENTIALS}# ${n++}\n`);
        return { credentials: { x: { k: 'v' } } };
      }),
    ).rejects.toThrow(
      /credentials kept changing while awst tried to update it; it was left as the other program wrote it/,
    );
    expect(readFileSync(paths.credentials, 'utf8')).toBe(`${CREDENTIALS}# 9\n`);
  });
});
