import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, createRedisClient, type RedisClient } from '@app/shared';

/** The connection sign-in counting and cache messages share; keys and channels carry QUEUE_PREFIX. */
@Injectable()
export class AuthRedis implements OnModuleDestroy {
  private readonly logger = new Logger(AuthRedis.name);
  readonly client: RedisClient;
  readonly prefix: string;

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {
    this.prefix = config.queuePrefix;
    this.client = this.connect();
  }

  /** Another connection with the same settings (a subscriber cannot send commands). */
  connect(): RedisClient {
    const client = createRedisClient(this.config, { maxRetriesPerRequest: 1 });
    client.on('error', (error: Error) => this.logger.warn(`auth redis: ${error.message}`));
    return client;
  }

  onModuleDestroy(): void {
    this.client.disconnect();
  }
}
