import { Injectable, NotFoundException } from '@nestjs/common';
import type { Patient } from '@app/shared';
import type { CreatePatientDto, UpdatePatientDto } from './patient.dto.js';
import { PatientsRepository } from './patients.repository.js';

export function toPatientView(patient: Patient) {
  const { clinicId: _clinic, consentEmail, consentSms, ...rest } = patient;
  return { ...rest, consent: { email: consentEmail, sms: consentSms } };
}
export type PatientView = ReturnType<typeof toPatientView>;

@Injectable()
export class PatientsService {
  constructor(private readonly patients: PatientsRepository) {}

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

  /** Any id outside the caller's clinic is simply not found. */
  async get(clinicId: string, id: string): Promise<Patient> {
    const patient = await this.patients.find(clinicId, id);
    if (!patient) throw new NotFoundException(`patient ${id} not found`);
    return patient;
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
}
