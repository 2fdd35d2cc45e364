import { Injectable } from '@nestjs/common';
import type { AuditEvent, Database } from '@app/shared';
import { type Actor, actorRef } from '../auth/actor.js';
import { AuditRepository } from './audit.repository.js';
import { withoutSecrets } from './without-secrets.js';

export interface AuditedChange {
  /** What happened, `<subject>.<verb>`: `cadence.replace`, `patient.update`, `staff.create`, … */
  action: string;
  subjectType: string;
  subjectId: string;
  /** The record before the change (null when it was created) and after (null when it was removed). */
  before: unknown;
  after: unknown;
}

/** The audit log: every change a person or an integration made to a clinic's records. */
@Injectable()
export class AuditService {
  constructor(private readonly audit: AuditRepository) {}

  /** Records a change; `tx` keeps the record in the same transaction as the change when given. */
  async record(clinicId: string, actor: Actor, change: AuditedChange, tx?: Pick<Database, 'insert'>): Promise<void> {
    await this.audit.insert(
      {
        clinicId,
        ...actorRef(actor),
        action: change.action,
        subjectType: change.subjectType,
        subjectId: change.subjectId,
        before: withoutSecrets(change.before),
        after: withoutSecrets(change.after),
      },
      tx,
    );
  }

  /** Records many changes in one statement (a batch from a booking system). */
  async recordMany(clinicId: string, actor: Actor, changes: AuditedChange[]): Promise<void> {
    if (changes.length === 0) return;
    await this.audit.insert(
      changes.map((change) => ({
        clinicId,
        ...actorRef(actor),
        action: change.action,
        subjectType: change.subjectType,
        subjectId: change.subjectId,
        before: withoutSecrets(change.before),
        after: withoutSecrets(change.after),
      })),
    );
  }

  list(clinicId: string, limit: number, beforeId?: string): Promise<AuditEvent[]> {
    return this.audit.list(clinicId, limit, beforeId);
  }
}

export function toAuditView({ clinicId: _clinic, ...event }: AuditEvent) {
  return event;
}
