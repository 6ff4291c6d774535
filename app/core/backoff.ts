// When to refresh next. Pure, so the schedule can be tested without waiting.
// Healthy: every `intervalMs`. Failing: start small and double, so a short outage (Wi-Fi back, laptop resumed)
// heals quickly while a long one does not hammer the server; never wait longer than the healthy interval.

export const FIRST_RETRY_MS = 30_000;
export const MAX_RETRY_MS = 30 * 60_000;

export interface BackoffOptions {
  firstRetryMs?: number;
  maxRetryMs?: number;
  /** A number in [0, 1) (e.g. from Math.random, or fixed in tests). Shortens the delay by up to `jitterRatio`,
   *  so many clients that failed together do not all retry at the same moment. Absent: no jitter. */
  jitter?: number;
  /** How much jitter may shorten a retry; default 0.2 (up to 20 % sooner). */
  jitterRatio?: number;
}

export function nextRefreshDelayMs(
  intervalMs: number,
  consecutiveFailures: number,
  options: BackoffOptions = {},
): number {
  const interval = Math.max(1_000, intervalMs);
  if (consecutiveFailures <= 0) return interval;
  const first = options.firstRetryMs ?? FIRST_RETRY_MS;
  const cap = Math.min(interval, options.maxRetryMs ?? MAX_RETRY_MS);
  // 2^30 already exceeds any cap; clamping the exponent keeps the arithmetic finite.
  const exponent = Math.min(consecutiveFailures - 1, 30);
  const delay = Math.min(first * 2 ** exponent, cap);
  if (options.jitter === undefined) return delay;
  const r = Math.min(Math.max(options.jitter, 0), 1);
  const ratio = Math.min(Math.max(options.jitterRatio ?? 0.2, 0), 1);
  return Math.round(delay * (1 - ratio * r));
}
