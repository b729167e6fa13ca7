import { describe, expect, it, vi } from 'vitest';

// A user with no passwd entry and no HOME (docker run --user 1234): the system has no home to give.
vi.mock('node:os', async (importOriginal) => ({
  ...(await importOriginal<typeof import('node:os')>()),
  homedir: () => {
    throw Object.assign(new Error('A system error occurred: uv_os_homedir returned ENOENT'), {
      code: 'ERR_SYSTEM_ERROR',
    });
  },
}));

const { awsFilePaths } = await import('../../src/aws-files/paths.js');
const { locateConfig } = await import('../../src/config/locate.js');

describe('22.6 no home folder', () => {
  it('22.6 [message] is no error when every path is given by variables', () => {
    const env = { AWS_SHARED_CREDENTIALS_FILE: '/work/aws/credentials', AWS_CONFIG_FILE: '/work/aws/config' };
    expect(awsFilePaths(env)).toEqual({ credentials: '/work/aws/credentials', config: '/work/aws/config' });
    expect(locateConfig(undefined, env)).toEqual({ path: undefined, explicit: false });
  });

  it('22.6 [message] says what to set when a path needs it, instead of uv_os_homedir', () => {
    expect(() => awsFilePaths({ AWS_CONFIG_FILE: '/work/aws/config' })).toThrow(
      /^HOME is not set and this user has no home folder .* Set HOME, or name the files awst needs: AWS_SHARED_CREDENTIALS_FILE/,
    );
  });
});
