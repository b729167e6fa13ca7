// A vitest setup file (setupFiles in each package's vitest config). Every test file puts its temporary
// folders (mkdtemp in os.tmpdir(), by the test, the testkit or an awst it runs) in one folder of its own,
// which goes when the file is done, so a run leaves nothing in /tmp; a killed run leaves one folder per
// file that was running. After-hooks run in reverse order, so this one runs after the file's own (moto
// stopped, workspaces used) are done.
import { chmodSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';

const outer = process.env.TMPDIR;
// What outlives a file (the Terraform provider mirror's location, see terraform.ts) stays in the real one.
process.env.AWST_TESTS_OUTER_TMPDIR ??= tmpdir();
const root = mkdtempSync(join(tmpdir(), 'awst-tests-'));
// Tests that run awst as another user (nobody) give it folders in here.
chmodSync(root, 0o755);
process.env.TMPDIR = root;

afterAll(() => {
  if (outer === undefined) delete process.env.TMPDIR;
  else process.env.TMPDIR = outer;
  try {
    rmSync(root, { recursive: true, force: true, maxRetries: 3 });
  } catch (error) {
    // A mount a test could not undo, or a folder made unreadable on purpose: say so, do not fail the file.
    console.warn(`could not remove ${root}: ${(error as Error).message}`);
  }
});
