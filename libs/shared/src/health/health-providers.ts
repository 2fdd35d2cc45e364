import type { Provider } from '@nestjs/common';
import type { AppConfig } from '../config/environment.js';
import { DatabaseHealthIndicator, HEALTH_REDIS, RedisHealthIndicator } from './indicators.js';
import { RedisRoundTrip } from './redis-probe.js';

/** What HealthController needs besides TerminusModule and the DATABASE provider. */
export function healthProviders(config: AppConfig): Provider[] {
  return [
    { provide: HEALTH_REDIS, useFactory: () => new RedisRoundTrip(config, config.queuePrefix) },
    DatabaseHealthIndicator,
    RedisHealthIndicator,
  ];
}
