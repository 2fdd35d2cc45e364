import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ANCHORS,
  IsOffsetWithinLimit,
  CONDITIONS,
  IsInstantWithOffset,
  parseOffset,
  SERVICE_TYPE_PATTERN,
  STEP_CHANNELS,
  STEP_KINDS,
  unknownMergeFields,
  MERGE_FIELDS,
  LINK_MERGE_FIELDS,
  mergeFieldsIn,
  type Language,
  LANGUAGES,
  type StepTemplates,
} from '@app/shared';
import { applyDecorators } from '@nestjs/common';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  Max,
  Min,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

function IsOffset(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isOffset',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && parseOffset(value) !== undefined,
        defaultMessage: () => '$property must be an ISO 8601 duration such as PT2H, P2D or -P1D',
      },
    },
    options,
  );
}

/** A template may only name merge fields the renderer fills: never a blank in a patient's message. */
function UsesKnownMergeFields(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'usesKnownMergeFields',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && unknownMergeFields(value).length === 0,
        defaultMessage: (args) =>
          `$property uses unknown merge field(s) ${unknownMergeFields(String(args?.value ?? ''))
            .map((f) => `{{${f}}}`)
            .join(', ')}; known fields: ${MERGE_FIELDS.join(', ')}`,
      },
    },
    options,
  );
}

/** Refuses a template naming any of `fields`, saying `why`. */
function OmitsMergeFields(name: string, fields: readonly string[], why: string): PropertyDecorator {
  const used = (value: string) => mergeFieldsIn(value).filter((field) => fields.includes(field));
  return ValidateBy({
    name,
    validator: {
      validate: (value: unknown) => typeof value !== 'string' || used(value).length === 0,
      defaultMessage: (args) =>
        `$property must not use ${used(String(args?.value ?? ''))
          .map((f) => `{{${f}}}`)
          .join(', ')}: ${why}`,
    },
  });
}

/**
 * What kind of care a patient receives can be clinical detail (a clinic may name a service
 * "post-surgical rehab"), so SMS bodies and email subjects, which others may see, do not carry it.
 */
const OmitsPrivateMergeFields = () =>
  OmitsMergeFields(
    'omitsPrivateMergeFields',
    ['serviceName'],
    'SMS bodies and email subjects carry no clinical detail (the email body may)',
  );

/** A subject is one line a patient reads, not a place for a link: `{{bookingUrl}}` belongs in the body. */
const OmitsLinkMergeFields = () => OmitsMergeFields('omitsLinkMergeFields', LINK_MERGE_FIELDS, 'put links in the email body or the SMS');

const SUBJECT = () =>
  applyDecorators(IsString(), Length(1, 200), UsesKnownMergeFields(), OmitsPrivateMergeFields(), OmitsLinkMergeFields());
const EMAIL = () => applyDecorators(IsString(), Length(1, 10000), UsesKnownMergeFields());
const SMS = () => applyDecorators(IsString(), Length(1, 1600), UsesKnownMergeFields(), OmitsPrivateMergeFields());

/** A step's texts in one language. */
export class StepTemplateDto {
  @ApiProperty({ description: 'email subject; merge fields such as {{clinicName}}', example: 'Your aftercare from {{clinicName}}' })
  @SUBJECT()
  subject: string;

  @ApiProperty({ example: 'Hi {{firstName}}, drink plenty of water today; some soreness for a day or two is normal.' })
  @EMAIL()
  email: string;

  @ApiProperty({ example: '{{clinicName}}: Hi {{firstName}}, drink plenty of water today.' })
  @SMS()
  sms: string;
}

const hasUnlabelledTexts = (template: StepTemplatesDto) =>
  template.subject !== undefined || template.email !== undefined || template.sms !== undefined;

/**
 * A step's texts per language. `subject`, `email` and `sms` side by side, the shape before
 * languages, are still taken and read as the English texts (all three, then).
 */
export class StepTemplatesDto {
  @ApiPropertyOptional({ type: () => StepTemplateDto, description: 'English texts' })
  @IsOptional()
  @ValidateNested()
  @Type(() => StepTemplateDto)
  en?: StepTemplateDto;

  @ApiPropertyOptional({
    type: () => StepTemplateDto,
    description: 'French texts; a step without them goes to French-speaking patients in the clinic default language, else English',
    example: {
      subject: 'Après votre visite - {{clinicName}}',
      email: "Bonjour {{firstName}}, buvez beaucoup d'eau aujourd'hui.",
      sms: "{{clinicName}} : Bonjour {{firstName}}, buvez beaucoup d'eau aujourd'hui.",
    },
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => StepTemplateDto)
  fr?: StepTemplateDto;

  @ApiPropertyOptional({ deprecated: true, description: 'English subject, the shape before languages: use en.subject' })
  @ValidateIf(hasUnlabelledTexts)
  @SUBJECT()
  subject?: string;

  @ApiPropertyOptional({ deprecated: true, description: 'English email body, the shape before languages: use en.email' })
  @ValidateIf(hasUnlabelledTexts)
  @EMAIL()
  email?: string;

  @ApiPropertyOptional({ deprecated: true, description: 'English SMS, the shape before languages: use en.sms' })
  @ValidateIf(hasUnlabelledTexts)
  @SMS()
  sms?: string;
}

/** The texts as given, per language: `subject`, `email` and `sms` side by side are the English ones. */
export function templatesOf(template: StepTemplatesDto): StepTemplates {
  const { en, fr, subject, email, sms } = template;
  const english = en ?? (subject !== undefined ? { subject, email: email!, sms: sms! } : undefined);
  return {
    ...(english && { en: { subject: english.subject, email: english.email, sms: english.sms } }),
    ...(fr && { fr: { subject: fr.subject, email: fr.email, sms: fr.sms } }),
  };
}

/** Where a language's texts were written in the request, so an error names the field the client wrote. */
export function templatePath(template: StepTemplatesDto, language: Language): string {
  return language === 'en' && !template.en ? 'template' : `template.${language}`;
}

export class CadenceStepDto {
  @ApiProperty({ description: 'kebab-case', example: 'aftercare' })
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: '$property must be kebab-case, e.g. aftercare or reminder-sms' })
  key: string;

  @ApiProperty({ enum: STEP_KINDS, example: 'aftercare' })
  @IsIn(STEP_KINDS)
  kind: (typeof STEP_KINDS)[number];

  @ApiProperty({ enum: ANCHORS, example: 'appointment.completed' })
  @IsIn(ANCHORS)
  anchor: (typeof ANCHORS)[number];

  @ApiProperty({ description: 'ISO 8601 duration, may be negative, at most 400 days either way', example: 'PT2H' })
  @IsOffset()
  @IsOffsetWithinLimit()
  offset: string;

  @ApiProperty({ enum: STEP_CHANNELS, example: 'both' })
  @IsIn(STEP_CHANNELS)
  channel: (typeof STEP_CHANNELS)[number];

  @ApiPropertyOptional({ enum: CONDITIONS })
  @IsOptional()
  @IsIn(CONDITIONS)
  condition?: (typeof CONDITIONS)[number];

  @ApiProperty({ type: () => StepTemplatesDto })
  @ValidateNested()
  @Type(() => StepTemplatesDto)
  template: StepTemplatesDto;

  /** Server-made in the GET answer (the languages the step lacks): accepted and ignored. */
  @ApiPropertyOptional({
    enum: LANGUAGES,
    isArray: true,
    readOnly: true,
    description: 'languages this step has no texts in (answers only)',
  })
  @IsOptional()
  missingLanguages?: unknown;
}

export class PutCadenceDto {
  /** Optional here; when given it must match the path. */
  @ApiPropertyOptional({ example: 'medical-massage' })
  @IsOptional()
  @Matches(SERVICE_TYPE_PATTERN, { message: '$property must be a service type such as medical-massage' })
  serviceType?: string;

  @ApiProperty({ type: () => [CadenceStepDto], maxItems: 20 })
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CadenceStepDto)
  steps: CadenceStepDto[];

  /** Server-made fields of the GET answer: accepted so a GET can be PUT back, and ignored. */
  @IsOptional()
  isDefault?: unknown;

  @IsOptional()
  updatedAt?: unknown;

  @IsOptional()
  warnings?: unknown;
}

/** A visit to simulate, and optionally edited steps that are not saved yet. */
export class SimulateCadenceDto {
  @ApiProperty({ description: 'the visit’s start, ISO 8601 with an offset', example: '2026-12-01T19:00:00-05:00' })
  @IsInstantWithOffset()
  startsAt: string;

  @ApiPropertyOptional({ minimum: 5, maximum: 1440, default: 60, example: 60 })
  @IsOptional()
  @IsInt()
  @Min(5)
  @Max(24 * 60)
  durationMinutes?: number;

  @ApiPropertyOptional({ type: () => CadenceStepDto, description: 'one edited step; replaces the saved step with the same key' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CadenceStepDto)
  step?: CadenceStepDto;

  @ApiPropertyOptional({ type: () => [CadenceStepDto], maxItems: 20, description: 'all the steps, as PUT takes them' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(20)
  @ValidateNested({ each: true })
  @Type(() => CadenceStepDto)
  steps?: CadenceStepDto[];
}

export class CadenceDto {
  @ApiProperty({ example: 'medical-massage' })
  serviceType: string;

  @ApiProperty({ type: () => [CadenceStepDto] })
  steps: CadenceStepDto[];

  @ApiProperty({ description: 'true while the clinic uses the built-in cadence' })
  isDefault: boolean;

  @ApiProperty({ format: 'date-time', nullable: true, type: String })
  updatedAt: Date | null;

  @ApiProperty({
    type: [String],
    description: 'what will not read as written for this clinic (e.g. {{bookingUrl}} without a booking link)',
  })
  warnings: string[];
}

export class SimulatedMessageDto {
  @ApiProperty({ example: 'aftercare' })
  stepKey: string;

  @ApiProperty({ enum: STEP_KINDS })
  kind: (typeof STEP_KINDS)[number];

  @ApiProperty({ enum: ANCHORS })
  anchor: (typeof ANCHORS)[number];

  @ApiProperty({ enum: ['email', 'sms', 'preferred'], description: '`preferred` is decided per patient when it is sent' })
  channel: 'email' | 'sms' | 'preferred';

  @ApiProperty({ format: 'date-time', description: 'when it would go out (for a skipped step, when it would have)' })
  sendAt: Date;

  @ApiProperty({ enum: ['scheduled', 'skipped'] })
  status: 'scheduled' | 'skipped';

  @ApiProperty({
    enum: ['too-late', 'quiet-hours'],
    nullable: true,
    type: String,
    description: 'skipped as too late, or moved past quiet hours',
  })
  reason: 'too-late' | 'quiet-hours' | null;

  @ApiProperty({
    format: 'date-time',
    nullable: true,
    type: String,
    description: 'set when quiet hours moved it: when the offset alone would send it',
  })
  dueAt: Date | null;
}

class SimulatedVisitDto {
  @ApiProperty({ format: 'date-time', description: 'the simulation books the visit now' })
  bookedAt: Date;

  @ApiProperty({ format: 'date-time' })
  startsAt: Date;

  @ApiProperty({ format: 'date-time' })
  endsAt: Date;
}

class NotSimulatedStepDto {
  @ApiProperty()
  stepKey: string;

  @ApiProperty({ enum: ANCHORS })
  anchor: (typeof ANCHORS)[number];
}

class QuietHoursViewDto {
  @ApiProperty({ example: '21:00' })
  start: string;

  @ApiProperty({ example: '08:00' })
  end: string;
}

export class SimulationDto {
  @ApiProperty()
  serviceType: string;

  @ApiProperty({ description: 'the clinic’s time zone, which the times are planned in', example: 'America/Toronto' })
  timezone: string;

  @ApiProperty({ type: () => QuietHoursViewDto, nullable: true })
  quietHours: QuietHoursViewDto | null;

  @ApiProperty({ type: () => SimulatedVisitDto })
  visit: SimulatedVisitDto;

  @ApiProperty({ type: () => [SimulatedMessageDto], description: 'in the order they would go out' })
  messages: SimulatedMessageDto[];

  @ApiProperty({ type: () => [NotSimulatedStepDto], description: 'steps of treatment plans, which one visit does not trigger' })
  notSimulated: NotSimulatedStepDto[];
}
