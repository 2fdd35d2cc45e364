import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, JobName, QueueName, scrubText, SendFollowupJob } from '@app/shared';
import { type Job, UnrecoverableError, Worker } from 'bullmq';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { RecoverySweepService } from './recovery-sweep.service.js';
import { HandedBack, ProviderThrottled, SendFollowupService } from './send-followup.service.js';

type Handler = (job: Job) => Promise<unknown>;

/** How long shutdown waits for jobs in hand before leaving them to the recovery sweep. */
const SHUTDOWN_GRACE_MS = 15_000;

/** Runs follow-up jobs. Job names map to handlers; a job it cannot read fails with a reason. */
@Processor(QueueName.Followups)
export class FollowupProcessor extends WorkerHost implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FollowupProcessor.name);
  private readonly handlers: Record<JobName, Handler>;
  private inHand = 0;
  private readonly idleWaiters = new Set<() => void>();

  constructor(
    private readonly sendFollowup: SendFollowupService,
    private readonly recovery: RecoverySweepService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.handlers = {
      [JobName.SendFollowup]: async (job) => {
        const payload = await parsePayload(SendFollowupJob, job.data);
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return this.sendFollowup.execute(payload, { finalAttempt });
      },
      [JobName.RecoverySweep]: () => this.recovery.sweep(),
    };
  }

  /** Start-up fails if a job name has no handler. */
  onModuleInit(): void {
    const missing = Object.values(JobName).filter((name) => !this.handlers[name]);
    if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  onApplicationBootstrap(): void {
    this.worker.concurrency = this.config.delivery.concurrency;
  }

  /**
   * SIGTERM: take no new jobs, let the ones in hand finish (jobs waiting for a send slot hand their
   * follow-up back at once). Past the grace period the worker closes anyway; what it still held is
   * picked up again by BullMQ's stalled-job check and the recovery sweep.
   */
  async onModuleDestroy(): Promise<void> {
    this.sendFollowup.close();
    let timer: NodeJS.Timeout | undefined;
    const graceOver = new Promise<'timeout'>((resolve) => (timer = setTimeout(() => resolve('timeout'), SHUTDOWN_GRACE_MS)));
    const outcome = await Promise.race([this.worker.close(), graceOver]);
    clearTimeout(timer);
    if (outcome === 'timeout') {
      this.logger.warn(`jobs still running after ${SHUTDOWN_GRACE_MS} ms; closing without them`);
      await this.worker.close(true);
    }
  }

  /**
   * Resolves once no job is in hand. Counted here rather than from worker events, which BullMQ
   * does not emit for a job put back with a rate-limit error.
   */
  whenIdle(): Promise<void> {
    return this.inHand === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  async process(job: Job): Promise<unknown> {
    this.inHand++;
    try {
      return await this.run(job);
    } finally {
      if (--this.inHand === 0) {
        for (const resolve of this.idleWaiters) resolve();
        this.idleWaiters.clear();
      }
    }
  }

  private async run(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName];
    if (!handler) throw new UnrecoverableError(`unknown job name ${JSON.stringify(job.name)}`);
    try {
      return await handler(job);
    } catch (error) {
      if (error instanceof ProviderThrottled) {
        // A 429 means the sender is over its limit for everyone: pause the whole queue, and put
        // this job back without spending one of its attempts.
        this.logger.warn(`provider throttled (${error.message}); queue paused for ${error.retryAfterMs} ms`);
        await this.worker.rateLimit(error.retryAfterMs);
        throw Worker.RateLimitError();
      }
      if (error instanceof HandedBack) throw Worker.RateLimitError();
      // The reason is kept in Redis and shown on the dashboard: a database error can quote an address.
      if (error instanceof Error) error.message = scrubText(error.message);
      throw error;
    }
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed: ${scrubText(error.message)}`);
  }
}

async function parsePayload<T extends object>(type: new () => T, data: unknown): Promise<T> {
  if (typeof data !== 'object' || data === null) throw new UnrecoverableError('malformed job: payload is not an object');
  const payload = plainToInstance(type, data);
  const errors = await validate(payload, { forbidUnknownValues: true });
  if (errors.length > 0) {
    const reasons = errors.flatMap((e) => Object.values(e.constraints ?? {}));
    throw new UnrecoverableError(`malformed job: ${reasons.join('; ')}`);
  }
  return payload;
}
