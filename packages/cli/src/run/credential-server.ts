import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer } from 'node:http';
import type { RoleCredentials } from '../sessions/role-credentials.js';
import type { CredentialServerAddress } from './child-env.js';

export interface CredentialServer {
  address: Omit<CredentialServerAddress, 'files'>;
  close(): Promise<void>;
}

/**
 * Serves role credentials to the child in the ECS container-credentials format on 127.0.0.1, behind a
 * random bearer token. Each request goes through the credential chain, so credentials near expiry are
 * renewed from the MFA session and SDKs inside a long-running child refresh by themselves.
 */
export async function startCredentialServer(
  getCredentials: () => Promise<RoleCredentials>,
): Promise<CredentialServer> {
  const token = randomBytes(32).toString('hex');
  let pending: Promise<RoleCredentials> | undefined;
  const credentialsOnce = () => {
    pending ??= getCredentials().finally(() => {
      pending = undefined;
    });
    return pending;
  };

  const server = createServer((request, response) => {
    if (!sameSecret(request.headers.authorization, token)) {
      response.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"forbidden"}');
      return;
    }
    credentialsOnce().then(
      ({ credentials }) => {
        response.writeHead(200, { 'content-type': 'application/json' }).end(
          JSON.stringify({
            AccessKeyId: credentials.accessKeyId,
            SecretAccessKey: credentials.secretAccessKey,
            Token: credentials.sessionToken,
            Expiration: credentials.expiration.toISOString(),
          }),
        );
      },
      (error: unknown) => {
        process.stderr.write(
          `awst: could not renew credentials: ${error instanceof Error ? error.message : error}\n`,
        );
        response
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"message":"awst could not renew credentials"}');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as { port: number }).port;
  return {
    address: { uri: `http://127.0.0.1:${port}/`, token },
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
