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

export class StepTemplateDto {
  @IsString()
  @Length(1, 200)
  @UsesKnownMergeFields()
  subject: string;

  @IsString()
  @Length(1, 10000)
  @UsesKnownMergeFields()
  email: string;

  @IsString()
  @Length(1, 1600)
  @UsesKnownMergeFields()
  sms: string;
}

export class CadenceStepDto {
  @Matches(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, { message: '$property must be kebab-case, e.g. aftercare or reminder-sms' })
  key: string;

  @IsIn(STEP_KINDS)
  kind: (typeof STEP_KINDS)[number];

  @IsIn(ANCHORS)
  anchor: (typeof ANCHORS)[number];

  @IsOffset()
  offset: string;

  @IsIn(STEP_CHANNELS)
  channel: (typeof STEP_CHANNELS)[number];

  @IsOptional()
  @IsIn(CONDITIONS)
  condition?: (typeof CONDITIONS)[number];

  @ValidateNested()
  @Type(() => StepTemplateDto)
  template: StepTemplateDto;
}

export class PutCadenceDto {
  /** Optional here; when given it must match the path. */
  @IsOptional()
  @Matches(SERVICE_TYPE_PATTERN, { message: '$property must be a service type such as medical-massage' })
  serviceType?: string;

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
