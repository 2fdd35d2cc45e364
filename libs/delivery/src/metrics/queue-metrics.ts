import { Inject, Injectable } from '@nestjs/common';
import { DATABASE, type Database, FOLLOWUP_STATUSES, FollowupQueues, followups, METRICS_REGISTRY } from '@app/shared';
import { count } from 'drizzle-orm';
import { Gauge, type Registry } from 'prom-client';

const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

/**
 * Gauges read at scrape time: BullMQ job counts by queue and state, and follow-ups by status
 * from the database (the truth). Every notifier replica reports the same values: aggregate with max.
 * The follow-ups queue counts its partitions together (and the base queue, when partitioned).
 */
@Injectable()
export class QueueMetrics {
  constructor(@Inject(METRICS_REGISTRY) registry: Registry, queues: FollowupQueues, @Inject(DATABASE) db: Database) {
    new Gauge({
      name: 'carecadence_queue_jobs',
      help: 'BullMQ jobs by queue and state',
      labelNames: ['queue', 'state'],
      registers: [registry],
      async collect() {
        const all = [...new Set([queues.base, ...queues.partitions])];
        const counts = await Promise.all(all.map((queue) => queue.getJobCounts(...JOB_STATES)));
        for (const state of JOB_STATES) {
          this.set(
            { queue: queues.base.name, state },
            counts.reduce((sum, count) => sum + (count[state] ?? 0), 0),
          );
        }
      },
    });
    new Gauge({
      name: 'carecadence_followups',
      help: 'Follow-ups by status (database)',
      labelNames: ['status'],
      registers: [registry],
      async collect() {
        const rows = await db.select({ status: followups.status, total: count() }).from(followups).groupBy(followups.status);
        const totals = new Map(rows.map((row) => [row.status as string, Number(row.total)]));
        for (const status of new Set<string>([...FOLLOWUP_STATUSES, ...totals.keys()])) this.set({ status }, totals.get(status) ?? 0);
      },
    });
  }
}
