import { Inject, Injectable, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import { sql } from 'drizzle-orm';
import type { Database } from '../database/database.js';
import { DATABASE } from '../config/tokens.js';
import { RedisRoundTrip } from './redis-probe.js';

export const HEALTH_REDIS = Symbol('HEALTH_REDIS');

/** A check that does not answer in time counts as down: readiness must answer quickly either way. */
const CHECK_TIMEOUT_MS = 3000;

export function within<T>(promise: Promise<T>, ms = CHECK_TIMEOUT_MS): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`no answer within ${ms} ms`)), ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}

/** `database`: a `select 1` answers. */
@Injectable()
export class DatabaseHealthIndicator {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @Inject(DATABASE) private readonly db: Database,
  ) {}

  async isHealthy() {
    const check = this.indicator.check('database');
    try {
      await within(this.db.execute(sql`select 1`));
      return check.up();
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }
}

/** `redis`: a key written on a fail-fast connection reads back the same (and a cluster says `cluster_state:ok`). */
@Injectable()
export class RedisHealthIndicator implements OnApplicationShutdown {
  constructor(
    private readonly indicator: HealthIndicatorService,
    @Inject(HEALTH_REDIS) private readonly probe: RedisRoundTrip,
  ) {}

  async isHealthy() {
    const check = this.indicator.check('redis');
    try {
      return check.up(await within(this.probe.roundTrip()));
    } catch (error) {
      return check.down({ message: (error as Error).message });
    }
  }

  onApplicationShutdown(): void {
    this.probe.close();
  }
}
