/** Is the process (or, with a negative id, any process of the group) alive? Signal 0 only asks. */
export function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
