import { HttpException, HttpStatus, Injectable } from '@nestjs/common';
import { createHash } from 'node:crypto';
import { AuthRedis } from './auth-redis.js';

/** Failed sign-ins allowed per account and per address within a minute; then 429 until the minute is over. */
export const SIGN_IN_FAILURES_ALLOWED = 5;
const WINDOW_MS = 60_000;

/**
 * Counts failed sign-ins, not attempts: a clinic behind one address whose staff all sign in at
 * opening time is not slowed down, a guesser is. The counts are in Redis, so every scheduler
 * replica sees the same ones and a restart does not reset them.
 *
 * @nestjs/throttler was the first choice, but it is CommonJS requiring the ESM-only
 * @nestjs/common 12, which Jest cannot load on Node 20, and it counts requests rather than failures.
 */
@Injectable()
export class SignInThrottle {
  constructor(private readonly redis: AuthRedis) {}

  /** 429 while the account or the address has had its failures for this minute. */
  async assertAllowed(email: string, address: string): Promise<void> {
    const keys = this.keys(email, address);
    const counts = await this.redis.client.mget(...keys);
    const blocked = keys.filter((_, index) => Number(counts[index] ?? 0) >= SIGN_IN_FAILURES_ALLOWED);
    if (blocked.length === 0) return;
    const waits = await Promise.all(blocked.map((key) => this.redis.client.pttl(key)));
    const retryAfterSeconds = Math.max(1, Math.ceil(Math.max(...waits) / 1000));
    throw new HttpException(
      { statusCode: 429, error: 'Too Many Requests', message: 'too many failed sign-ins; try again in a minute', retryAfterSeconds },
      HttpStatus.TOO_MANY_REQUESTS,
    );
  }

  async recordFailure(email: string, address: string): Promise<void> {
    const multi = this.redis.client.multi();
    for (const key of this.keys(email, address)) {
      // The window starts at the first failure; later failures within it do not extend it.
      multi.set(key, 0, 'PX', WINDOW_MS, 'NX').incr(key);
    }
    await multi.exec();
  }

  /** The account's key is a hash, so Redis holds no email address. */
  private keys(email: string, address: string): string[] {
    const account = createHash('sha256').update(email.trim().toLowerCase()).digest('hex');
    return [`${this.redis.prefix}:sign-in-failures:account:${account}`, `${this.redis.prefix}:sign-in-failures:address:${address}`];
  }
}
