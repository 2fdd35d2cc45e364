import { BullModule } from '@nestjs/bullmq';
import { type DynamicModule, Global, Inject, Injectable, Module, type OnApplicationShutdown } from '@nestjs/common';
import { Cluster } from 'ioredis';
import { TerminusModule } from '@nestjs/terminus';
import type { AppConfig } from '../config/environment.js';
import { QUEUE_STREAMS, QueueName } from '../contracts/queues.js';
import type { DatabaseHandle } from '../database/database.js';
import { METRICS_REGISTRY, metricsProviders } from '../observability/metrics.js';
import { loggerModule } from '../observability/logging.js';
import { queueConnection } from '../redis/redis.js';
import { FollowupQueues, QUEUE_CONNECTION } from '../queue/followup-queues.js';
import { APP_CONFIG, DATABASE } from '../config/tokens.js';
import { PeriodicJobs } from '../queue/periodic-jobs.js';
import { PromptWorker } from '../queue/prompt-worker.js';

/** On a Redis Cluster the queues share one cluster client, which no queue closes: this does, last. */
@Injectable()
class SharedQueueConnection implements OnApplicationShutdown {
  constructor(@Inject(QUEUE_CONNECTION) private readonly connection: ReturnType<typeof queueConnection>) {}

  async onApplicationShutdown(): Promise<void> {
    const connection = this.connection;
    if (connection instanceof Cluster) await connection.quit().catch(() => connection.disconnect());
  }
}

/**
 * What every module of a service may inject without importing it: the settings, the database,
 * the service's metrics registry, the JSON logger, health indicators (terminus), the two queues
 * (BullMQ on Redis), the follow-ups queue's partitions (`FollowupQueues`) and the registry of periodic
 * jobs (`PeriodicJobs`).
 * Each service's composition (`libs/services`) imports it once, first.
 */
@Global()
@Module({})
export class CoreModule {
  static forRoot(service: 'scheduler' | 'notifier', config: AppConfig, database: DatabaseHandle): DynamicModule {
    const queues = BullModule.registerQueue(
      { name: QueueName.Followups, streams: QUEUE_STREAMS },
      { name: QueueName.PatientEvents, streams: QUEUE_STREAMS },
    );
    const health = TerminusModule.forRoot({ errorLogStyle: 'json' });
    // The workers the BullMQ Nest module starts (@Processor) take delayed jobs on time (see PromptWorker).
    BullModule.workerClass = PromptWorker;
    const connection = queueConnection(config);
    return {
      module: CoreModule,
      imports: [BullModule.forRoot({ connection, prefix: config.queuePrefix }), queues, health, loggerModule(config, service)],
      providers: [
        { provide: APP_CONFIG, useValue: config },
        { provide: DATABASE, useValue: database.db },
        { provide: QUEUE_CONNECTION, useValue: connection },
        SharedQueueConnection,
        FollowupQueues,
        ...metricsProviders(service),
        PeriodicJobs,
      ],
      exports: [APP_CONFIG, DATABASE, METRICS_REGISTRY, QUEUE_CONNECTION, FollowupQueues, queues, health, PeriodicJobs],
    };
  }
}
