// How many tries a window allows. Failed passwords (logins and the password asked again before a
// change of password or a submission) count together, per account *and* address, per account
// alone and per address alone:
// - 5 for one account from one address: a person mistyping, or a guesser at one place, waits;
//   the same account from any other address is not locked by it, so nobody can lock DOST's admin
//   out from their own machine.
// - 50 for one account from everywhere: only a guesser spread over many addresses gets there, and
//   then the account waits for everyone (the password is safer than the convenience).
// - 20 for one address, whatever the accounts: one place trying many accounts.
export const LOGIN_WINDOW_MINUTES = 15;
export const MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS = 5;
export const MAX_FAILURES_PER_ACCOUNT = 50;
export const MAX_FAILURES_PER_ADDRESS = 20;

// Sign-up forms accepted per network address, and mails sent to one inbox (confirmation links and
// "you already have an account" notices), in an hour.
export const SIGNUP_WINDOW_MINUTES = 60;
export const MAX_SIGNUPS_PER_ADDRESS = 5;
export const MAX_SIGNUP_MAILS_PER_EMAIL = 3;

export type Gate = { allowed: true } | { allowed: false; retryAfterMinutes: number };

/**
 * Whether one more try is allowed, given the tries counted inside the window (ISO instants, oldest
 * first) and the limits that apply to them; the wait ends when the oldest counted try leaves the
 * window, and the longest wait wins.
 */
export function windowGate(counted: readonly (readonly [readonly string[], number])[], windowMinutes: number, now: Date): Gate {
  const waits: number[] = [];
  for (const [times, limit] of counted) {
    if (times.length < limit) continue;
    const oldestCounted = times[times.length - limit];
    const freeAt = new Date(oldestCounted as string).getTime() + windowMinutes * 60_000;
    waits.push(Math.max(1, Math.ceil((freeAt - now.getTime()) / 60_000)));
  }
  return waits.length ? { allowed: false, retryAfterMinutes: Math.max(...waits) } : { allowed: true };
}

export type PasswordFailures = {
  /** This account from this address. */
  pair: readonly string[];
  /** This account from every address. */
  account: readonly string[];
  /** This address, every account. */
  address: readonly string[];
};

export function loginGate(failures: PasswordFailures, now: Date): Gate {
  return windowGate(
    [
      [failures.pair, MAX_FAILURES_PER_ACCOUNT_AND_ADDRESS],
      [failures.account, MAX_FAILURES_PER_ACCOUNT],
      [failures.address, MAX_FAILURES_PER_ADDRESS],
    ],
    LOGIN_WINDOW_MINUTES,
    now,
  );
}

/** Sign-up forms accepted from this address inside the window (oldest first). */
export function signupGate(fromAddress: readonly string[], now: Date): Gate {
  return windowGate([[fromAddress, MAX_SIGNUPS_PER_ADDRESS]], SIGNUP_WINDOW_MINUTES, now);
}
