import { Injectable } from '@nestjs/common';
import { HealthIndicatorService } from '@nestjs/terminus';
import type { ReadinessCheck } from '@app/shared';
import { FollowupProcessor } from '../delivery/followup.processor.js';

/** `workers`: the follow-up worker is running (not closed, not crashed). */
@Injectable()
export class WorkersHealthIndicator implements ReadinessCheck {
  constructor(
    private readonly indicator: HealthIndicatorService,
    private readonly followups: FollowupProcessor,
  ) {}

  async isHealthy() {
    const check = this.indicator.check('workers');
    const worker = this.followups.worker;
    if (worker.isRunning() && !worker.closing) return check.up({ followups: 'running' });
    return check.down({ followups: worker.closing ? 'closing' : 'stopped' });
  }
}
