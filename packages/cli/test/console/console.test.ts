import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { openInBrowser } from '../../src/console/open-browser.js';
import { consoleSigninUrl, federationEndpoint } from '../../src/console/signin-url.js';

const credentials = {
  accessKeyId: 'ASIAROLEEXAMPLE',
  secretAccessKey: 'role-secret-key',
  sessionToken: 'role-session-token',
  expiration: new Date('2026-11-26T12:00:00Z'),
};
const ENDPOINT = 'https://signin.example.test/federation';

describe('the sign-in endpoint and console of each partition', () => {
  const cases = {
    aws: [
      'https://signin.aws.amazon.com/federation',
      'https://console.aws.amazon.com/console/home?region=us-east-1',
    ],
    'aws-cn': [
      'https://signin.amazonaws.cn/federation',
      'https://console.amazonaws.cn/console/home?region=cn-north-1',
    ],
    'aws-us-gov': [
      'https://signin.amazonaws-us-gov.com/federation',
      'https://console.amazonaws-us-gov.com/console/home?region=us-gov-west-1',
    ],
  } as const;
  for (const [partition, [endpoint, destination]] of Object.entries(cases)) {
    it(partition, async () => {
      expect(federationEndpoint(undefined, partition as keyof typeof cases)).toBe(endpoint);
      const fetchImpl = (async () =>
        new Response(JSON.stringify({ SigninToken: 't' }), { status: 200 })) as unknown as typeof fetch;
      const url = new URL(
        await consoleSigninUrl(credentials, {
          region: new URL(destination).searchParams.get('region')!,
          endpoint,
          partition: partition as keyof typeof cases,
          fetchImpl,
        }),
      );
      expect(url.origin + url.pathname).toBe(endpoint);
      expect(url.searchParams.get('Destination')).toBe(destination);
    });
  }
});

describe('consoleSigninUrl', () => {
  it('POSTs the session and builds the login URL from the sign-in token', async () => {
    const requests: { url: string; init?: RequestInit }[] = [];
    const fetchImpl = (async (url: string, init?: RequestInit) => {
      requests.push({ url, init });
      return new Response(JSON.stringify({ SigninToken: 'token+/=' }), { status: 200 });
    }) as typeof fetch;
    const url = new URL(
      await consoleSigninUrl(credentials, { region: 'eu-west-1', endpoint: ENDPOINT, fetchImpl }),
    );
    expect(requests).toHaveLength(1);
    expect(requests[0]!.url).toBe(ENDPOINT);
    expect(requests[0]!.init?.method).toBe('POST');
    const body = new URLSearchParams(String(requests[0]!.init?.body));
    expect(body.get('Action')).toBe('getSigninToken');
    expect(JSON.parse(body.get('Session')!)).toEqual({
      sessionId: 'ASIAROLEEXAMPLE',
      sessionKey: 'role-secret-key',
      sessionToken: 'role-session-token',
    });
    expect(url.origin + url.pathname).toBe(ENDPOINT);
    expect(url.searchParams.get('Action')).toBe('login');
    expect(url.searchParams.get('SigninToken')).toBe('token+/=');
    expect(url.searchParams.get('Destination')).toBe(
      'https://console.aws.amazon.com/console/home?region=eu-west-1',
    );
    expect(url.href).not.toContain('role-secret-key');
  });

  it('says what failed without any secret, whatever the error carries', async () => {
    const leaky = (async (url: string, init?: RequestInit) => {
      throw new Error(`request to ${url}?${String(init?.body)} failed`);
    }) as typeof fetch;
    const error = await consoleSigninUrl(credentials, {
      region: 'eu-west-1',
      endpoint: ENDPOINT,
      fetchImpl: leaky,
    }).catch((e: Error) => e);
    expect(error).toBeInstanceOf(Error);
    expect((error as Error).message).toBe(
      `Could not get a console sign-in token from ${ENDPOINT} (no answer). Check your network connection.`,
    );
    const refused = (async () => new Response('denied', { status: 400 })) as unknown as typeof fetch;
    await expect(
      consoleSigninUrl(credentials, { region: 'eu-west-1', endpoint: ENDPOINT, fetchImpl: refused }),
    ).rejects.toThrow(`(HTTP 400)`);
  });
});

describe('federationEndpoint', () => {
  it("is AWS's unless AWST_FEDERATION_ENDPOINT names a plain https URL", () => {
    expect(federationEndpoint(undefined)).toBe('https://signin.aws.amazon.com/federation');
    expect(federationEndpoint('https://signin.amazonaws-us-gov.com/federation')).toBe(
      'https://signin.amazonaws-us-gov.com/federation',
    );
    for (const bad of [
      'http://127.0.0.1:8080/federation',
      'https://x/federation?a=1',
      'https://u:p@x/',
      'nope',
    ]) {
      expect(() => federationEndpoint(bad), bad).toThrow(/AWST_FEDERATION_ENDPOINT/);
    }
  });
});

describe('openInBrowser', () => {
  const dir = mkdtempSync(join(tmpdir(), 'awst-browser-test-'));
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('gives the browser a private page, never the sign-in URL itself', async () => {
    const bin = join(dir, 'bin');
    const argvFile = join(dir, 'argv');
    rmSync(bin, { recursive: true, force: true });
    mkdirSync(bin);
    writeFileSync(
      join(bin, 'xdg-open'),
      `#!/bin/sh\nprintf '%s\\n' "$@" > "${argvFile}.tmp"; mv "${argvFile}.tmp" "${argvFile}"\n`,
      {
        mode: 0o755,
      },
    );
    const url = `${ENDPOINT}?Action=login&Issuer=awst&SigninToken=secret-signin-token&x="<y>`;
    const path = process.env.PATH;
    process.env.PATH = `${bin}:${path}`;
    let page: string;
    try {
      page = await openInBrowser(url, 'linux', dir);
    } finally {
      process.env.PATH = path;
    }
    while (!readdirSync(dir).includes('argv')) await new Promise((r) => setTimeout(r, 20));
    const argv = readFileSync(argvFile, 'utf8');
    expect(argv).toBe(`file://${page}\n`);
    expect(argv).not.toContain('secret-signin-token');
    expect(statSync(page).mode & 0o777).toBe(0o600);
    expect(statSync(join(page, '..')).mode & 0o777).toBe(0o700);
    const html = readFileSync(page, 'utf8');
    expect(html).toContain(
      'content="0;url=https://signin.example.test/federation?Action=login&amp;Issuer=awst&amp;SigninToken=secret-signin-token&amp;x=&quot;&lt;y>"',
    );
  });
});
