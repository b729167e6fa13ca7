import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';

const SECRET_URL = 'https://signin.aws.amazon.com/federation?Action=login&SigninToken=SECRET-TOKEN';

vi.mock('../../src/sessions/role-credentials.js', () => ({
  getRoleCredentials: async () => ({
    credentials: { accessKeyId: 'ASIA', secretAccessKey: 's', sessionToken: 't', expiration: new Date() },
    region: 'eu-west-1',
  }),
}));
vi.mock('../../src/console/signin-url.js', () => ({
  consoleSigninUrl: async () => SECRET_URL,
  federationEndpoint: () => 'https://signin.aws.amazon.com/federation',
}));
vi.mock('../../src/console/open-browser.js', () => ({
  openInBrowser: async () => {
    throw Object.assign(new Error('spawn xdg-open ENOENT'), { code: 'ENOENT', path: 'xdg-open' });
  },
}));

afterEach(() => vi.restoreAllMocks());

describe('awst console --open without a browser', () => {
  it('fails with what to do, and does not print the sign-in URL', async () => {
    const { consoleCommand } = await import('../../src/commands/console.js');
    const dir = mkdtempSync(join(tmpdir(), 'awst-console-'));
    const config = join(dir, 'config.toml');
    writeFileSync(config, '[accounts]\nmain-account = "123456789012"\n');
    const written: string[] = [];
    vi.spyOn(process.stdout, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => written.push(String(chunk)) > 0);
    const failure = await consoleCommand('main-account', 'DeveloperAccess', { open: true }, { config }).catch(
      (error: Error & { exitCode?: number }) => error,
    );
    expect(failure).toMatchObject({
      exitCode: 2,
      message:
        'Could not open a browser (xdg-open is not installed). Run the same command without --open: it prints the sign-in URL (a secret for 15 minutes) to open yourself.',
    });
    expect(written.join('')).not.toContain('SECRET-TOKEN');
  });
});
