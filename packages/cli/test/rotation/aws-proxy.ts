import { createServer, request, type Server } from 'node:http';

/**
 * A tiny HTTP proxy in front of moto that plays a failing network: once `dieBefore` or `dieAfter` names
 * the action of a request, that request (unforwarded, or forwarded but unanswered) and every later one
 * has its connection destroyed. `makeKeysOld` rewrites CreateDate in ListAccessKeys answers, so a key
 * moto created a moment ago looks older than keyRotationIntervalMinutes.
 */
export interface AwsProxy {
  endpoint: string;
  /** Actions forwarded to moto, in order. */
  forwarded: string[];
  dieBefore?: string;
  dieAfter?: string;
  makeKeysOld?: Date;
  /** Moves AWS's clock (the Date header and credential expiry times) by this many ms: a skewed local clock. */
  shiftClockMs?: number;
  /**
   * AWS checks an MFA code against the device named; moto checks nothing. GetSessionToken with this serial
   * gets AWS's answer to a code that does not fit the device.
   */
  rejectMfaSerial?: string;
  /** Forwards the next request of this action but drops its answer (the connection dies); later ones pass. */
  loseAnswerOnce?: string;
  /**
   * IAM's eventual consistency: a request signed with a key CreateAccessKey made less than this long ago is
   * refused with InvalidClientTokenId, as AWS does until the key has propagated.
   */
  refuseKeysYoungerThanMs?: number;
  /** Requests refused that way, in order (the key ids). */
  refused: string[];
  /** Answers `200` with an empty body to the next request of this action, without forwarding it. */
  emptyAnswerOnce?: string;
  /** Forwards the next request of this action, then answers `200` with only the first half of moto's body. */
  cutAnswerOnce?: string;
  /** Holds moto's answer to every request of this action for this long (a slow AWS). */
  delayAnswer?: { action: string; ms: number };
  /** Heals the proxy: forwards everything again. */
  heal(): void;
  close(): Promise<void>;
}

export async function startAwsProxy(target: string): Promise<AwsProxy> {
  const upstream = new URL(target);
  let dead = false;
  const proxy: AwsProxy = {
    endpoint: '',
    forwarded: [],
    refused: [],
    heal: () => {
      dead = false;
      proxy.dieBefore = undefined;
      proxy.dieAfter = undefined;
    },
    close: () => new Promise((r) => server.close(() => r())),
  };
  const createdAt = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks);
      const action = /(?:^|&)Action=([A-Za-z]+)/.exec(body.toString())?.[1] ?? '';
      if (dead || action === proxy.dieBefore) {
        dead = true;
        req.socket.destroy();
        return;
      }
      const signedWith = /Credential=([A-Z0-9]+)\//.exec(String(req.headers.authorization ?? ''))?.[1];
      const born = signedWith ? createdAt.get(signedWith) : undefined;
      if (born !== undefined && Date.now() - born < (proxy.refuseKeysYoungerThanMs ?? 0)) {
        proxy.refused.push(signedWith!);
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(
          '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>InvalidClientTokenId</Code><Message>The security token included in the request is invalid.</Message></Error><RequestId>1</RequestId></ErrorResponse>',
        );
        return;
      }
      if (action === proxy.emptyAnswerOnce) {
        proxy.emptyAnswerOnce = undefined;
        res.writeHead(200, { 'content-type': 'text/xml', 'content-length': '0' });
        res.end();
        return;
      }
      proxy.forwarded.push(action);
      const serial = new URLSearchParams(body.toString()).get('SerialNumber');
      if (action === 'GetSessionToken' && serial && serial === proxy.rejectMfaSerial) {
        res.writeHead(403, { 'content-type': 'text/xml' });
        res.end(
          '<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>AccessDenied</Code><Message>MultiFactorAuthentication failed with invalid MFA one time pass code.</Message></Error><RequestId>1</RequestId></ErrorResponse>',
        );
        return;
      }
      const out = request(
        {
          host: upstream.hostname,
          port: upstream.port,
          method: req.method,
          path: req.url,
          headers: { ...req.headers, host: upstream.host, 'content-length': String(body.length) },
        },
        (answer) => {
          const parts: Buffer[] = [];
          answer.on('data', (c: Buffer) => parts.push(c));
          answer.on('end', async () => {
            if (proxy.delayAnswer?.action === action) {
              await new Promise((r) => setTimeout(r, proxy.delayAnswer?.ms));
            }
            if (action === proxy.loseAnswerOnce) {
              proxy.loseAnswerOnce = undefined;
              req.socket.destroy();
              return;
            }
            if (action === proxy.dieAfter) {
              dead = true;
              req.socket.destroy();
              return;
            }
            let text = Buffer.concat(parts);
            if (action === 'CreateAccessKey') {
              const id = /<AccessKeyId>([^<]+)<\/AccessKeyId>/.exec(text.toString())?.[1];
              if (id) createdAt.set(id, Date.now());
            }
            if (action === proxy.cutAnswerOnce) {
              proxy.cutAnswerOnce = undefined;
              text = text.subarray(0, Math.floor(text.length / 2));
            }
            if (action === 'ListAccessKeys' && proxy.makeKeysOld) {
              const old = proxy.makeKeysOld.toISOString();
              text = Buffer.from(
                text
                  .toString()
                  .replace(/<CreateDate>[^<]*<\/CreateDate>/g, `<CreateDate>${old}</CreateDate>`),
              );
            }
            const shift = proxy.shiftClockMs;
            if (shift) {
              const moved = (iso: string) => new Date(new Date(iso).getTime() + shift).toISOString();
              text = Buffer.from(
                text
                  .toString()
                  .replace(
                    /<Expiration>([^<]*)<\/Expiration>/g,
                    (_m, t) => `<Expiration>${moved(t)}</Expiration>`,
                  ),
              );
            }
            const headers = {
              ...answer.headers,
              'content-length': String(text.length),
              ...(shift ? { date: new Date(Date.now() + shift).toUTCString() } : {}),
            };
            delete headers['transfer-encoding'];
            res.writeHead(answer.statusCode ?? 500, headers);
            res.end(text);
          });
        },
      );
      out.on('error', () => req.socket.destroy());
      out.end(body);
    });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const address = server.address();
  proxy.endpoint = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
  return proxy;
}
