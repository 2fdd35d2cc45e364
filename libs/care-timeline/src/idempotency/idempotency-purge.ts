import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { IDEMPOTENCY_TTL_MS } from './idempotency.interceptor.js';
import { IdempotencyRepository } from './idempotency.repository.js';

const PURGE_EVERY_MS = 3600_000;

/**
 * Forgets idempotency records older than 24 hours, at start and every hour: their kept answers
 * hold patients' names, numbers and addresses, which nothing needs once no retry can come.
 * Several schedulers purging at once delete the same rows, harmlessly.
 */
@Injectable()
export class IdempotencyPurge implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(IdempotencyPurge.name);
  private timer?: NodeJS.Timeout;

  constructor(private readonly keys: IdempotencyRepository) {}

  onApplicationBootstrap(): void {
    void this.purge();
    this.timer = setInterval(() => void this.purge(), PURGE_EVERY_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  async purge(now = new Date()): Promise<number> {
    try {
      const forgotten = await this.keys.purge(new Date(now.getTime() - IDEMPOTENCY_TTL_MS));
      if (forgotten > 0) this.logger.log(`forgot ${forgotten} idempotency record(s) older than 24 h`);
      return forgotten;
    } catch (error) {
      // The database may be away for a moment; the next round tries again.
      this.logger.warn(`idempotency purge failed: ${(error as Error).message}`);
      return 0;
    }
  }
}
