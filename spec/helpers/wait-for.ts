/**
 * waitFor: polls until a condition holds, and throws after `timeoutMs` instead of polling
 * forever (a test whose condition never comes must fail, not keep jest from exiting).
 */
export async function waitFor(condition: () => boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`waitFor: condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 5));
  }
}
