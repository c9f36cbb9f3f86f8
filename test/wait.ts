// Waiting in tests for a state, never for a fixed time: `check` is polled until it holds, so a
// busy machine only makes the wait longer. The timeout is a hang guard, not part of the test.
export async function until(check: () => boolean, what: string, timeoutMs = 15_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
