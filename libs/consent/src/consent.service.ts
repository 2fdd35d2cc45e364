import { Inject, Injectable, Logger } from '@nestjs/common';
import { PatientRecordsService } from '@app/care-timeline';
import { APP_CONFIG, type AppConfig, type ConsentSource, type Language, type Patient, patientLanguage } from '@app/shared';
import { ConsentRepository } from './consent.repository.js';

/** The sender identity the notifier texts from: the Messaging Service when set, else the number. */
export function smsSender(config: AppConfig): string {
  return config.twilio?.messagingServiceSid ?? config.twilio?.from ?? 'outbox';
}

/**
 * Consent changes that come from the patient or the provider. A phone number's opt-out applies to
 * every patient record with that number, whichever clinic it belongs to: carriers opt a number out
 * of a sender, and every clinic here texts from the same sender.
 */
@Injectable()
export class ConsentService {
  private readonly logger = new Logger(ConsentService.name);

  constructor(
    private readonly consent: ConsentRepository,
    private readonly patients: PatientRecordsService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Whether the number texted STOP to our sender (or the provider said it opted out), and no START since. */
  isSmsSuppressed(phone: string): Promise<boolean> {
    return this.consent.isSuppressed(phone, smsSender(this.config));
  }

  /** Consent for the channel as it stands now (a STOP or an unsubscribe may have just landed). */
  consentsNow(patientId: string, channel: 'email' | 'sms'): Promise<boolean> {
    return this.consent.consentsNow(patientId, channel, smsSender(this.config));
  }

  /** STOP (or the provider's 21610): suppress the number and withdraw SMS consent. */
  async optOutPhone(phone: string, sender: string, source: ConsentSource): Promise<Patient[]> {
    await this.consent.suppress(phone, sender, source);
    const affected = await this.consent.patientsWithPhone(phone);
    for (const patient of affected) await this.setConsent(patient, 'sms', false, source);
    this.logger.log(`sms opt-out (${source}) for ${affected.length} patient record(s): ${affected.map((p) => p.id).join(', ') || 'none'}`);
    return affected;
  }

  /**
   * START: lift the suppression and give back SMS consent to the records that lost it through the
   * phone (STOP or 21610), not to those whose clinic recorded "no texts" through the API.
   */
  async optInPhone(phone: string, sender: string): Promise<Patient[]> {
    await this.consent.lift(phone, sender);
    const candidates = await this.consent.patientsWithPhone(phone);
    const restorable = await this.consent.withdrawnByPhone(candidates.map((p) => p.id));
    const restored = candidates.filter((p) => restorable.has(p.id));
    for (const patient of restored) await this.setConsent(patient, 'sms', true, 'sms-start');
    this.logger.log(`sms opt-in for ${restored.length} patient record(s)`);
    return restored;
  }

  /** The provider refused to text a number that opted out with it (21610). */
  async providerReportsUnsubscribed(phone: string): Promise<void> {
    await this.optOutPhone(phone, smsSender(this.config), 'provider-21610');
  }

  /** The patient's language (their locale, else their clinic's default); undefined for an unknown patient. */
  async languageOf(patientId: string): Promise<Language | undefined> {
    const locales = await this.consent.locales(patientId);
    return locales && patientLanguage(locales);
  }

  /** An unsubscribe link or one-click POST: no more email to this patient record. */
  async unsubscribeEmail(patientId: string): Promise<Patient | undefined> {
    const patient = await this.consent.patient(patientId);
    if (!patient) return undefined;
    if (await this.setConsent(patient, 'email', false, 'unsubscribe-link')) this.logger.log(`email unsubscribe for patient ${patient.id}`);
    return patient;
  }

  /**
   * Asks the care timeline (which owns patients and follow-ups) to change the flag, and records how
   * in the same transaction. Nothing is recorded when the flag already had that value.
   */
  private setConsent(patient: Patient, channel: 'email' | 'sms', granted: boolean, source: ConsentSource): Promise<boolean> {
    return this.consent.transaction(async (tx) => {
      const changed = await this.patients.setConsent(tx, patient.id, channel, granted);
      if (changed) await this.consent.record(tx, [{ clinicId: patient.clinicId, patientId: patient.id, channel, granted, source }]);
      return changed;
    });
  }
}
