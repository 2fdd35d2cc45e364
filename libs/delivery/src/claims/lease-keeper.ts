import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, scrubText } from '@app/shared';
import { FollowupClaimsRepository } from './followup-claims.repository.js';

/**
 * Renews the leases of the claims this notifier is sending, every third of CLAIM_LEASE_MS, in one
 * statement for all of them: however slow the provider, a live holder's claim never lapses, and
 * a dead one's lapses within one lease (docs/decisions/0002-claims-and-versions.md).
 */
@Injectable()
export class LeaseKeeper implements OnModuleDestroy {
  private readonly logger = new Logger(LeaseKeeper.name);
  private readonly held = new Set<string>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly claims: FollowupClaimsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  hold(token: string | null): void {
    if (!token) return;
    this.held.add(token);
    this.timer ??= setInterval(() => void this.renew(), Math.max(100, Math.floor(this.config.delivery.claimLeaseMs / 3)));
  }

  release(token: string | null): void {
    if (token) this.held.delete(token);
    if (this.held.size === 0) this.stop();
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private async renew(): Promise<void> {
    const tokens = [...this.held];
    try {
      const kept = await this.claims.renew(tokens);
      const lost = tokens.filter((token) => !kept.has(token) && this.held.has(token));
      // Settled between the read and now, or taken over after a lapse (the database was away for a lease).
      if (lost.length > 0) this.logger.warn({ msg: 'claim leases no longer held', count: lost.length });
    } catch (error) {
      this.logger.warn({ msg: 'claim leases not renewed', reason: scrubText((error as Error).message) });
    }
  }

  private stop(): void {
    clearInterval(this.timer);
    this.timer = undefined;
  }
}
