/**
 * Whether a process with this pid exists on this machine (signal 0 checks without sending anything). Only
 * ESRCH means it does not: EPERM is a process of another user, and anything else is not proof it is gone.
 */
export function processExists(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code !== 'ESRCH';
  }
}
