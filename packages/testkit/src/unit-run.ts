/**
 * `pnpm test:unit` sets AWST_TEST_UNIT=1 and leaves out files named `*.integration.test.*`. A test elsewhere
 * that starts the emulator, Terraform or the built CLI fails here, so that it gets the name that keeps it out.
 */
export function integrationOnly(what: string): void {
  if (process.env.AWST_TEST_UNIT === '1') {
    throw new Error(
      `${what} needs an integration test: name the test file *.integration.test.ts, which pnpm test:unit leaves out.`,
    );
  }
}
