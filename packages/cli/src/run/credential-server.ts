import { randomBytes, timingSafeEqual } from 'node:crypto';
import { createServer, type ServerResponse } from 'node:http';
import type { TemporaryCredentials } from '../aws/types.js';
import { minutesLeft } from '../sessions/stored-credentials.js';
import type { CredentialServerAddress } from './child-env.js';

export interface CredentialServer {
  address: Omit<CredentialServerAddress, 'files'>;
  close(): Promise<void>;
}

export interface CredentialServerOptions {
  /** Credentials obtained before the child started. */
  initial: TemporaryCredentials;
  /** The pair's cached credentials as another awst may have renewed them (no lock, no AWS call). */
  peek: () => Promise<{ credentials: TemporaryCredentials; reusable: boolean } | undefined>;
  /** The credential chain: renews below the reuse window, and may ask for an MFA code. */
  renew: () => Promise<TemporaryCredentials>;
  /** The reuse window: renewal starts when fewer minutes than this remain. */
  windowMinutes: number;
  now?: () => Date;
  /** Where renewal failures are told (stderr). */
  report?: (line: string) => void;
}

/** Credentials with less left are not handed out: a request signed with them could outlive them. */
export const SERVE_FLOOR_MINUTES = 1;
/** After a failed renewal, requests do not start another one for this long (each would fail the same way). */
const RETRY_AFTER_MS = 60_000;

/**
 * Serves role credentials to the child in the ECS container-credentials format on 127.0.0.1, behind a
 * random bearer token. Renewal starts as soon as the credentials enter the reuse window (a timer, so a
 * prompt for a new MFA code appears before any client asks), runs in the background, and until it ends
 * every request gets the still-valid credentials at once: no client request waits on a prompt unless the
 * credentials run out first.
 */
export async function startCredentialServer(options: CredentialServerOptions): Promise<CredentialServer> {
  const now = options.now ?? (() => new Date());
  const report = options.report ?? ((line: string) => process.stderr.write(`${line}\n`));
  const token = randomBytes(32).toString('hex');
  let latest = options.initial;
  let renewal: Promise<TemporaryCredentials> | undefined;
  let failedAt: number | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;

  const usable = (credentials: TemporaryCredentials) =>
    minutesLeft(credentials.expiration, now()) > SERVE_FLOOR_MINUTES;

  /** After a renewal, not sooner than a minute: credentials that arrive already due must not loop. */
  const scheduleRenewal = (minDelayMs = 0) => {
    if (timer) clearTimeout(timer);
    if (closed) return;
    const due = latest.expiration.getTime() - options.windowMinutes * 60_000 + 1000;
    const delay = Math.max(minDelayMs, due - now().getTime());
    timer = setTimeout(() => void renewOnce().catch(() => {}), delay);
    timer.unref();
  };

  const renewOnce = () => {
    renewal ??= options.renew().then(
      (credentials) => {
        renewal = undefined;
        failedAt = undefined;
        latest = credentials;
        scheduleRenewal(RETRY_AFTER_MS);
        return credentials;
      },
      (error: unknown) => {
        renewal = undefined;
        failedAt = now().getTime();
        report(`awst: could not renew credentials: ${error instanceof Error ? error.message : error}`);
        throw error;
      },
    );
    return renewal;
  };

  const credentialsFor = async (): Promise<TemporaryCredentials> => {
    const cached = await options.peek().catch(() => undefined);
    if (cached?.reusable) {
      if (cached.credentials.expiration > latest.expiration) {
        latest = cached.credentials;
        scheduleRenewal(RETRY_AFTER_MS);
      }
      return cached.credentials;
    }
    const fallback = [cached?.credentials, latest]
      .filter((c): c is TemporaryCredentials => c !== undefined && usable(c))
      .sort((a, b) => b.expiration.getTime() - a.expiration.getTime())[0];
    const mayRetry = failedAt === undefined || now().getTime() - failedAt >= RETRY_AFTER_MS;
    if (!fallback) return renewOnce();
    if (renewal === undefined && mayRetry) void renewOnce().catch(() => {});
    return fallback;
  };

  const server = createServer((request, response) => {
    if (!sameSecret(request.headers.authorization, token)) {
      response.writeHead(403, { 'content-type': 'application/json' }).end('{"message":"forbidden"}');
      return;
    }
    credentialsFor().then(
      (credentials) => send(response, credentials),
      () => {
        response
          .writeHead(500, { 'content-type': 'application/json' })
          .end('{"message":"awst could not renew credentials"}');
      },
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  scheduleRenewal();
  const port = (server.address() as { port: number }).port;
  return {
    address: { uri: `http://127.0.0.1:${port}/`, token },
    close: () =>
      new Promise((resolve) => {
        closed = true;
        if (timer) clearTimeout(timer);
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function send(response: ServerResponse, credentials: TemporaryCredentials): void {
  response.writeHead(200, { 'content-type': 'application/json' }).end(
    JSON.stringify({
      AccessKeyId: credentials.accessKeyId,
      SecretAccessKey: credentials.secretAccessKey,
      Token: credentials.sessionToken,
      Expiration: credentials.expiration.toISOString(),
    }),
  );
}

function sameSecret(given: string | undefined, expected: string): boolean {
  const a = Buffer.from(given ?? '');
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
