import type { AnyCredentials } from './types.js';

/**
 * Time limits of one AWS call. STS, IAM and SSM answer in well under a second, a few seconds from the far side
 * of the world; a request that has seen no answer after 10 s is held by something (captive portal, dead
 * VPN) and will not get one. The SDK tries twice (one retry for a lost packet or a 5xx), so a silent
 * endpoint fails after about 2 × 10 s; CALL_BOUND_MS caps a call whatever happens inside the SDK
 * (retry pauses, a server trickling bytes), so no call holds the chain lock longer.
 */
export const CONNECT_TIMEOUT_MS = 5_000;
export const REQUEST_TIMEOUT_MS = 10_000;
export const MAX_ATTEMPTS = 2;
export const CALL_BOUND_MS = 25_000;

/**
 * The endpoint awst's calls go to when the environment names one: AWS_ENDPOINT_URL_STS / _IAM first, then
 * AWS_ENDPOINT_URL, as every SDK reads them; none when AWS_IGNORE_CONFIGURED_ENDPOINT_URLS is true.
 * `endpoint_url` in the shared config file is not read: a profile's setting is for that profile's tools.
 */
export function endpointFromEnv(env: NodeJS.ProcessEnv, service: 'STS' | 'IAM' | 'SSM'): string | undefined {
  if (env.AWS_IGNORE_CONFIGURED_ENDPOINT_URLS?.trim().toLowerCase() === 'true') return undefined;
  return env[`AWS_ENDPOINT_URL_${service}`]?.trim() || env.AWS_ENDPOINT_URL?.trim() || undefined;
}

/**
 * Everything the SDK would otherwise look up in AWS_* variables or in ~/.aws/config under AWS_PROFILE or
 * [default] (region, endpoint_url, use_fips_endpoint, use_dualstack_endpoint, max_attempts, retry_mode,
 * defaults_mode, sts_regional_endpoints, …) is given here, so the SDK never consults them: awst's calls use
 * the main account's key and region only. Only an endpoint from the environment is honoured (tests, local
 * emulators, VPC endpoints).
 */
export function clientConfig(
  service: 'STS' | 'IAM' | 'SSM',
  region: string,
  credentials: AnyCredentials,
  env: NodeJS.ProcessEnv,
) {
  const endpoint = endpointFromEnv(env, service);
  return {
    region,
    credentials: {
      accessKeyId: credentials.accessKeyId,
      secretAccessKey: credentials.secretAccessKey,
      sessionToken: 'sessionToken' in credentials ? credentials.sessionToken : undefined,
    },
    ...(endpoint ? { endpoint } : {}),
    ignoreConfiguredEndpointUrls: true,
    useFipsEndpoint: false,
    useDualstackEndpoint: false,
    ...(service === 'STS' ? { useGlobalEndpoint: false } : {}),
    maxAttempts: MAX_ATTEMPTS,
    retryMode: 'standard',
    defaultsMode: 'standard' as const,
    authSchemePreference: ['sigv4'],
    sigv4aSigningRegionSet: [region],
    userAgentAppId: 'awst',
    requestHandler: {
      connectionTimeout: CONNECT_TIMEOUT_MS,
      requestTimeout: REQUEST_TIMEOUT_MS,
      throwOnRequestTimeout: true,
    },
  };
}

/** Aborts a call (SDK retries included) after CALL_BOUND_MS, or sooner when the caller has less time. */
export function callBound(timeoutMs?: number): AbortSignal {
  return AbortSignal.timeout(Math.max(1, Math.min(CALL_BOUND_MS, timeoutMs ?? CALL_BOUND_MS)));
}
