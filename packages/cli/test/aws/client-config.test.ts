import { mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { clientConfig, endpointFromEnv } from '../../src/aws/client-config.js';
import { createSdkApi } from '../../src/aws/sdk-api.js';
import { HOSTILE_ENV, hostileProfileSettings } from '../support/hostile-machine.js';

const KEY = { accessKeyId: 'AKIAMAINKEYEXAMPLE', secretAccessKey: 'main-secret' };

function hostileFiles(deadPort: number): { AWS_CONFIG_FILE: string; AWS_SHARED_CREDENTIALS_FILE: string } {
  const dir = mkdtempSync(join(tmpdir(), 'awst-hostile-'));
  const settings = hostileProfileSettings(`http://127.0.0.1:${deadPort}`);
  const config = join(dir, 'config');
  const credentials = join(dir, 'credentials');
  writeFileSync(
    config,
    `[default]\n${settings}\n[profile work]\n${settings}services = evil\n\n[services evil]\nsts =\n  endpoint_url = http://127.0.0.1:${deadPort}\n`,
  );
  writeFileSync(credentials, '[default]\naws_access_key_id = AKIAOTHERUSER\naws_secret_access_key = other\n');
  return { AWS_CONFIG_FILE: config, AWS_SHARED_CREDENTIALS_FILE: credentials };
}

const saved = { ...process.env };
function setEnv(values: Record<string, string>) {
  for (const [k, v] of Object.entries(values)) process.env[k] = v;
}
afterEach(() => {
  for (const k of Object.keys(process.env)) if (!(k in saved)) delete process.env[k];
  Object.assign(process.env, saved);
});

/** Builds a real SDK client from our config and returns the request it would send, without sending it. */
async function requestOf(service: 'STS' | 'IAM', env: NodeJS.ProcessEnv) {
  const sts = await import('@aws-sdk/client-sts');
  const iam = await import('@aws-sdk/client-iam');
  const config = clientConfig(service, 'eu-west-1', KEY, env);
  const client = service === 'STS' ? new sts.STSClient(config) : new iam.IAMClient(config);
  let seen: { url: string; authorization: string } | undefined;
  type Args = {
    request: {
      protocol: string;
      hostname: string;
      port?: number;
      path: string;
      headers: Record<string, string>;
    };
  };
  const capture = () => async (args: Args) => {
    const r = args.request;
    seen = {
      url: `${r.protocol}//${r.hostname}${r.port ? `:${r.port}` : ''}${r.path}`,
      authorization: String(r.headers.authorization),
    };
    throw new Error('captured');
  };
  (client.middlewareStack as { add: (m: unknown, o: object) => void }).add(capture, {
    step: 'finalizeRequest',
    priority: 'low',
    name: 'capture',
  });
  const send = client.send.bind(client) as (command: unknown) => Promise<unknown>;
  const command = service === 'STS' ? new sts.GetCallerIdentityCommand({}) : new iam.GetUserCommand({});
  await expect(send(command)).rejects.toThrow('captured');
  return { seen: seen!, resolved: client.config };
}

describe('9.5 awst calls ignore the shared files and AWS_* settings', () => {
  it('sends STS calls to the regional endpoint of the configured region, signed for it, despite FIPS, endpoint_url and AWS_PROFILE settings', async () => {
    setEnv({ ...HOSTILE_ENV, ...hostileFiles(1) });
    delete process.env.AWS_ENDPOINT_URL;
    const { seen, resolved } = await requestOf('STS', process.env);
    expect(seen.url).toBe('https://sts.eu-west-1.amazonaws.com/');
    expect(seen.authorization).toContain(`Credential=${KEY.accessKeyId}/`);
    expect(seen.authorization).toContain('/eu-west-1/sts/aws4_request');
    expect(await resolved.region()).toBe('eu-west-1');
    expect(await resolved.useFipsEndpoint()).toBe(false);
    expect(await resolved.maxAttempts()).toBe(2);
  });

  it('sends IAM calls to the global IAM endpoint despite the same settings', async () => {
    setEnv({ ...HOSTILE_ENV, ...hostileFiles(1) });
    delete process.env.AWS_ENDPOINT_URL;
    const { seen } = await requestOf('IAM', process.env);
    expect(seen.url).toBe('https://iam.amazonaws.com/');
  });

  it('honours AWS_ENDPOINT_URL and AWS_ENDPOINT_URL_<SERVICE> from the environment, unless AWS_IGNORE_CONFIGURED_ENDPOINT_URLS', async () => {
    setEnv({ ...HOSTILE_ENV, ...hostileFiles(1), AWS_ENDPOINT_URL: 'http://127.0.0.1:4566' });
    expect((await requestOf('STS', process.env)).seen.url).toBe('http://127.0.0.1:4566/');
    setEnv({ AWS_ENDPOINT_URL_STS: 'http://127.0.0.1:4567' });
    expect((await requestOf('STS', process.env)).seen.url).toBe('http://127.0.0.1:4567/');
    expect((await requestOf('IAM', process.env)).seen.url).toBe('http://127.0.0.1:4566/');
    expect(
      endpointFromEnv({ AWS_ENDPOINT_URL: 'http://x', AWS_IGNORE_CONFIGURED_ENDPOINT_URLS: 'true' }, 'STS'),
    ).toBe(undefined);
  });
});

describe('AWS answers', () => {
  let server: Server;
  let endpoint: string;
  let answer: { status: number; body: string; date?: string } = { status: 200, body: '' };
  beforeAll(async () => {
    server = createServer((req, res) => {
      req.resume();
      req.on('end', () => {
        res.writeHead(answer.status, {
          'content-type': 'text/xml',
          date: answer.date ?? new Date().toUTCString(),
        });
        res.end(answer.body);
      });
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const api = () =>
    createSdkApi({
      region: 'eu-west-1',
      mainKey: { profile: 'main-account', file: '/home/u/.aws/credentials' },
      env: { AWS_ENDPOINT_URL: endpoint },
    });
  const stsError = (code: string, message: string) =>
    `<ErrorResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`;
  const iamError = (code: string, message: string) =>
    `<ErrorResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><Error><Type>Sender</Type><Code>${code}</Code><Message>${message}</Message></Error><RequestId>1</RequestId></ErrorResponse>`;

  it('13 a key AWS does not know is named with its profile, its file and the fix', async () => {
    process.env.AWS_ENDPOINT_URL = endpoint;
    answer = {
      status: 403,
      body: iamError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
    };
    const error = await api()
      .getUser(KEY)
      .catch((e) => e);
    expect(error.message).toBe(
      'AWS does not accept the access key AKIAMAINKEYEXAMPLE in [main-account] of /home/u/.aws/credentials: it was deleted, deactivated or mistyped. Put a current key there with: aws configure --profile main-account (or ask your administrator for a new key).',
    );
    expect(error.exitCode).toBe(1);
  });

  it('13 a wrong secret says the secret does not belong to the key', async () => {
    process.env.AWS_ENDPOINT_URL = endpoint;
    answer = {
      status: 403,
      body: stsError(
        'SignatureDoesNotMatch',
        'The request signature we calculated does not match the signature you provided.',
      ),
    };
    const error = await api()
      .getSessionToken(KEY, {
        serialNumber: 'arn:aws:iam::123456789012:mfa/a',
        tokenCode: '123456',
        durationSeconds: 3600,
      })
      .catch((e) => e);
    expect(error.message).toMatch(
      /^The secret access key in \[main-account\] of \/home\/u\/.aws\/credentials does not belong to the key AKIAMAINKEYEXAMPLE/,
    );
  });

  it('13 AccessDenied on GetUser names the permission and who to ask', async () => {
    answer = {
      status: 403,
      body: iamError(
        'AccessDenied',
        'User: arn:aws:iam::123456789012:user/alice is not authorized to perform: iam:GetUser',
      ),
    };
    const error = await api()
      .getUser(KEY)
      .catch((e) => e);
    expect(error.message).toMatch(
      /^AWS denied the key in \[main-account\] the right to look up your IAM user \(iam:GetUser\): User: .* Ask your administrator to allow it\.$/,
    );
  });

  it('an invalid token on temporary credentials still means "get a new session"', async () => {
    answer = {
      status: 403,
      body: stsError('InvalidClientTokenId', 'The security token included in the request is invalid.'),
    };
    const { SessionInvalidError } = await import('../../src/aws/errors.js');
    const error = await api()
      .getCallerIdentity({ ...KEY, accessKeyId: 'ASIAX', sessionToken: 't', expiration: new Date() })
      .catch((e) => e);
    expect(error).toBeInstanceOf(SessionInvalidError);
  });

  it('14 a field AWS left out is an error, not an invented value', async () => {
    answer = {
      status: 200,
      body: `<ListAccessKeysResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><ListAccessKeysResult><UserName>alice</UserName><AccessKeyMetadata><member><UserName>alice</UserName><AccessKeyId>AKIAMAINKEYEXAMPLE</AccessKeyId><Status>Active</Status></member></AccessKeyMetadata><IsTruncated>false</IsTruncated></ListAccessKeysResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></ListAccessKeysResponse>`,
    };
    await expect(api().listAccessKeys(KEY, 'alice')).rejects.toThrow(
      "AWS's answer to iam:ListAccessKeys had no CreateDate, which awst needs.",
    );
    answer = {
      status: 200,
      body: `<GetUserResponse xmlns="https://iam.amazonaws.com/doc/2010-05-08/"><GetUserResult><User><Arn>arn:aws:iam::123456789012:user/alice</Arn></User></GetUserResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetUserResponse>`,
    };
    await expect(api().getUser(KEY)).rejects.toThrow("AWS's answer to iam:GetUser had no User.UserName");
  });

  it('12.14 a clock two days ahead of AWS is named, not taken for expired credentials', async () => {
    const twoDaysAgo = new Date(Date.now() - 2 * 86_400_000);
    answer = {
      status: 200,
      date: twoDaysAgo.toUTCString(),
      body: `<GetCallerIdentityResponse xmlns="https://sts.amazonaws.com/doc/2011-06-15/"><GetCallerIdentityResult><Arn>arn:aws:iam::123456789012:user/alice</Arn><UserId>AIDA</UserId><Account>123456789012</Account></GetCallerIdentityResult><ResponseMetadata><RequestId>1</RequestId></ResponseMetadata></GetCallerIdentityResponse>`,
    };
    await expect(api().getCallerIdentity(KEY)).rejects.toThrow(
      /^This computer's clock is 2 days ahead of AWS's .* set the clock right/,
    );
    answer.date = new Date(Date.now() - 60_000).toUTCString();
    await expect(api().getCallerIdentity(KEY)).resolves.toMatchObject({ account: '123456789012' });
  });

  it('12.6 a caller with a deadline gets its answer, or an error, by then: no SDK retry runs past it', async () => {
    const { createServer: createTcpServer } = await import('node:net');
    const silent = createTcpServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((r) => silent.listen(0, '127.0.0.1', r));
    const port = (silent.address() as AddressInfo).port;
    try {
      const quiet = createSdkApi({
        region: 'eu-west-1',
        mainKey: { profile: 'main-account', file: '/home/u/.aws/credentials' },
        env: { AWS_ENDPOINT_URL: `http://127.0.0.1:${port}` },
      });
      // The SDK's own request timeout is 10 s and says so ("no answer within 10 s"); this message is the
      // caller's deadline ending the call, whatever the machine's load.
      const error = await quiet.getCallerIdentity(KEY, { timeoutMs: 100 }).catch((e) => e);
      expect(error.message).toBe(
        `Could not reach AWS at http://127.0.0.1:${port} to check the credentials (sts:GetCallerIdentity) (no answer in time). Check your network connection and the endpoint set in AWS_ENDPOINT_URL, then try again.`,
      );
    } finally {
      silent.close();
    }
  });
});
