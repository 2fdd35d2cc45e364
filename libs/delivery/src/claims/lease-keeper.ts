import { Inject, Injectable, Logger, type OnModuleDestroy } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, scrubText } from '@app/shared';
import { FollowupClaimsRepository } from './followup-claims.repository.js';

/**
 * Renews the leases of the claims this notifier is sending, every third of CLAIM_LEASE_MS, in one
 * statement for all of them: however slow the provider, a live holder's claim never lapses, and
 * a dead one's lapses within one lease (docs/decisions/0002-claims-and-versions.md).
 *
 * It also knows, for each claim, when its lease was last confirmed (the claim, or a renewal that
 * kept it), as this process's clock read before the confirming statement was sent: the database
 * set the lease's end at least CLAIM_LEASE_MS after that. (A notifier taking a claim over compares
 * that end with its own clock: the notifiers' and the database's clocks are assumed in step, as
 * NTP keeps them.)
 */
@Injectable()
export class LeaseKeeper implements OnModuleDestroy {
  private readonly logger = new Logger(LeaseKeeper.name);
  /** Token → when its lease was last confirmed (ms since the epoch, this process's clock). */
  private readonly held = new Map<string, number>();
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly claims: FollowupClaimsRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Keeps a claim's lease alive from now on; `confirmedAt` is when the claim was asked for. */
  hold(token: string | null, confirmedAt: number): void {
    if (!token) return;
    this.held.set(token, confirmedAt);
    this.timer ??= setInterval(() => void this.renew(), Math.max(100, Math.floor(this.config.delivery.claimLeaseMs / 3)));
  }

  release(token: string | null): void {
    if (token) this.held.delete(token);
    if (this.held.size === 0) this.stop();
  }

  /**
   * Whether the claim's lease was confirmed within the last half lease, so it holds for at least
   * half a lease more: under the default 30 s lease, 15 s, longer than a text's call to Twilio may
   * take (its 10 s timeout). A CLAIM_LEASE_MS under twice that loses the margin; an email's SMTP
   * session may take longer, where a second copy is the accepted cost (README, Delivery guarantees).
   * The renewals keep a lease fresh; only renewals that failed (the database away) make a send
   * confirm its lease itself before calling the provider.
   */
  isFresh(token: string | null, now = Date.now()): boolean {
    const confirmedAt = token ? this.held.get(token) : undefined;
    return confirmedAt !== undefined && now - confirmedAt < this.config.delivery.claimLeaseMs / 2;
  }

  /** Renews one claim's lease now; false when it is no longer this holder's (taken over, settled). */
  async confirm(token: string | null): Promise<boolean> {
    if (!token) return false;
    const askedAt = Date.now();
    const kept = (await this.claims.renew([token])).has(token);
    if (kept && this.held.has(token)) this.held.set(token, askedAt);
    return kept;
  }

  onModuleDestroy(): void {
    this.stop();
  }

  private async renew(): Promise<void> {
    const tokens = [...this.held.keys()];
    const askedAt = Date.now();
    try {
      const kept = await this.claims.renew(tokens);
      for (const token of kept) if (this.held.has(token)) this.held.set(token, askedAt);
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
