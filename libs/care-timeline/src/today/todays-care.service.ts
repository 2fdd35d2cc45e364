import { Injectable } from '@nestjs/common';
import { toAlertView } from '../patients/clinic-alerts.controller.js';
import { AlertsRepository } from '../patients/patient-alerts.repository.js';
import { PatientsService } from '../patients/patients.service.js';
import { FollowupsService, toFollowupView } from '../followups/followups.service.js';

const DAY_MS = 24 * 60 * 60 * 1000;
const LISTED = 50;
const LISTED_SHORT = 10;

/**
 * The care timeline's part of the front desk's day: follow-ups due in the next 24 hours, those
 * that failed for good and need a person, and open flare-up alerts; counts and the first items,
 * each with the patient's name.
 */
@Injectable()
export class TodaysCareService {
  constructor(
    private readonly followups: FollowupsService,
    private readonly alerts: AlertsRepository,
    private readonly patients: PatientsService,
  ) {}

  async summary(clinicId: string, now = new Date()) {
    const [due, attention, alerts, openAlerts] = await Promise.all([
      this.followups.due(clinicId, now, new Date(now.getTime() + DAY_MS), LISTED),
      this.followups.needingAttention(clinicId, LISTED),
      this.alerts.listForClinic(clinicId, 'open', LISTED_SHORT),
      this.alerts.countOpen(clinicId),
    ]);
    return {
      counts: { dueSoon: due.total, needsAttention: attention.total, openAlerts },
      dueSoon: await this.patients.withNames(clinicId, due.rows.map(toFollowupView)),
      needsAttention: await this.patients.withNames(clinicId, attention.rows.map(toFollowupView)),
      openAlerts: await this.patients.withNames(clinicId, alerts.map(toAlertView)),
    };
  }
}
