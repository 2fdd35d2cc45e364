import { OnWorkerEvent, Processor, WorkerHost } from '@nestjs/bullmq';
import { Logger, type OnModuleInit } from '@nestjs/common';
import { JobName, QueueName, SendFollowupJob } from '@app/shared';
import { type Job, UnrecoverableError } from 'bullmq';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { SendFollowupService } from './send-followup.service.js';

type Handler = (job: Job) => Promise<unknown>;

/** Runs follow-up jobs. Job names map to handlers; a job it cannot read fails with a reason. */
@Processor(QueueName.Followups, { concurrency: 4 })
export class FollowupProcessor extends WorkerHost implements OnModuleInit {
  private readonly logger = new Logger(FollowupProcessor.name);
  private readonly handlers: Record<JobName, Handler>;

  constructor(private readonly sendFollowup: SendFollowupService) {
    super();
    this.handlers = {
      [JobName.SendFollowup]: async (job) => {
        const payload = await parsePayload(SendFollowupJob, job.data);
        const finalAttempt = job.attemptsMade + 1 >= (job.opts.attempts ?? 1);
        return this.sendFollowup.execute(payload, { finalAttempt });
      },
    };
  }

  /** Start-up fails if a job name has no handler. */
  onModuleInit(): void {
    const missing = Object.values(JobName).filter((name) => !this.handlers[name]);
    if (missing.length > 0) throw new Error(`no handler for job(s): ${missing.join(', ')}`);
  }

  async process(job: Job): Promise<unknown> {
    const handler = this.handlers[job.name as JobName];
    if (!handler) throw new UnrecoverableError(`unknown job name ${JSON.stringify(job.name)}`);
    return handler(job);
  }

  @OnWorkerEvent('failed')
  onFailed(job: Job | undefined, error: Error): void {
    this.logger.warn(`job ${job?.id ?? '?'} (${job?.name ?? '?'}) failed: ${error.message}`);
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
