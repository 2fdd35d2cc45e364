import { Inject, Injectable } from '@nestjs/common';
import {
  ACCEPTED_DELIVERY_STATUSES,
  APP_CONFIG,
  type AppConfig,
  type Appointment,
  appointments,
  type Clinic,
  clinics,
  DATABASE,
  type Database,
  deliveries,
  type Followup,
  type FollowupJobSource,
  followups,
  type FollowupStatus,
  type FollowupWithStep,
  type Language,
  type Patient,
  patients,
  plannedStep,
  preparedStatement,
  smsOptOutNotices,
} from '@app/shared';
import { smsSender } from '@app/consent';
import { and, asc, eq, getTableColumns, gt, gte, inArray, lte, sql } from 'drizzle-orm';
import { WEEK_MS } from '../checks/frequency-cap.js';
import type { SendFacts } from '../checks/send-checks.js';
import { ANSWER_LOST_REASONS } from '../records/answer-lost.js';
import { Coalescer } from './coalescer.js';

/** Everything a send needs, fresh: consent, appointment state and caps may have changed since planning. */
export interface SendContext {
  clinic: Clinic;
  patient: Patient;
  appointment?: Appointment;
  facts: SendFacts;
}

export interface ClaimedFollowup {
  /** With the step it was planned from, read from its cadence version by the claiming statement. */
  followup: FollowupWithStep;
  /** Undefined when the patient record is gone. */
  context?: SendContext;
}

/** A try at the provider, recorded with the follow-up's outcome. */
export interface DeliveryAttempt {
  id: string;
  channel: 'email' | 'sms';
  to: string;
  attempt: number;
  status: 'sent' | 'failed';
  providerMessageId?: string | null;
  segments?: number | null;
  error?: string | null;
  fallbackFrom?: 'email' | 'sms' | null;
  /** When the send began: the record's `createdAt` (its `updatedAt` is when the provider answered). */
  startedAt: Date;
  /** The text carried the opt-out hint: the number's notice time moves on. */
  hinted?: boolean;
}

/**
 * One statement's worth of what became of a claimed follow-up: its new status (none while a
 * fallback is still to be tried) and the try at the provider, if any.
 */
export interface FollowupRecord {
  /** The claimed row: its lease token must still hold the claim for the outcome to be written. */
  followup: Pick<Followup, 'id' | 'clinicId' | 'patientId' | 'leaseToken'>;
  status?: Exclude<FollowupStatus, 'sending'>;
  reason?: string | null;
  language?: Language | null;
  delivery?: DeliveryAttempt;
}

type ClaimRequest = { id: string; version: number; now: Date };

/** The patient already has a follow-up `sending` (unique violation), or two batches crossed (deadlock). */
function collides(error: unknown): boolean {
  for (let cause = error as { code?: string; cause?: unknown } | undefined; cause; cause = cause.cause as typeof cause) {
    if (cause.code === '23505' || cause.code === '40P01') return true;
  }
  return false;
}

/** A claimed follow-up as its holder knows it. */
export type Lease = Pick<Followup, 'id' | 'leaseToken'>;

/** The most rows one claiming or recording statement carries. */
const MAX_BATCH = 64;

/**
 * The notifier's side of the follow-up row: claim it, then settle it. Claims and records made by
 * concurrent jobs are coalesced: one statement per batch, not per job.
 */
@Injectable()
export class FollowupClaimsRepository {
  private readonly claimStatement;
  private readonly recordStatement;
  private readonly claims: Coalescer<ClaimRequest, ClaimedFollowup | undefined>;
  private readonly records: Coalescer<FollowupRecord, boolean>;
  private readonly sender: string;
  /** `now() + lease` in SQL: when a claim taken or renewed now lapses. */
  private readonly leaseEnd;
  private readonly leaseMs: number;

  constructor(
    @Inject(DATABASE) private readonly db: Database,
    @Inject(APP_CONFIG) config: AppConfig,
  ) {
    this.sender = smsSender(config);
    this.leaseMs = config.delivery.claimLeaseMs;
    this.leaseEnd = sql`now() + ${sql.raw(`interval '${this.leaseMs} milliseconds'`)}`;
    const caps = config.delivery.caps;
    const capsOn = [caps.email, caps.sms].some((cap) => cap.day > 0 || cap.week > 0);
    this.claimStatement = this.prepareClaim(capsOn);
    this.recordStatement = this.prepareRecord();
    // One statement of each in flight at a time: the next batch collects while it runs.
    this.claims = new Coalescer((requests) => this.claimBatch(requests), MAX_BATCH);
    this.records = new Coalescer((records) => this.recordBatch(records), MAX_BATCH);
  }

  /**
   * One conditional update: only a `scheduled` row at this version becomes `sending`, and the same
   * statement returns the patient, clinic, appointment and the facts the checks need. A stale,
   * cancelled, already-sent or concurrently claimed follow-up yields undefined and sends nothing.
   * The claim is a lease: the row gets a new holder token (`leaseToken`, needed to settle it) and
   * lapses after CLAIM_LEASE_MS unless renewed (`renew`, while the send is in progress).
   */
  claim(id: string, version: number, now = new Date()): Promise<ClaimedFollowup | undefined> {
    return this.claims.load({ id, version, now });
  }

  /**
   * Writes what became of a claimed follow-up in one statement: the delivery record (with the
   * provider's id), the follow-up's status and, for a text that carried it, the opt-out notice time.
   * Resolves false when the follow-up was no longer `sending` (the sweep took it back meanwhile).
   */
  record(record: FollowupRecord): Promise<boolean> {
    return this.records.load(record);
  }

  /**
   * One patient has at most one follow-up `sending` (a partial unique index), so two sends to one
   * patient never pass a frequency cap together: the second claim waits until the first is recorded
   * and then counts it. A batch that would claim a second one for a patient (or deadlocks on the
   * index with another notifier's batch) is claimed one by one, and the claim that collides yields
   * undefined while the follow-up stays `scheduled`: its job tries again shortly (see the processor).
   */
  private async claimBatch(requests: ClaimRequest[]): Promise<(ClaimedFollowup | undefined)[]> {
    try {
      return await this.claimRows(requests);
    } catch (error) {
      if (!collides(error)) throw error;
      return Promise.all(
        requests.map((request) =>
          this.claimRows([request]).then(
            ([claimed]) => claimed,
            (single: unknown) => {
              if (collides(single)) return undefined;
              throw single;
            },
          ),
        ),
      );
    }
  }

  private async claimRows(requests: ClaimRequest[]): Promise<(ClaimedFollowup | undefined)[]> {
    // One clock per batch: the latest of the jobs' (they were made moments apart).
    const now = new Date(Math.max(...requests.map((r) => r.now.getTime())));
    const rows = await this.claimStatement.execute({
      ids: requests.map((r) => r.id),
      versions: requests.map((r) => r.version),
      sender: this.sender,
      now: now.toISOString(),
      weekAgo: new Date(now.getTime() - WEEK_MS).toISOString(),
    });
    const byId = new Map(rows.map((row) => [row.followup.id, row]));
    for (const row of rows) {
      if (row.waitedForPatient) row.sentTimes = await this.sentTimesSince(row.followup, new Date(now.getTime() - WEEK_MS));
    }
    return requests.map((request) => {
      const row = byId.get(request.id);
      if (!row || row.followup.version !== request.version) return undefined;
      const { clinic, patient, appointment } = row;
      const followup = { ...row.followup, step: row.step };
      if (!patient || !clinic) return { followup };
      const sent = row.sentTimes ?? [];
      const times = (channel: string) => sent.filter(([c]) => c === channel).map(([, at]) => new Date(at));
      return {
        followup,
        context: {
          clinic,
          patient,
          appointment: appointment ?? undefined,
          facts: {
            smsSuppressed: row.smsSuppressed,
            optOutHintSentAt: row.optOutHintSentAt,
            sentTimes: { email: times('email'), sms: times('sms') },
            bookedAhead: row.bookedAhead,
            smsAnswerLostSince: row.smsAnswerLostSince,
          },
        },
      };
    });
  }

  /** [channel, epoch ms] of the patient's messages since `since`, read now (a fresh snapshot). */
  private async sentTimesSince(followup: Pick<Followup, 'clinicId' | 'patientId'>, since: Date): Promise<[string, number][]> {
    const rows = await this.db
      .select({ channel: deliveries.channel, createdAt: deliveries.createdAt })
      .from(deliveries)
      .where(
        and(
          eq(deliveries.clinicId, followup.clinicId),
          eq(deliveries.patientId, followup.patientId),
          inArray(deliveries.status, ['sending', ...ACCEPTED_DELIVERY_STATUSES]),
          gte(deliveries.createdAt, since),
        ),
      );
    return rows.map((row) => [row.channel, row.createdAt.getTime()]);
  }

  private prepareClaim(capsOn: boolean) {
    const placeholder = sql.placeholder;
    const claimed = this.db.$with('claimed').as(
      this.db
        .update(followups)
        .set({
          status: 'sending',
          attempts: sql`${followups.attempts} + 1`,
          updatedAt: sql`now()`,
          leaseToken: sql`gen_random_uuid()`,
          leaseExpiresAt: this.leaseEnd,
        })
        .where(
          and(
            sql`(${followups.id}, ${followups.version}) in (select * from unnest(${placeholder('ids')}::uuid[], ${placeholder('versions')}::int[]))`,
            eq(followups.status, 'scheduled'),
          ),
        )
        // Its step, read from its cadence version once per row, for the send and for `bookedAhead`.
        .returning({ ...getTableColumns(followups), step: plannedStep(followups).as('step') }),
    );
    const followup = Object.fromEntries(Object.keys(getTableColumns(followups)).map((key) => [key, claimed[key as keyof Followup]])) as {
      [K in keyof Followup]: (typeof claimed)[K];
    };
    const accepted = sql.join(
      ['sending', ...ACCEPTED_DELIVERY_STATUSES].map((status) => sql`${status}`),
      sql`, `,
    );
    const answerLostReasons = sql.join(
      ANSWER_LOST_REASONS.map((reason) => sql`${reason}`),
      sql`, `,
    );
    return this.db
      .with(claimed)
      .select({
        followup,
        step: claimed.step,
        patient: patients,
        clinic: clinics,
        appointment: appointments,
        smsSuppressed: sql<boolean>`exists (select 1 from sms_suppressions s where s.phone = ${patients.phone} and s.sender = ${placeholder('sender')})`,
        optOutHintSentAt:
          sql<Date | null>`(select n.last_sent_at from sms_opt_out_notices n where n.phone = ${patients.phone} and n.sender = ${placeholder('sender')})`.mapWith(
            smsOptOutNotices.lastSentAt,
          ),
        // Read only when a cap is set: [channel, epoch ms] of each message of the past week.
        sentTimes: capsOn
          ? sql<
              [string, number][] | null
            >`(select json_agg(json_build_array(d.channel, extract(epoch from d.created_at) * 1000)) from deliveries d
              where d.clinic_id = ${claimed.clinicId} and d.patient_id = ${claimed.patientId} and d.status in (${accepted})
              and d.created_at >= ${placeholder('weekAgo')}::timestamptz)`
          : sql<null>`null`,
        // Another follow-up of this patient was in flight or due when this statement's snapshot was
        // taken: it may have been claimed and recorded since (the one-in-flight index makes this
        // claim wait for it, or it finished before this claim reached the index), so `sentTimes`
        // may miss it and is read again (capsOn only; one patient rarely has two due at once).
        waitedForPatient: capsOn
          ? sql<boolean>`exists (select 1 from followups o where o.patient_id = ${claimed.patientId} and o.id <> ${claimed.id}
              and (o.status = 'sending' or (o.status = 'scheduled' and o.send_at <= ${placeholder('now')}::timestamptz + interval '1 minute')))`
          : sql<boolean>`false`,
        smsAnswerLostSince: sql<Date | null>`(select min(d.created_at) from deliveries d where d.followup_id = ${claimed.id}
            and d.channel = 'sms' and d.status = 'failed' and d.error in (${answerLostReasons}))`.mapWith(deliveries.createdAt),
        bookedAhead: sql<boolean>`case when ${claimed.step}->>'condition' = 'no-future-booking' then exists (select 1 from appointments b
            where b.patient_id = ${claimed.patientId} and b.status = 'booked' and b.starts_at > ${placeholder('now')}::timestamptz) else false end`,
      })
      .from(claimed)
      .leftJoin(patients, eq(patients.id, claimed.patientId))
      .leftJoin(clinics, eq(clinics.id, patients.clinicId))
      .leftJoin(appointments, eq(appointments.id, claimed.appointmentId))
      .prepare('claim_followups');
  }

  private async recordBatch(records: FollowupRecord[]): Promise<boolean[]> {
    const column = <T>(pick: (record: FollowupRecord) => T) => records.map(pick);
    const rows = await this.recordStatement({
      followupIds: column((r) => r.followup.id),
      clinicIds: column((r) => r.followup.clinicId),
      patientIds: column((r) => r.followup.patientId),
      statuses: column((r) => r.status ?? null),
      reasons: column((r) => r.reason ?? null),
      languages: column((r) => r.language ?? null),
      deliveryIds: column((r) => r.delivery?.id ?? null),
      channels: column((r) => r.delivery?.channel ?? null),
      tos: column((r) => r.delivery?.to ?? null),
      attempts: column((r) => r.delivery?.attempt ?? null),
      deliveryStatuses: column((r) => r.delivery?.status ?? null),
      providerIds: column((r) => r.delivery?.providerMessageId ?? null),
      segments: column((r) => r.delivery?.segments ?? null),
      errors: column((r) => r.delivery?.error ?? null),
      fallbacks: column((r) => r.delivery?.fallbackFrom ?? null),
      startedAts: column((r) => r.delivery?.startedAt.toISOString() ?? null),
      hinted: column((r) => r.delivery?.hinted ?? false),
      leaseTokens: column((r) => r.followup.leaseToken),
      sender: this.sender,
    });
    const settled = new Set(rows.map((row) => row.id));
    return records.map((r) => r.status === undefined || settled.has(r.followup.id));
  }

  private prepareRecord() {
    const p = sql.placeholder;
    return preparedStatement<{ id: string }>(
      this.db,
      'record_followups',
      sql`with outcome as (
        select * from unnest(
          ${p('followupIds')}::uuid[], ${p('clinicIds')}::uuid[], ${p('patientIds')}::uuid[], ${p('statuses')}::text[],
          ${p('reasons')}::text[], ${p('languages')}::text[], ${p('deliveryIds')}::uuid[], ${p('channels')}::text[],
          ${p('tos')}::text[], ${p('attempts')}::int[], ${p('deliveryStatuses')}::text[], ${p('providerIds')}::text[],
          ${p('segments')}::int[], ${p('errors')}::text[], ${p('fallbacks')}::text[], ${p('startedAts')}::timestamptz[],
          ${p('hinted')}::boolean[], ${p('leaseTokens')}::uuid[]
        ) as o(followup_id, clinic_id, patient_id, status, reason, language, delivery_id, channel, "to", attempt,
               delivery_status, provider_message_id, segments, error, fallback_from, started_at, hinted, lease_token)
      ),
      recorded as (
        insert into deliveries (id, clinic_id, patient_id, followup_id, channel, "to", status, attempt, provider_message_id,
                                segments, error, fallback_from, created_at)
        select delivery_id, clinic_id, patient_id, followup_id, channel, "to", delivery_status, attempt, provider_message_id,
               segments, error, fallback_from, started_at
        from outcome where delivery_id is not null
        -- A try already on record (the sweep's interrupted one beside a fallback's) is not written twice.
        on conflict (followup_id, channel, attempt) do nothing
      ),
      noticed as (
        insert into sms_opt_out_notices (phone, sender, last_sent_at)
        (select distinct on ("to") "to", ${p('sender')}, started_at from outcome where hinted order by "to", started_at desc)
        on conflict (phone, sender) do update set last_sent_at = excluded.last_sent_at
      )
      update followups f set
        status = o.status, reason = o.reason, updated_at = now(),
        sent_at = case when o.status = 'sent' then now() else f.sent_at end,
        language = case when o.status = 'sent' then o.language else f.language end
      from outcome o
      -- Only the claim's holder settles it: a lease that lapsed and was taken over is no longer ours.
      where f.id = o.followup_id and o.status is not null and f.status = 'sending' and f.lease_token = o.lease_token
      returning f.id`,
    );
  }

  /** Hands a claimed follow-up back (nothing was sent); only the lease's holder can. */
  async release(claim: Lease): Promise<void> {
    await this.db
      .update(followups)
      .set({ status: 'scheduled', updatedAt: sql`now()` })
      .where(this.heldBy(claim));
  }

  /** Ends a claim its holder still holds; a follow-up that went out records its language. */
  async settle(
    claim: Lease,
    status: Exclude<FollowupStatus, 'scheduled' | 'sending'>,
    reason: string | null = null,
    language: Language | null = null,
  ): Promise<void> {
    await this.db
      .update(followups)
      .set({ status, reason, updatedAt: sql`now()`, ...(status === 'sent' && { sentAt: sql`now()`, language }) })
      .where(this.heldBy(claim));
  }

  /**
   * Gives a claimed follow-up a new send time and version (deferral, or a send abandoned by a
   * crash): the old job no longer matches, and the returned row is enqueued under its new job id.
   */
  async reschedule(claim: Lease, sendAt: Date, reason: string | null): Promise<Followup | undefined> {
    const [row] = await this.db
      .update(followups)
      .set({ status: 'scheduled', sendAt, reason, version: sql`${followups.version} + 1`, updatedAt: sql`now()` })
      .where(this.heldBy(claim))
      .returning();
    return row;
  }

  /**
   * Extends the leases of claims still being sent, in one statement; returns the tokens that still
   * hold their claim (a missing one was taken over after it lapsed, or settled meanwhile).
   */
  async renew(tokens: string[]): Promise<Set<string>> {
    if (tokens.length === 0) return new Set();
    const rows = await this.db
      .update(followups)
      .set({ leaseExpiresAt: this.leaseEnd })
      .where(and(inArray(followups.leaseToken, tokens), eq(followups.status, 'sending')))
      .returning({ token: followups.leaseToken });
    return new Set(rows.map((row) => row.token!));
  }

  /**
   * Takes over a claim whose lease lapsed (its notifier died): a new holder token, a fresh lease,
   * the claim's time (`updatedAt`) kept for recovery. Undefined while a live holder renews it.
   */
  async takeOver(id: string, now = new Date()): Promise<Followup | undefined> {
    const [row] = await this.db
      .update(followups)
      .set({ leaseToken: sql`gen_random_uuid()`, leaseExpiresAt: this.leaseEnd })
      .where(and(eq(followups.id, id), eq(followups.status, 'sending'), this.lapsedBy(now)))
      .returning();
    return row;
  }

  /**
   * Where a follow-up version stands for a job that could not claim it: `sending` under a lease
   * that lapsed or still holds, or still `scheduled` (its patient had another follow-up in flight).
   */
  async leaseOf(
    id: string,
    version: number,
    now = new Date(),
  ): Promise<{ lapsed: true } | { heldUntil: Date } | { patientBusy: true } | undefined> {
    const [row] = await this.db
      .select({ status: followups.status, leaseExpiresAt: followups.leaseExpiresAt, updatedAt: followups.updatedAt })
      .from(followups)
      .where(and(eq(followups.id, id), eq(followups.version, version)));
    if (row?.status === 'scheduled') return { patientBusy: true };
    if (row?.status !== 'sending') return undefined;
    const until = row.leaseExpiresAt ?? new Date(row.updatedAt.getTime() + this.leaseMs);
    return until < now ? { lapsed: true } : { heldUntil: until };
  }

  private heldBy(claim: Lease) {
    return and(eq(followups.id, claim.id), eq(followups.status, 'sending'), eq(followups.leaseToken, claim.leaseToken!));
  }

  /** A claim from before leases existed lapses a lease's length after it was taken. */
  private lapsedBy(now: Date) {
    return sql`coalesce(${followups.leaseExpiresAt}, ${followups.updatedAt} + ${sql.raw(`interval '${this.leaseMs} milliseconds'`)}) < ${now.toISOString()}::timestamptz`;
  }

  /** Moves a scheduled follow-up to a new version so a job that cannot run again is replaced. */
  async bumpScheduled(id: string, version: number): Promise<Followup | undefined> {
    const [row] = await this.db
      .update(followups)
      .set({ version: sql`${followups.version} + 1`, updatedAt: sql`now()` })
      .where(and(eq(followups.id, id), eq(followups.version, version), eq(followups.status, 'scheduled')))
      .returning();
    return row;
  }

  /**
   * Scheduled follow-ups due after `from` (any time, when undefined) and by `until`, in (sendAt, id)
   * order after `after`, read off the due index: what the send window's promoter enqueues, and what
   * the sweep checks has a job. Only what a job needs: the sweep reads every follow-up due within its
   * interval.
   */
  dueBetween(from: Date | undefined, until: Date, limit: number, after?: Pick<Followup, 'sendAt' | 'id'>): Promise<FollowupJobSource[]> {
    const conditions = [eq(followups.status, 'scheduled'), lte(followups.sendAt, until)];
    if (from) conditions.push(gt(followups.sendAt, from));
    if (after)
      conditions.push(sql`(${followups.sendAt}, ${followups.id}) > (${after.sendAt.toISOString()}::timestamptz, ${after.id}::uuid)`);
    return this.db
      .select({ id: followups.id, version: followups.version, sendAt: followups.sendAt })
      .from(followups)
      .where(and(...conditions))
      .orderBy(asc(followups.sendAt), asc(followups.id))
      .limit(limit);
  }

  /** Follow-ups still `sending` whose lease lapsed: their notifier died (a live one renews it). */
  abandoned(now: Date, limit: number): Promise<Followup[]> {
    return this.db
      .select()
      .from(followups)
      .where(and(eq(followups.status, 'sending'), this.lapsedBy(now)))
      .orderBy(asc(followups.updatedAt))
      .limit(limit);
  }

  /** Whether the same step of the same occurrence also goes out on `channel` (a `both` step). */
  async hasSibling(followup: Followup, channel: 'email' | 'sms'): Promise<boolean> {
    const [row] = await this.db
      .select({ id: followups.id })
      .from(followups)
      .where(and(eq(followups.anchorKey, followup.anchorKey), eq(followups.stepKey, followup.stepKey), eq(followups.channel, channel)))
      .limit(1);
    return row !== undefined;
  }

  /** The patient a follow-up is for: where recovery looks for the try a crash cut short. */
  async patientOf(followup: Pick<Followup, 'patientId'>): Promise<Patient | undefined> {
    const [row] = await this.db.select().from(patients).where(eq(patients.id, followup.patientId));
    return row;
  }

  async find(id: string): Promise<Followup | undefined> {
    const [row] = await this.db.select().from(followups).where(eq(followups.id, id));
    return row;
  }
}
