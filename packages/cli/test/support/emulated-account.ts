// The emulated AWS account of the CLI's integration tests, as vitest hooks. It lives here, not in
// @awst/testkit, because the testkit does not depend on vitest.
import {
  createRole,
  createUserWithMfa,
  type Moto,
  startEmulatedAccount,
  startMoto,
  type TestUser,
  userWorkspace,
  type Workspace,
} from '@awst/testkit';
import { afterAll, beforeAll, beforeEach } from 'vitest';

export interface EmulatedAccount {
  moto: Moto;
  user: TestUser;
  ws: Workspace;
}

interface Options<Extra> {
  /** Called before each test with that test's account, so a file can keep `moto`, `user` and `ws` as plain names. */
  each?: (account: EmulatedAccount) => void;
  /** What `userWorkspace` puts besides the user's key: another config.toml, other profiles before [main-account]. */
  config?: string;
  extraCredentials?: Extra;
  /** moto exactly as installed, without testkit's moto-as-aws (see @awst/testkit startMoto). */
  stockMoto?: boolean;
}

/**
 * moto with the baseline account (roles DeveloperAccess 4 h and AdminAccess 1 h, user alice) for all tests of the
 * calling file or describe block, and a fresh workspace holding alice's key before each test. The returned
 * object reads the current test's account.
 */
export function useEmulatedAccount(options: Options<string> = {}): EmulatedAccount {
  const state: Partial<EmulatedAccount> = {};
  beforeAll(async () => {
    ({ moto: state.moto, user: state.user } = await startEmulatedAccount({ stock: options.stockMoto }));
  });
  afterAll(() => state.moto?.stop());
  beforeEach(() => {
    state.ws = userWorkspace(state.moto!.endpoint, state.user!, {
      config: options.config,
      extraCredentials: options.extraCredentials,
    });
    options.each?.(state as EmulatedAccount);
  });
  return reader(state);
}

/**
 * moto with only `roles` (name → maximum session seconds), and before each test a new IAM user
 * (`${userPrefix}1`, `${userPrefix}2`, …) with its own workspace: for tests that replace or delete the user's keys.
 */
export function useFreshUserPerTest(
  options: Options<(user: TestUser) => string> & { roles: Record<string, number>; userPrefix: string },
): EmulatedAccount {
  const state: Partial<EmulatedAccount> = {};
  let users = 0;
  beforeAll(async () => {
    state.moto = await startMoto();
    for (const [role, maxSessionSeconds] of Object.entries(options.roles)) {
      await createRole(state.moto.endpoint, role, maxSessionSeconds);
    }
  });
  afterAll(() => state.moto?.stop());
  beforeEach(async () => {
    state.user = await createUserWithMfa(state.moto!.endpoint, `${options.userPrefix}${++users}`);
    state.ws = userWorkspace(state.moto!.endpoint, state.user, {
      config: options.config,
      extraCredentials: options.extraCredentials?.(state.user),
    });
    options.each?.(state as EmulatedAccount);
  });
  return reader(state);
}

function reader(state: Partial<EmulatedAccount>): EmulatedAccount {
  return {
    get moto() {
      return state.moto!;
    },
    get user() {
      return state.user!;
    },
    get ws() {
      return state.ws!;
    },
  };
}
