import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, onTestFinished } from 'vitest';
import { IniDocument } from '../../src/aws-files/ini-document.js';
import { configForServerChild, serverChildFiles, withUserFiles } from '../../src/run/server-files.js';

const filtered = (text: string) => configForServerChild(text).toString('utf8');

describe('configForServerChild', () => {
  it('drops what could outrank the container endpoint from [default], and every static key', () => {
    const config = [
      '# my settings',
      '[default]',
      'region = us-east-1',
      'Credential_Process = /bin/other-user',
      'AWS_ACCESS_KEY_ID: AKIAOTHER',
      'aws_secret_access_key = other-secret',
      'role_arn = arn:aws:iam::999999999999:role/Other',
      'source_profile = other',
      'sso_start_url = https://x',
      's3 =',
      '  max_concurrent_requests = 4',
      'output = table',
      '[profile   default]',
      'credential_process = /bin/other-user',
      '[profile dns]',
      'role_arn = arn:aws:iam::111111111111:role/Dns',
      'source_profile = main-account',
      'aws_secret_access_key = leaked',
      '',
    ].join('\n');
    expect(filtered(config)).toBe(
      [
        '# my settings',
        '[default]',
        'region = us-east-1',
        's3 =',
        '  max_concurrent_requests = 4',
        'output = table',
        '[profile   default]',
        '[profile dns]',
        'role_arn = arn:aws:iam::111111111111:role/Dns',
        'source_profile = main-account',
        '',
      ].join('\n'),
    );
  });

  it("drops credential settings from configparser's [DEFAULT], which botocore copies into [default]", () => {
    const config = '[DEFAULT]\ncredential_process = /bin/other-user\noutput = json\n[default]\nregion = a\n';
    expect(filtered(config)).toBe('[DEFAULT]\noutput = json\n[default]\nregion = a\n');
  });

  it('drops the nested lines of a dropped key and keeps CRLF', () => {
    expect(filtered('[default]\r\nsso_session = x\r\n  nested = y\r\nregion = a\r\n')).toBe(
      '[default]\r\nregion = a\r\n',
    );
  });
});

describe('every header botocore reads as the default profile', () => {
  const spellings = [
    '[default]',
    '[profile default]',
    '[profile "default"]',
    "[profile 'default']",
    '[profile   default]',
    '[DEFAULT]',
  ];
  for (const header of spellings) {
    it(`drops credential_process and role settings under ${header}`, () => {
      const text = `${header}\nregion = eu-west-1\ncredential_process = /bin/bob\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = bob\n[profile bob]\naws_access_key_id = AKIABOB\nregion = us-east-1\n`;
      const out = filtered(text);
      expect(out).toBe(`${header}\nregion = eu-west-1\n[profile bob]\nregion = us-east-1\n`);
      // As botocore's reader sees the result: no profile that is default holds a way to credentials.
      const sections = new IniDocument(out).sections();
      for (const [name, values] of sections) {
        expect(Object.keys(values), name).not.toContain('credential_process');
      }
    });
  }

  it('keeps credential settings of other profiles, including look-alikes botocore does not map to default', () => {
    const text = '[profile defaults]\nrole_arn = arn:aws:iam::1:role/X\nsource_profile = a\n';
    expect(filtered(text)).toBe(text);
  });
});

describe('withUserFiles', () => {
  it("gives awst's own reads the user's files back", () => {
    expect(
      withUserFiles({
        AWS_SHARED_CREDENTIALS_FILE: '/dev/null',
        AWS_CONFIG_FILE: '/tmp/awst-run-x/config',
        AWST_USER_CREDENTIALS_FILE: '/home/u/.aws/credentials',
        AWST_USER_CONFIG_FILE: '/home/u/.aws/config',
      }),
    ).toEqual({
      AWS_SHARED_CREDENTIALS_FILE: '/home/u/.aws/credentials',
      AWS_CONFIG_FILE: '/home/u/.aws/config',
    });
    const plain = { AWS_CONFIG_FILE: '/c' };
    expect(withUserFiles(plain)).toBe(plain);
  });
});

describe('serverChildFiles', () => {
  it('22.6 [message] a TMPDIR it cannot write to is named, with the fix', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'awst-sf-'));
    writeFileSync(join(dir, 'config'), '[default]\nregion = eu-west-1\n');
    // A TMPDIR that is a file: mkdtemp fails there as it does on a full disk, at the same step.
    const notAFolder = join(dir, 'tmp-is-a-file');
    writeFileSync(notAFolder, '');
    const before = process.env.TMPDIR;
    process.env.TMPDIR = notAFolder;
    onTestFinished(() => {
      if (before === undefined) delete process.env.TMPDIR;
      else process.env.TMPDIR = before;
    });
    await expect(
      serverChildFiles({ credentials: join(dir, 'credentials'), config: join(dir, 'config') }),
    ).rejects.toThrow(
      new RegExp(
        `^awst run --server keeps a filtered copy of your AWS config in a private folder under ${notAFolder}, and could not write it there \\(ENOTDIR\\)\\. Free some space there, or set TMPDIR to another folder\\.$`,
      ),
    );
  });
});
