import { Injectable, NotFoundException } from '@nestjs/common';
import type { Patient } from '@app/shared';
import { randomUUID } from 'node:crypto';
import { type Actor, AuditService } from '@app/clinics';
import type { BatchItemResultDto } from '../batch/batch.dto.js';
import { checkItems } from '../batch/batch-items.js';
import { PatientRecordsService } from '../patient-records/patient-records.service.js';
import { CreatePatientDto, type UpdatePatientDto } from './patient.dto.js';
import { type PatientName, PatientsRepository } from './patients.repository.js';

export function toPatientView(patient: Patient) {
  const { clinicId: _clinic, consentEmail, consentSms, ...rest } = patient;
  return { ...rest, consent: { email: consentEmail, sms: consentSms } };
}
export type PatientView = ReturnType<typeof toPatientView>;

@Injectable()
export class PatientsService {
  constructor(
    private readonly patients: PatientsRepository,
    private readonly records: PatientRecordsService,
    private readonly audit: AuditService,
  ) {}

  async create(clinicId: string, dto: CreatePatientDto): Promise<{ patient: PatientView; created: boolean }> {
    const { consent, ...fields } = dto;
    const { patient, created } = await this.patients.createOnce({
      ...fields,
      clinicId,
      consentEmail: consent.email,
      consentSms: consent.sms,
    });
    return { patient: toPatientView(patient), created };
  }

  /**
   * A booking system's batch: each item checked on its own, the good ones inserted together (one
   * statement, plus one for their consent record and one for the audit log), a known externalId
   * answered with the patient it names.
   */
  async createMany(clinicId: string, actor: Actor, items: unknown[]): Promise<BatchItemResultDto[]> {
    const { results, valid } = await checkItems(CreatePatientDto, items);
    const rows = valid.map(({ item }) => {
      const { consent, ...fields } = item;
      return { ...fields, id: randomUUID(), clinicId, consentEmail: consent.email, consentSms: consent.sms };
    });
    const { inserted, existing } = await this.patients.createMany(clinicId, rows);
    const made = new Set(inserted.map((row) => row.id));
    for (const [n, { index }] of valid.entries()) {
      const row = rows[n];
      results[index] = made.has(row.id)
        ? { index, status: 201, id: row.id }
        : { index, status: 200, id: existing.get(row.externalId!)!.id };
    }
    await this.audit.recordMany(
      clinicId,
      actor,
      inserted.map((patient) => ({
        action: 'patient.create',
        subjectType: 'patient',
        subjectId: patient.id,
        before: null,
        after: toPatientView(patient),
      })),
    );
    return results;
  }

  /** The clinic's patients among `ids`, by id. */
  byIds(clinicId: string, ids: string[]): Promise<Map<string, Patient>> {
    return this.patients.byIds(clinicId, ids);
  }

  /** Any id outside the caller's clinic is simply not found. */
  get(clinicId: string, id: string): Promise<Patient> {
    return this.records.get(clinicId, id);
  }

  async update(clinicId: string, id: string, dto: UpdatePatientDto): Promise<PatientView> {
    const { consent, ...fields } = dto;
    const patient = await this.patients.update(clinicId, id, {
      ...fields,
      ...(consent?.email !== undefined && { consentEmail: consent.email }),
      ...(consent?.sms !== undefined && { consentSms: consent.sms }),
    });
    if (!patient) throw new NotFoundException(`patient ${id} not found`);
    return toPatientView(patient);
  }

  search(clinicId: string, search: string | undefined, limit: number, afterId?: string): Promise<Patient[]> {
    return this.patients.search(clinicId, search, limit, afterId);
  }

  /** Adds `patient: {id, firstName, lastName}` to each item that names a patient of the clinic. */
  async withNames<T extends { patientId: string | null }>(clinicId: string, items: T[]): Promise<(T & { patient: PatientName | null })[]> {
    const names = await this.patients.names(
      clinicId,
      items.flatMap((item) => (item.patientId ? [item.patientId] : [])),
    );
    return items.map((item) => ({ ...item, patient: (item.patientId && names.get(item.patientId)) || null }));
  }
}
