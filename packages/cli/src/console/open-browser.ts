import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

const PAGE_PREFIX = 'awst-console-';
/** A sign-in link works for 15 minutes; pages older than that hold nothing of use and are removed. */
const PAGE_LIFETIME_MS = 15 * 60_000;

/**
 * Opens the sign-in URL in the default browser without putting it on a command line, where `ps` shows it
 * to every user of the machine: the URL goes into a page readable only by you (mode 0600 in a 0700
 * folder) that forwards the browser to it, and the browser is given the page's path. The page stays until
 * the link has expired; the next `console --open` removes expired ones.
 */
export async function openInBrowser(
  url: string,
  platform: NodeJS.Platform = process.platform,
  dir: string = tmpdir(),
): Promise<string> {
  await removeExpiredPages(dir);
  const folder = await mkdtemp(join(dir, PAGE_PREFIX));
  const page = join(folder, 'signin.html');
  await writeFile(page, signinPage(url), { mode: 0o600 });
  const target = pathToFileURL(page).href;
  const [command, args] =
    platform === 'darwin'
      ? ['open', [target]]
      : platform === 'win32'
        ? ['rundll32', ['url.dll,FileProtocolHandler', target]]
        : ['xdg-open', [target]];
  await new Promise<void>((resolve, reject) => {
    const child = spawn(command, args as string[], { stdio: 'ignore', detached: true });
    child.once('error', reject);
    child.once('spawn', () => {
      child.unref();
      resolve();
    });
  }).catch(async (error) => {
    await rm(folder, { recursive: true, force: true });
    throw error;
  });
  return page;
}

export function signinPage(url: string): string {
  const html = url.replace(/&/g, '&amp;').replace(/"/g, '&quot;').replace(/</g, '&lt;');
  return `<!doctype html>
<meta charset="utf-8">
<meta name="referrer" content="no-referrer">
<meta http-equiv="refresh" content="0;url=${html}">
<title>AWS console sign-in (awst)</title>
<p><a href="${html}">Continue to the AWS console</a></p>
`;
}

async function removeExpiredPages(dir: string): Promise<void> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((name) => name.startsWith(PAGE_PREFIX));
  } catch {
    return;
  }
  await Promise.all(
    names.map(async (name) => {
      const folder = join(dir, name);
      try {
        const info = await stat(folder);
        if (info.uid === process.getuid?.() && Date.now() - info.mtimeMs > PAGE_LIFETIME_MS)
          await rm(folder, { recursive: true, force: true });
      } catch {
        // gone already, or not ours
      }
    }),
  );
}
