import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  ANCHORS,
  CONDITIONS,
  parseOffset,
  SERVICE_TYPE_PATTERN,
  STEP_CHANNELS,
  STEP_KINDS,
  unknownMergeFields,
  MERGE_FIELDS,
} from '@app/shared';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  ValidateBy,
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

/**
 * What kind of care a patient receives can be clinical detail (a clinic may name a service
 * "post-surgical rehab"), so SMS bodies and email subjects, which others may see, do not carry it.
 */
const PRIVATE_FIELDS = ['serviceName'];

function OmitsPrivateMergeFields(options?: ValidationOptions): PropertyDecorator {
  const used = (value: string) => PRIVATE_FIELDS.filter((field) => new RegExp(`\\{\\{\\s*${field}\\s*\\}\\}`).test(value));
  return ValidateBy(
    {
      name: 'omitsPrivateMergeFields',
      validator: {
        validate: (value: unknown) => typeof value !== 'string' || used(value).length === 0,
        defaultMessage: (args) =>
          `$property must not use ${used(String(args?.value ?? '')).map((f) => `{{${f}}}`).join(', ')}: SMS bodies and email subjects carry no clinical detail (the email body may)`,
      },
    },
    options,
  );
}

export class StepTemplateDto {
  @ApiProperty({ description: 'email subject; merge fields such as {{clinicName}}', example: 'Your aftercare from {{clinicName}}' })
  @IsString()
  @Length(1, 200)
  @UsesKnownMergeFields()
  @OmitsPrivateMergeFields()
  subject: string;

  @ApiProperty({ example: 'Hi {{firstName}}, drink plenty of water today; some soreness for a day or two is normal.' })
  @IsString()
  @Length(1, 10000)
  @UsesKnownMergeFields()
  email: string;

  @ApiProperty({ example: '{{clinicName}}: Hi {{firstName}}, drink plenty of water today.' })
  @IsString()
  @Length(1, 1600)
  @UsesKnownMergeFields()
  @OmitsPrivateMergeFields()
  sms: string;
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

  @ApiProperty({ description: 'ISO 8601 duration, may be negative', example: 'PT2H' })
  @IsOffset()
  offset: string;

  @ApiProperty({ enum: STEP_CHANNELS, example: 'both' })
  @IsIn(STEP_CHANNELS)
  channel: (typeof STEP_CHANNELS)[number];

  @ApiPropertyOptional({ enum: CONDITIONS })
  @IsOptional()
  @IsIn(CONDITIONS)
  condition?: (typeof CONDITIONS)[number];

  @ApiProperty({ type: () => StepTemplateDto })
  @ValidateNested()
  @Type(() => StepTemplateDto)
  template: StepTemplateDto;
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
}
