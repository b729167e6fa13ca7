import { afterEach, describe, expect, it } from 'vitest';
import type { TemporaryCredentials } from '../../src/aws/types.js';
import { type CredentialServer, startCredentialServer } from '../../src/run/credential-server.js';

const T0 = new Date('2026-12-01T08:00:00Z');
const creds = (id: string, minutesLeft: number, now = T0): TemporaryCredentials => ({
  accessKeyId: `ASIA${id}`,
  secretAccessKey: 's',
  sessionToken: 't',
  expiration: new Date(now.getTime() + minutesLeft * 60_000),
});

let server: CredentialServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function fetchKey(s: CredentialServer): Promise<string> {
  const response = await fetch(s.address.uri, { headers: { authorization: s.address.token } });
  if (!response.ok) return `HTTP ${response.status}`;
  return ((await response.json()) as { AccessKeyId: string }).AccessKeyId;
}

/** A renewal that stays open, as one waiting for the user to type an MFA code does. */
function pendingRenewal() {
  let finish!: (c: TemporaryCredentials) => void;
  let calls = 0;
  const renew = () => {
    calls++;
    return new Promise<TemporaryCredentials>((resolve) => {
      finish = resolve;
    });
  };
  return { renew, finish: (c: TemporaryCredentials) => finish(c), calls: () => calls };
}

describe('run --server credentials', () => {
  it('serves reusable cached credentials without renewing', async () => {
    const renewal = pendingRenewal();
    server = await startCredentialServer({
      initial: creds('FIRST', 50),
      peek: async () => ({ credentials: creds('FIRST', 50), reusable: true }),
      renew: renewal.renew,
      windowMinutes: 15,
      now: () => T0,
    });
    expect(await fetchKey(server)).toBe('ASIAFIRST');
    expect(renewal.calls()).toBe(0);
  });

  it('starts renewal when the window is reached, before any request, and serves the valid credentials meanwhile', async () => {
    const renewal = pendingRenewal();
    server = await startCredentialServer({
      initial: creds('OLD', 12),
      peek: async () => ({ credentials: creds('OLD', 12), reusable: false }),
      renew: renewal.renew,
      windowMinutes: 15,
      now: () => T0,
    });
    await expect.poll(() => renewal.calls()).toBe(1); // the prompt is up with no request made
    // While the user types the code, every request is answered at once with the old credentials.
    for (let i = 0; i < 5; i++) expect(await fetchKey(server)).toBe('ASIAOLD');
    expect(renewal.calls()).toBe(1);
    renewal.finish(creds('NEW', 60));
    await expect.poll(() => fetchKey(server!)).toBe('ASIANEW');
  });

  it('makes a request wait only when no credentials with more than a minute left remain', async () => {
    const renewal = pendingRenewal();
    server = await startCredentialServer({
      initial: creds('OLD', 0.5),
      peek: async () => undefined,
      renew: renewal.renew,
      windowMinutes: 15,
      now: () => T0,
    });
    const answer = fetchKey(server);
    await expect.poll(() => renewal.calls()).toBe(1);
    renewal.finish(creds('NEW', 60));
    expect(await answer).toBe('ASIANEW');
  });

  it('reports a failed renewal once, keeps serving, and answers 500 once the credentials are gone', async () => {
    const lines: string[] = [];
    let now = T0;
    let calls = 0;
    server = await startCredentialServer({
      initial: creds('OLD', 12),
      peek: async () => undefined,
      renew: async () => {
        calls++;
        throw new Error('no terminal for the MFA code');
      },
      windowMinutes: 15,
      now: () => now,
      report: (line) => lines.push(line),
    });
    await expect.poll(() => calls).toBe(1);
    for (let i = 0; i < 3; i++) expect(await fetchKey(server)).toBe('ASIAOLD');
    expect(calls).toBe(1);
    expect(lines).toEqual(['awst: could not renew credentials: no terminal for the MFA code']);
    now = new Date(T0.getTime() + 11.5 * 60_000);
    expect(await fetchKey(server)).toBe('HTTP 500');
  });

  it('refuses a request without the token', async () => {
    server = await startCredentialServer({
      initial: creds('A', 60),
      peek: async () => undefined,
      renew: async () => creds('B', 60),
      windowMinutes: 15,
    });
    expect((await fetch(server.address.uri)).status).toBe(403);
  });
});
