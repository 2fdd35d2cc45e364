import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, type HealthIndicatorResult } from '@nestjs/terminus';
import { DatabaseHealthIndicator, RedisHealthIndicator } from './indicators.js';

/** A further readiness check a service adds (the periodic jobs' schedules; the notifier: its workers run). */
export interface ReadinessCheck {
  isHealthy(): Promise<HealthIndicatorResult>;
}

export const READINESS_CHECKS = Symbol('READINESS_CHECKS');

/**
 * `live`: the process answers. `ready`: the database and Redis answer now (and whatever the
 * service adds); `503` names each failing check under `error`.
 */
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly database: DatabaseHealthIndicator,
    private readonly redis: RedisHealthIndicator,
    @Optional() @Inject(READINESS_CHECKS) private readonly extra: ReadinessCheck[] = [],
  ) {}

  @Get('live')
  @HealthCheck()
  live() {
    return this.health.check([]);
  }

  @Get('ready')
  @HealthCheck()
  ready() {
    return this.health.check([
      () => this.database.isHealthy(),
      () => this.redis.isHealthy(),
      ...this.extra.map((check) => () => check.isHealthy()),
    ]);
  }
}
