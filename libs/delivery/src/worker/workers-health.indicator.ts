import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { ReadinessCheck } from '@app/shared';
import { FollowupProcessor } from './followup.processor.js';
import { PartitionWorkers } from './partition-workers.js';

/** `workers`: the follow-up worker, and each partition's, is running (not closed, not crashed). */
@Injectable()
export class WorkersHealthIndicator implements ReadinessCheck {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly followups: FollowupProcessor,
    private readonly partitions: PartitionWorkers,
  ) {}

  async isHealthy() {
    const check = this.indicator.check('workers');
    const worker = this.followups.worker;
    const partitions = this.partitions.workers;
    const stopped = [worker, ...partitions].find((w) => !w.isRunning() || w.closing !== undefined);
    const extra = partitions.length > 0 ? { partitions: partitions.length } : {};
    if (!stopped) return check.up({ followups: 'running', ...extra });
    return check.down({ followups: stopped.closing ? 'closing' : 'stopped', ...extra });
  }
}
