import { Inject, Injectable, NotFoundException } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, BUILT_IN_SERVICE_TYPES, type CadenceStep, type Clinic, isNegativeOffset } from '@app/shared';
import { badRequest, type FieldError } from '../common/validation.js';
import type { PutCadenceDto } from './cadence.dto.js';
import { CadencesRepository } from './cadences.repository.js';
import { defaultCadence } from './default-cadences.js';
import { typicalSmsSegments } from './sms-length.js';

/** A rebooking nudge and at most one follow-up after it: more would be nagging. */
const MAX_NUDGES_PER_SESSION = 2;

export interface CadenceView {
  serviceType: string;
  steps: CadenceStep[];
  /** True while the clinic uses the built-in cadence for this service type. */
  isDefault: boolean;
  updatedAt: Date | null;
}

@Injectable()
export class CadencesService {
  constructor(
    private readonly cadences: CadencesRepository,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Built-in service types plus those the clinic defined, each with its effective cadence. */
  async list(clinicId: string): Promise<CadenceView[]> {
    const stored = new Map((await this.cadences.list(clinicId)).map((row) => [row.serviceType, row]));
    const types = [...new Set([...BUILT_IN_SERVICE_TYPES, ...stored.keys()])].sort();
    return types.map((serviceType) => {
      const row = stored.get(serviceType);
      return row
        ? { serviceType, steps: row.steps, isDefault: false, updatedAt: row.updatedAt }
        : { serviceType, steps: defaultCadence(serviceType)!, isDefault: true, updatedAt: null };
    });
  }

  /** The effective cadence, or undefined for a service type this clinic does not know. */
  async find(clinicId: string, serviceType: string): Promise<CadenceView | undefined> {
    const row = await this.cadences.find(clinicId, serviceType);
    if (row) return { serviceType, steps: row.steps, isDefault: false, updatedAt: row.updatedAt };
    const steps = defaultCadence(serviceType);
    return steps && { serviceType, steps, isDefault: true, updatedAt: null };
  }

  async get(clinicId: string, serviceType: string): Promise<CadenceView> {
    const cadence = await this.find(clinicId, serviceType);
    if (!cadence) throw new NotFoundException(`no cadence for service type ${serviceType}`);
    return cadence;
  }

  /** A 400 naming `serviceType` when the clinic has no cadence for it. */
  async requireKnownServiceType(clinicId: string, serviceType: string): Promise<CadenceView> {
    const cadence = await this.find(clinicId, serviceType);
    if (cadence) return cadence;
    const known = (await this.list(clinicId)).map((c) => c.serviceType);
    throw badRequest([{ field: 'serviceType', reason: `is not a service type of this clinic; known: ${known.join(', ')}` }]);
  }

  /**
   * Replaces a clinic's cadence. Follow-ups planned before the edit keep the steps they were
   * planned with; the new steps apply to what is planned from now on.
   */
  async replace(clinic: Clinic, serviceType: string, dto: PutCadenceDto): Promise<CadenceView> {
    const errors: FieldError[] = [];
    if (dto.serviceType !== undefined && dto.serviceType !== serviceType) {
      errors.push({ field: 'serviceType', reason: `must match the path (${serviceType})` });
    }
    const firstIndex = new Map<string, number>();
    dto.steps.forEach((step, index) => {
      const seen = firstIndex.get(step.key);
      if (seen !== undefined) errors.push({ field: `steps.${index}.key`, reason: `duplicates steps.${seen}.key (${step.key})` });
      else firstIndex.set(step.key, index);
      const beforeStart = step.offset.startsWith('-');
      if (step.kind === 'reminder' && step.anchor !== 'appointment.start') {
        errors.push({ field: `steps.${index}.anchor`, reason: 'a reminder must be anchored on appointment.start' });
      }
      if (beforeStart && step.anchor !== 'appointment.start' && step.anchor !== 'plan.session-due') {
        errors.push({ field: `steps.${index}.offset`, reason: `cannot be negative for anchor ${step.anchor}: that event has not happened yet` });
      }
      const segments = step.channel === 'email' ? 0 : typicalSmsSegments(step.template.sms, clinic);
      if (segments > this.config.smsSegmentLimit) {
        errors.push({
          field: `steps.${index}.template.sms`,
          reason: `would be sent as ${segments} SMS segments with typical names and dates (limit ${this.config.smsSegmentLimit}); shorten it or avoid characters outside GSM-7 such as emoji`,
        });
      }
      if (step.kind === 'reminder' && step.anchor === 'appointment.start' && !isNegativeOffset(step.offset)) {
        errors.push({ field: `steps.${index}.offset`, reason: 'a reminder goes out before the start: use a negative offset such as -P1D' });
      }
      if (step.kind === 'confirmation' && step.anchor !== 'appointment.booked') {
        errors.push({ field: `steps.${index}.anchor`, reason: 'a booking confirmation must be anchored on appointment.booked' });
      }
    });
    const nudges = dto.steps.map((step, index) => ({ step, index })).filter(({ step }) => step.kind === 'rebook' && step.anchor === 'plan.session-due');
    for (const { index } of nudges.slice(MAX_NUDGES_PER_SESSION)) {
      errors.push({ field: `steps.${index}.kind`, reason: `a session gets at most ${MAX_NUDGES_PER_SESSION} rebooking nudges (one and a single follow-up)` });
    }
    if (errors.length > 0) throw badRequest(errors);
    const steps: CadenceStep[] = dto.steps.map((step) => ({
      key: step.key,
      kind: step.kind,
      anchor: step.anchor,
      offset: step.offset,
      channel: step.channel,
      ...(step.condition && { condition: step.condition }),
      template: { subject: step.template.subject, email: step.template.email, sms: step.template.sms },
    }));
    const row = await this.cadences.save(clinic.id, serviceType, steps);
    return { serviceType, steps: row.steps, isDefault: false, updatedAt: row.updatedAt };
  }
}
