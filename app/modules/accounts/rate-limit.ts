// Failed logins allowed inside the window before the account, or the address, must wait.
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT = 5;
export const MAX_FAILURES_PER_ADDRESS = 20;

export type LoginGate = { allowed: true } | { allowed: false; retryAfterMinutes: number };

/**
 * Decide from the failures inside the window (oldest first, ISO instants) whether one more
 * try is allowed; the wait ends when the oldest counted failure leaves the window.
 */
export function loginGate(
  accountFailures: readonly string[],
  addressFailures: readonly string[],
  now: Date,
): LoginGate {
  const waits: number[] = [];
  for (const [failures, limit] of [
    [accountFailures, MAX_FAILURES_PER_ACCOUNT],
    [addressFailures, MAX_FAILURES_PER_ADDRESS],
  ] as const) {
    if (failures.length < limit) continue;
    const oldestCounted = failures[failures.length - limit];
    const freeAt = new Date(oldestCounted as string).getTime() + LOGIN_WINDOW_MINUTES * 60_000;
    waits.push(Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000)));
  }
  return waits.length ? { allowed: false, retryAfterMinutes: Math.max(...waits) } : { allowed: true };
}
