import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { JobSchedulerTemplateOptions, Queue } from 'bullmq';
import type { ReadinessCheck } from '../health/health.controller.js';
import { within } from '../health/indicators.js';
import { scrubText } from '../observability/logging.js';

/** A job BullMQ runs every `everyMs` (a job scheduler): one run per interval across all processes. */
export interface PeriodicJob {
  /** The job scheduler's id in its queue; also how readiness names it when it is missing. */
  id: string;
  queue: Queue;
  everyMs: number;
  /** The job name the queue's worker handles. */
  name: string;
  data?: Record<string, unknown>;
  opts?: JobSchedulerTemplateOptions;
}

/** How often each process checks that every registered schedule still exists in Redis. */
export const PERIODIC_JOBS_CHECK_MS = 15_000;

/**
 * The periodic jobs a service runs (the recovery sweep, the send-window promoter, …). A module
 * registers its job once (in `onModuleInit`); the registry creates its job scheduler at start and
 * puts it back whenever Redis lost it — a FLUSHALL, a restart without persistence, a failover — with
 * no process restart: when a queue's connection becomes ready again and every
 * `PERIODIC_JOBS_CHECK_MS`. Readiness (`schedulers`) fails while one is missing.
 *
 * BullMQ runs a new `every` scheduler's first job at once, so a schedule put back also runs at once.
 */
@Injectable()
export class PeriodicJobs implements ReadinessCheck, OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(PeriodicJobs.name);
  private readonly jobs = new Map<string, PeriodicJob>();
  private readonly watched = new Set<Queue>();
  private timer?: NodeJS.Timeout;
  private started = false;
  private ensuring?: Promise<string[]>;

  constructor(private readonly indicator: HealthIndicatorService) {}

  register(job: PeriodicJob): void {
    const key = this.key(job);
    if (this.jobs.has(key)) throw new Error(`periodic job ${key} is registered twice`);
    this.jobs.set(key, job);
    if (this.started) void this.ensure();
  }

  registered(): PeriodicJob[] {
    return [...this.jobs.values()];
  }

  /** Creates every schedule at start; a Redis that is away now is retried by the timer. */
  async onApplicationBootstrap(): Promise<void> {
    this.started = true;
    await this.ensure();
    this.timer = setInterval(() => void this.ensure(), PERIODIC_JOBS_CHECK_MS).unref();
  }

  onApplicationShutdown(): void {
    clearInterval(this.timer);
  }

  /**
   * Puts back every schedule Redis does not have; returns the ids it had to put back. Never
   * throws: a Redis that is away is tried again on reconnect and by the timer.
   */
  ensure(): Promise<string[]> {
    // One pass at a time: a reconnect and the timer arriving together check once.
    this.ensuring ??= this.ensureAll().finally(() => (this.ensuring = undefined));
    return this.ensuring;
  }

  /** `schedulers`: every registered periodic job has its schedule in Redis. */
  async isHealthy() {
    const check = this.indicator.check('schedulers');
    try {
      const missing = await within(this.missing());
      if (missing.length === 0) return check.up({ running: [...this.jobs.values()].map((job) => job.id) });
      // Reported as missing now; the repair does not wait for the next timer tick.
      void this.ensure();
      return check.down({ missing });
    } catch (error) {
      return check.down({ message: scrubText((error as Error).message) });
    }
  }

  private async ensureAll(): Promise<string[]> {
    const restored: string[] = [];
    for (const job of this.jobs.values()) {
      await this.watch(job.queue);
      try {
        if (await within(job.queue.getJobScheduler(job.id))) continue;
        await within(
          job.queue.upsertJobScheduler(job.id, { every: job.everyMs }, { name: job.name, data: job.data ?? {}, opts: job.opts ?? {} }),
        );
        restored.push(job.id);
      } catch (error) {
        this.logger.warn({ msg: 'periodic job schedule could not be checked', job: job.id, reason: scrubText((error as Error).message) });
      }
    }
    // At start every schedule is "restored"; afterwards a restore means Redis lost it.
    if (restored.length > 0) this.logger.log({ msg: 'periodic job schedules created', jobs: restored });
    return restored;
  }

  private async missing(): Promise<string[]> {
    const jobs = [...this.jobs.values()];
    for (const job of jobs) {
      // While a connection is down its commands would wait in the offline queue: say so at once.
      const client = (await job.queue.getBackend().client) as unknown as { status: string };
      if (client.status !== 'ready') throw new Error(`queue ${job.queue.name}: redis connection ${client.status}`);
    }
    const found = await Promise.all(jobs.map((job) => job.queue.getJobScheduler(job.id)));
    return jobs.filter((_, i) => !found[i]).map((job) => job.id);
  }

  /** A connection that comes back may come back to a Redis that lost everything: check then. */
  private async watch(queue: Queue): Promise<void> {
    if (this.watched.has(queue)) return;
    this.watched.add(queue);
    try {
      const client = (await within(queue.getBackend().client)) as unknown as { on(event: 'ready', listener: () => void): void };
      client.on('ready', () => void this.ensure());
    } catch (error) {
      this.watched.delete(queue);
      this.logger.warn({
        msg: 'queue connection not ready for periodic jobs',
        queue: queue.name,
        reason: scrubText((error as Error).message),
      });
    }
  }

  private key(job: PeriodicJob): string {
    return `${job.queue.name}/${job.id}`;
  }
}
