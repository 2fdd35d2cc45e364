import { ConflictException, Inject, Injectable, NotFoundException } from '@nestjs/common';
import {
  APP_CONFIG,
  type AppConfig,
  badRequest,
  BUILT_IN_SERVICE_TYPES,
  type CadenceStep,
  type Clinic,
  type FieldError,
  isNegativeOffset,
  type Language,
  LANGUAGES,
  missingLanguages,
  type StepTemplates,
  ucs2Characters,
} from '@app/shared';
import { type PutCadenceDto, type SimulateCadenceDto, type StepTemplatesDto, templatePath, templatesOf } from './cadence.dto.js';
import { CadencesRepository } from './cadences.repository.js';
import { defaultCadence } from './default-cadences.js';
import { simulateCadence } from '../planning/simulate-cadence.js';
import { typicalSms } from './sms-length.js';

/** A rebooking nudge and at most one follow-up after it: more would be nagging. */
const MAX_NUDGES_PER_SESSION = 2;

/** A step as the API shows it: with the languages it has no texts in, so staff see what to write. */
export type CadenceStepView = CadenceStep & { missingLanguages: Language[] };

export interface CadenceView {
  serviceType: string;
  steps: CadenceStepView[];
  /** True while the clinic uses the built-in cadence for this service type. */
  isDefault: boolean;
  updatedAt: Date | null;
}

function view(serviceType: string, steps: CadenceStep[], isDefault: boolean, updatedAt: Date | null): CadenceView {
  return {
    serviceType,
    steps: steps.map((step) => ({ ...step, missingLanguages: missingLanguages(step.template) })),
    isDefault,
    updatedAt,
  };
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
      return row ? view(serviceType, row.steps, false, row.updatedAt) : view(serviceType, defaultCadence(serviceType)!, true, null);
    });
  }

  /** The effective cadence, or undefined for a service type this clinic does not know. */
  async find(clinicId: string, serviceType: string): Promise<CadenceView | undefined> {
    const row = await this.cadences.find(clinicId, serviceType);
    if (row) return view(serviceType, row.steps, false, row.updatedAt);
    const steps = defaultCadence(serviceType);
    return steps && view(serviceType, steps, true, null);
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
    const steps = this.checkedSteps(clinic, serviceType, dto);
    const row = await this.cadences.save(clinic.id, serviceType, steps);
    return view(serviceType, row.steps, false, row.updatedAt);
  }

  /**
   * Back to the built-in cadence of a service type: the clinic's own version is dropped (answers
   * `before: undefined` when there was none). Like an edit, it applies to follow-ups planned from
   * now on. A service type of the clinic's own has no default to go back to: 409.
   */
  async reset(clinicId: string, serviceType: string): Promise<{ before: CadenceView | undefined; after: CadenceView }> {
    const steps = defaultCadence(serviceType);
    if (!steps) {
      await this.get(clinicId, serviceType);
      throw new ConflictException(`${serviceType} is a service type of the clinic's own: it has no built-in cadence to go back to`);
    }
    const stored = await this.cadences.find(clinicId, serviceType);
    const removed = stored ? await this.cadences.remove(clinicId, serviceType) : false;
    return {
      before: stored && removed ? view(serviceType, stored.steps, false, stored.updatedAt) : undefined,
      after: view(serviceType, steps, true, null),
    };
  }

  /**
   * What a cadence would send for one visit (see simulateCadence), for the cadence as saved or,
   * before saving, for edited steps: all of them (`steps`) or one that replaces the step with
   * its key (`step`). Edited steps are checked as `PUT` checks them.
   */
  async simulate(clinic: Clinic, serviceType: string, dto: SimulateCadenceDto) {
    const current = await this.get(clinic.id, serviceType);
    let steps: CadenceStep[] = current.steps;
    if (dto.steps) {
      steps = this.checkedSteps(clinic, serviceType, { steps: dto.steps });
    } else if (dto.step) {
      const edited = dto.step;
      const replaced = current.steps.some((step) => step.key === edited.key);
      const candidate = replaced ? current.steps.map((step) => (step.key === edited.key ? edited : step)) : [...current.steps, edited];
      steps = this.checkedSteps(clinic, serviceType, { steps: candidate }, (field) =>
        field.replace(/^steps\.\d+/, (match) => (Number(match.slice(6)) === candidate.indexOf(edited) ? 'step' : match)),
      );
    }
    const zone = clinic.timezone;
    const simulation = simulateCadence(
      steps,
      { startsAt: new Date(dto.startsAt), durationMinutes: dto.durationMinutes ?? 60 },
      { zone, quietHours: clinic.quietHours, now: new Date() },
    );
    return { serviceType, timezone: zone, quietHours: clinic.quietHours, ...simulation };
  }

  /** The steps to store, or a 400 naming every field that breaks a cadence rule. */
  private checkedSteps(
    clinic: Clinic,
    serviceType: string,
    dto: Pick<PutCadenceDto, 'steps' | 'serviceType'>,
    renameField: (field: string) => string = (field) => field,
  ): CadenceStep[] {
    const errors: FieldError[] = [];
    if (dto.serviceType !== undefined && dto.serviceType !== serviceType) {
      errors.push({ field: 'serviceType', reason: `must match the path (${serviceType})` });
    }
    const firstIndex = new Map<string, number>();
    const templates = dto.steps.map((step) => templatesOf(step.template));
    dto.steps.forEach((step, index) => {
      const seen = firstIndex.get(step.key);
      if (seen !== undefined) errors.push({ field: `steps.${index}.key`, reason: `duplicates steps.${seen}.key (${step.key})` });
      else firstIndex.set(step.key, index);
      const beforeStart = step.offset.startsWith('-');
      if (step.kind === 'reminder' && step.anchor !== 'appointment.start') {
        errors.push({ field: `steps.${index}.anchor`, reason: 'a reminder must be anchored on appointment.start' });
      }
      if (beforeStart && step.anchor !== 'appointment.start' && step.anchor !== 'plan.session-due') {
        errors.push({
          field: `steps.${index}.offset`,
          reason: `cannot be negative for anchor ${step.anchor}: that event has not happened yet`,
        });
      }
      errors.push(...this.templateErrors(step.template, templates[index], step.channel, clinic, `steps.${index}`));
      if (step.kind === 'reminder' && step.anchor === 'appointment.start' && !isNegativeOffset(step.offset)) {
        errors.push({ field: `steps.${index}.offset`, reason: 'a reminder goes out before the start: use a negative offset such as -P1D' });
      }
      if (step.kind === 'confirmation' && step.anchor !== 'appointment.booked') {
        errors.push({ field: `steps.${index}.anchor`, reason: 'a booking confirmation must be anchored on appointment.booked' });
      }
    });
    const nudges = dto.steps
      .map((step, index) => ({ step, index }))
      .filter(({ step }) => step.kind === 'rebook' && step.anchor === 'plan.session-due');
    for (const { index } of nudges.slice(MAX_NUDGES_PER_SESSION)) {
      errors.push({
        field: `steps.${index}.kind`,
        reason: `a session gets at most ${MAX_NUDGES_PER_SESSION} rebooking nudges (one and a single follow-up)`,
      });
    }
    if (errors.length > 0) throw badRequest(errors.map((error) => ({ ...error, field: renameField(error.field) })));
    return dto.steps.map((step, index) => ({
      key: step.key,
      kind: step.kind,
      anchor: step.anchor,
      offset: step.offset,
      channel: step.channel,
      ...(step.condition && { condition: step.condition }),
      template: templates[index],
    }));
  }

  /**
   * A step needs texts in at least one language, each language given once, and each SMS within
   * the segment limit in its own language (French dates and opt-out hint; one ê makes it UCS-2).
   */
  private templateErrors(
    dto: StepTemplatesDto,
    templates: StepTemplates,
    channel: CadenceStep['channel'],
    clinic: Clinic,
    at: string,
  ): FieldError[] {
    if (dto.en && dto.subject !== undefined) {
      return [{ field: `${at}.template.en`, reason: 'is given twice: as en and as subject, email and sms; keep en' }];
    }
    if (!templates.en && !templates.fr) {
      return [
        {
          field: `${at}.template`,
          reason: `needs the texts of at least one language: ${LANGUAGES.map((l) => `${l}: {subject, email, sms}`).join(' or ')}`,
        },
      ];
    }
    if (channel === 'email') return [];
    const limit = this.config.smsSegmentLimit;
    return LANGUAGES.flatMap((language) => {
      const sms = templates[language]?.sms;
      const measured = sms === undefined ? undefined : typicalSms(sms, clinic, language);
      if (!measured || measured.segments <= limit) return [];
      const ucs2 = ucs2Characters(sms!);
      const why =
        measured.encoding === 'UCS-2'
          ? `; ${ucs2.join(', ')} make${ucs2.length === 1 ? 's' : ''} it UCS-2 (70 characters a segment instead of 160): shorten it or write without ${ucs2.length === 1 ? 'it' : 'them'}`
          : '; shorten it';
      return [
        {
          field: `${at}.${templatePath(dto, language)}.sms`,
          reason: `would be sent as ${measured.segments} SMS segments (${measured.encoding}) with typical names and dates (limit ${limit})${why}`,
        },
      ];
    });
  }
}
