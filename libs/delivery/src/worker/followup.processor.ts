import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Inject, Logger, type OnApplicationBootstrap, type OnModuleDestroy } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  closeWorkers,
  FOLLOWUP_JOB_RETENTION,
  isDependencyOutage,
  JobName,
  outageRetryDelay,
  parseFollowupJob,
  QueueName,
  scrubText,
  type SendFollowupJob,
  SHUTDOWN_GRACE_MS,
  withDeliveryRetries,
} from '@app/shared';
import { DelayedError, type Job, UnrecoverableError, Worker } from 'bullmq';
import { FollowupClaimsRepository } from '../claims/followup-claims.repository.js';
import { RecoverySweepService } from '../recovery/recovery-sweep.service.js';
import { HandedBack, ProviderThrottled, SendFollowupService } from '../send/send-followup.service.js';
import { DeliveryStatusService } from '../status/delivery-status.service.js';
import { SendWindowPromoter } from '../window/send-window-promoter.service.js';

type Handler = (job: Job, token?: string) => Promise<unknown>;

/** After a lease's end, how long a job waiting for it lets the holder's settle land first. */
const LEASE_SLACK_MS = 1_000;

/** How soon a job whose patient had another follow-up in flight tries again. */
const PATIENT_BUSY_RETRY_MS = 500;

/** Runs follow-up jobs. Job names map to handlers; a job it cannot read fails with a reason. */
// Retention is the worker's, for every follow-up job (see FOLLOWUP_JOB_RETENTION).
@Processor(QueueName.Followups, { ...FOLLOWUP_JOB_RETENTION })
export class FollowupProcessor extends WorkerHost implements OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(FollowupProcessor.name);
  private readonly handlers: Partial<Record<JobName, Handler>>;
  private inHand = 0;
  private readonly idleWaiters = new Set<() => void>();
  /** The workers of the queue's partitions (PartitionWorkers): paused with this one when the provider throttles. */
  private readonly partitionWorkers: Worker[] = [];

  constructor(
    private readonly sendFollowup: SendFollowupService,
    private readonly recovery: RecoverySweepService,
    private readonly promoter: SendWindowPromoter,
    private readonly claims: FollowupClaimsRepository,
    private readonly statuses: DeliveryStatusService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    super();
    this.handlers = {
      [JobName.SendFollowup]: async (job, token) => {
        const payload = await parseFollowupJob(job.data);
        withDeliveryRetries(job, this.config.delivery);
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        const outcome = await this.sendFollowup.execute({ followupId: payload.followup, version: payload.version }, { finalAttempt });
        if (outcome.status === 'not-claimed') await this.afterNotClaimed(job, token, payload);
        return outcome;
      },
      // Status reports that came before their delivery record are applied on the same beat.
      [JobName.RecoverySweep]: async () => ({ ...(await this.recovery.sweep()), statusReports: await this.statuses.applyEarly() }),
      [JobName.PromoteFollowups]: () => this.promoter.promote(),
    };
  }

  /**
   * Jobs of another module run by this worker (the replies module's clinic alerts): that module
   * depends on this one, so it hands its handler over rather than being called from here.
   */
  handle(name: JobName, handler: Handler): void {
    this.handlers[name] = handler;
  }

  /** Start-up fails if a job name has no handler (every module has handed its own over by now). */
  onApplicationBootstrap(): void {
    const missing = Object.values(JobName).filter((name) => !this.handlers[name]);
    if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
    this.worker.concurrency = this.config.delivery.concurrency;
  }

  /**
   * SIGTERM: take no new jobs, let the ones in hand finish (jobs waiting for a send slot hand their
   * follow-up back at once), on the base queue's worker and the partitions' alike and together, so
   * they share one grace period. Past it, or at once when Redis is down, the workers close anyway;
   * what they still held is picked up again by BullMQ's stalled-job check and the recovery sweep.
   */
  async onModuleDestroy(): Promise<void> {
    this.sendFollowup.close();
    const { forced } = await closeWorkers(this.workers());
    for (const { worker, reason } of forced) {
      this.logger.warn({ msg: 'worker closed without waiting for its jobs', worker, reason, graceMs: SHUTDOWN_GRACE_MS });
    }
  }

  /** Workers that hand their jobs to `process` too (PartitionWorkers). */
  adopt(workers: Worker[]): void {
    this.partitionWorkers.push(...workers);
  }

  /** Every worker whose jobs this runs: the base queue's and each consumed partition's. */
  workers(): Worker[] {
    return [this.worker, ...this.partitionWorkers];
  }

  /**
   * Resolves once no job is in hand. Counted here rather than from worker events, which BullMQ
   * does not emit for a job put back with a rate-limit error.
   */
  whenIdle(): Promise<void> {
    return this.inHand === 0 ? Promise.resolve() : new Promise((resolve) => this.idleWaiters.add(resolve));
  }

  async process(job: Job, token?: string): Promise<unknown> {
    this.inHand++;
    try {
      return await this.run(job, token);
    } finally {
      if (--this.inHand === 0) {
        for (const resolve of this.idleWaiters) resolve();
        this.idleWaiters.clear();
      }
    }
  }

  /**
   * A job whose follow-up is still `scheduled` found its patient with another follow-up in flight:
   * it tries again shortly. A job that finds its follow-up version `sending` is usually a stalled job run again after its
   * notifier died. Once the claim's lease lapsed, it resolves the follow-up at once, as the sweep
   * would; while the lease holds, it waits for the lapse (a live holder renews it, and then the
   * follow-up is settled by the time the job looks again).
   */
  private async afterNotClaimed(job: Job, token: string | undefined, payload: SendFollowupJob): Promise<void> {
    const lease = await this.claims.leaseOf(payload.followup, payload.version);
    if (!lease) return;
    if ('lapsed' in lease) {
      await this.recovery.resolveLapsed(payload.followup);
      return;
    }
    if (!token) return;
    // Another follow-up of the same patient is in flight: one at a time, so caps count it.
    const until = 'patientBusy' in lease ? Date.now() + PATIENT_BUSY_RETRY_MS : lease.heldUntil.getTime() + LEASE_SLACK_MS;
    await job.moveToDelayed(until, token);
    throw new DelayedError();
  }

  private async run(job: Job, token?: string): Promise<unknown> {
    const handler = this.handlers[job.name as JobName];
    if (!handler) {
      // A job of a module that has not handed its handler over yet (start-up) is tried again later.
      if (Object.values<string>(JobName).includes(job.name)) throw new Error(`no handler yet for job ${job.name}`);
      throw new UnrecoverableError(`unknown job name ${JSON.stringify(job.name)}`);
    }
    try {
      return await handler(job, token);
    } catch (error) {
      if (error instanceof ProviderThrottled) {
        // A 429 means the sender is over its limit for everyone: pause the whole queue, and put
        // this job back without spending one of its attempts.
        this.logger.warn(`provider throttled (${error.message}); queue paused for ${error.retryAfterMs} ms`);
        await Promise.all(this.workers().map((worker) => worker.rateLimit(error.retryAfterMs)));
        throw Worker.RateLimitError();
      }
      if (error instanceof HandedBack) throw Worker.RateLimitError();
      if (error instanceof DelayedError) throw error;
      if ((job.name as JobName) === JobName.SendFollowup && token && isDependencyOutage(error)) await this.waitOutOutage(job, token, error);
      // The reason is kept in Redis and shown on the dashboard: a database error can quote an address.
      if (error instanceof Error) error.message = scrubText(error.message);
      throw error;
    }
  }

  /**
   * PostgreSQL or Redis was away: the job tries again within seconds of its return, without
   * spending one of its attempts. Counted as failures, an outage of a few minutes would leave the
   * backlog in exponential back-off for as long again after it ended (the full fault-injection run
   * drained 20 messages a second afterwards), and a long one would spend every attempt.
   */
  private async waitOutOutage(job: Job, token: string, error: unknown): Promise<never> {
    // Runs put back this way are started but not made: how many in a row met the outage.
    const tries = Math.max(1, job.attemptsStarted - job.attemptsMade);
    const delay = outageRetryDelay(tries);
    // Debug only: during an outage every due job comes through here every few seconds.
    this.logger.debug(`job ${job.id} met an outage (${scrubText((error as Error).message)}); tries again in ${delay} ms`);
    await job.moveToDelayed(Date.now() + delay, token);
    throw new DelayedError();
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed: ${scrubText(error.message)}`);
  }
}
