import { Inject, Injectable, type OnModuleInit } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  FOLLOWUP_JOB_RETENTION,
  FollowupQueues,
  logQueueErrors,
  PromptWorker,
  QUEUE_CONNECTION,
  type queueConnection,
} from '@app/shared';
import type { Worker } from 'bullmq';
import { FollowupProcessor } from './followup.processor.js';

/**
 * With more than one partition, one BullMQ worker per partition this notifier consumes
 * (NOTIFIER_PARTITIONS, all by default), each handing its jobs to the FollowupProcessor, which
 * also keeps reading the base queue (periodic jobs, jobs of a one-partition layout). Jobs in hand
 * stay near NOTIFIER_CONCURRENCY: it is shared out over the partitions, at least one each.
 * The processor adopts them and closes them on shutdown with its own.
 */
@Injectable()
export class PartitionWorkers implements OnModuleInit {
  readonly workers: Worker[] = [];

  constructor(
    private readonly processor: FollowupProcessor,
    private readonly queues: FollowupQueues,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(QUEUE_CONNECTION) private readonly connection: ReturnType<typeof queueConnection>,
  ) {}

  /** Started with the base queue's worker (which BullMQ's Nest module starts at module init). */
  onModuleInit(): void {
    const { count, consumed } = this.config.queuePartitions;
    if (count <= 1) return;
    const concurrency = Math.max(1, Math.ceil(this.config.delivery.concurrency / consumed.length));
    for (const partition of consumed) {
      const queue = this.queues.partitions[partition];
      const worker = new PromptWorker(queue.name, (job) => this.processor.process(job), {
        connection: this.connection,
        prefix: queue.opts.prefix,
        concurrency,
        // The same retention as the base queue's worker (a job carries none of its own).
        ...FOLLOWUP_JOB_RETENTION,
      });
      worker.on('failed', (job, error) => this.processor.onFailed(job, error));
      logQueueErrors(worker, `worker ${queue.name} partition ${partition}`);
      this.workers.push(worker);
    }
    this.processor.adopt(this.workers);
  }
}
