import { existsSync, readFileSync } from 'node:fs';
import { createServer, type Server, type Socket } from 'node:net';
import {
  AWSTOOLS_CONFIG,
  createRole,
  createUserWithMfa,
  createWorkspace,
  type Moto,
  startMoto,
  type Workspace,
  writeAwstConfig,
  writeMainKey,
} from '@awst/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CALL_BOUND_MS } from '../../src/aws/client-config.js';

/** A captive portal or a dead VPN: accepts every connection and never answers. */
async function silentEndpoint(): Promise<{
  endpoint: string;
  accepted: () => number;
  close(): Promise<void>;
}> {
  const sockets = new Set<Socket>();
  let accepted = 0;
  const server: Server = createServer((socket) => {
    accepted++;
    sockets.add(socket);
    socket.on('error', () => {});
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  const address = server.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  return {
    endpoint: `http://127.0.0.1:${port}`,
    accepted: () => accepted,
    close: () =>
      new Promise((r) => {
        for (const s of sockets) s.destroy();
        server.close(() => r());
      }),
  };
}

async function until(condition: () => boolean, what: string, timeoutMs = 20_000) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

let moto: Moto;
let silent: Awaited<ReturnType<typeof silentEndpoint>>;
beforeAll(async () => {
  [moto, silent] = await Promise.all([startMoto(), silentEndpoint()]);
  await createRole(moto.endpoint, 'DeveloperAccess', 3600);
});
afterAll(async () => {
  await silent?.close();
  await moto?.stop();
});

const lockOf = (ws: Workspace) => `${ws.credentialsFile}.awst-chain.lock`;
// How long it takes is for `pnpm bench` on a quiet machine; here, that awst gave up by itself (no signal
// from the test's kill), with the message of the SDK's request timeout, and let go of the lock.
const BOUND_S = CALL_BOUND_MS / 1000;

describe.concurrent('12.6 a silent endpoint', () => {
  it(`12.6 [hang] assume against a silent endpoint gives up by itself (each call bounded at ${BOUND_S} s), names the endpoint and releases the lock`, async () => {
    const ws = createWorkspace(silent.endpoint);
    writeMainKey(ws, {
      userName: 'alice',
      accessKeyId: 'AKIAEXAMPLEKEY',
      secretAccessKey: 's',
      mfaSerial: '',
    });
    writeAwstConfig(ws, AWSTOOLS_CONFIG);
    const before = readFileSync(ws.credentialsFile);
    const out = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'], {
      timeoutMs: 120_000,
    });
    expect(out.signal).toBe(null);
    expect(out.code).toBe(1);
    expect(out.stderr).toContain(
      `Could not reach AWS at ${silent.endpoint} to list your MFA devices (iam:ListMFADevices) (no answer within 10 s).`,
    );
    expect(out.stderr).toMatch(/Check your network connection/);
    expect(out.stderr).not.toMatch(/\n\s+at /);
    expect(existsSync(lockOf(ws))).toBe(false);
    expect(readFileSync(ws.credentialsFile)).toEqual(before);
  });

  it('12.6 [lockout] a second awst against a working endpoint is not blocked by one hanging on a silent endpoint', async () => {
    const user = await createUserWithMfa(moto.endpoint, 'bob');
    const ws = createWorkspace(moto.endpoint);
    writeMainKey(ws, user);
    writeAwstConfig(ws, AWSTOOLS_CONFIG);
    const acceptedBefore = silent.accepted();
    const hanging = ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '123456'], {
      env: { AWS_ENDPOINT_URL: silent.endpoint },
      timeoutMs: 120_000,
    });
    // The first one holds the chain lock and waits on the silent endpoint.
    await until(() => existsSync(lockOf(ws)) && silent.accepted() > acceptedBefore, 'the first awst to hang');
    const second = await ws.awst(['assume', 'main-account', 'DeveloperAccess', '-t', '654321'], {
      timeoutMs: 120_000,
    });
    const first = await hanging;
    expect(first.code).toBe(1);
    expect(first.stderr).toContain(`Could not reach AWS at ${silent.endpoint}`);
    expect(second.stderr).toMatch(/assumed/i);
    expect(second.code).toBe(0);
    expect(readFileSync(ws.credentialsFile, 'utf8')).toContain('[main-account DeveloperAccess]');
  });
});
