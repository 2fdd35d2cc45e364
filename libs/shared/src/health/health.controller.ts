import { Controller, Get, Inject, ServiceUnavailableException } from '@nestjs/common';
import { sql } from 'drizzle-orm';
import type { Database } from '../database/database.js';
import { DATABASE } from '../tokens.js';

export const HEALTH_REDIS = Symbol('HEALTH_REDIS');

/** Something that answers a Redis round trip (write then read) or throws. */
export interface RedisProbe {
  roundTrip(): Promise<void>;
}

/** `live`: the process answers. `ready`: the database and Redis answer now. */
@Controller('health')
export class HealthController {
  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(HEALTH_REDIS) private readonly redis: RedisProbe,
  ) {}

  @Get('live')
  live() {
    return { status: 'ok' };
  }

  @Get('ready')
  async ready() {
    const checks = {
      database: await this.db.execute(sql`select 1`).then(() => 'up' as const, () => 'down' as const),
      redis: await this.redis.roundTrip().then(() => 'up' as const, () => 'down' as const),
    };
    const ok = Object.values(checks).every((state) => state === 'up');
    if (!ok) throw new ServiceUnavailableException({ status: 'error', checks });
    return { status: 'ok', checks };
  }
}
