import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsEmail,
  IsIn,
  IsOptional,
  IsString,
  Length,
  Matches,
  MaxLength,
  ValidateNested,
} from 'class-validator';
import { IsE164, IsNotBlank, IsTimeZone, LANGUAGE_TAG } from '@app/shared';
import { BATCH_LIMIT } from '../batch/batch.dto.js';

export class ConsentDto {
  @ApiProperty({ description: 'consents to email', example: true })
  @IsBoolean()
  email: boolean;

  @ApiProperty({ description: 'consents to SMS', example: false })
  @IsBoolean()
  sms: boolean;
}

export class ConsentPatchDto {
  @ApiPropertyOptional({ example: true })
  @IsOptional()
  @IsBoolean()
  email?: boolean;

  @ApiPropertyOptional({ example: false })
  @IsOptional()
  @IsBoolean()
  sms?: boolean;
}

class PatientFields {
  @ApiPropertyOptional({ maxLength: 100, example: 'Tremblay' })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  @IsNotBlank()
  lastName?: string;

  @ApiPropertyOptional({ format: 'email', example: 'alex@example.com' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ description: 'E.164', example: '+15145550111' })
  @IsOptional()
  @IsE164()
  phone?: string;

  @ApiPropertyOptional({ description: "IANA time zone; the clinic's when omitted", example: 'America/Toronto' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({
    description: "BCP 47 language tag; en… or fr… picks the language of the patient's messages (else the clinic's defaultLocale)",
    example: 'fr-CA',
  })
  @IsOptional()
  @Matches(LANGUAGE_TAG, { message: '$property must be a BCP 47 language tag such as en-CA' })
  locale?: string;

  @ApiPropertyOptional({ enum: ['email', 'sms'], example: 'sms' })
  @IsOptional()
  @IsIn(['email', 'sms'])
  preferredChannel?: 'email' | 'sms';
}

export class CreatePatientDto extends PatientFields {
  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Alex' })
  @IsString()
  @Length(1, 100)
  @IsNotBlank()
  firstName: string;

  @ApiProperty({ type: () => ConsentDto })
  @IsDefined({ message: '$property is required: {email: boolean, sms: boolean}' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;

  @ApiPropertyOptional({ description: "the booking system's id; repeating it answers the existing patient", example: 'janeapp-4711' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;
}

/** POST /v1/patients/batch: the items are checked one by one, each as CreatePatientDto. */
export class PatientsBatchDto {
  @ApiProperty({
    type: [CreatePatientDto],
    minItems: 1,
    maxItems: BATCH_LIMIT,
    description: 'each as POST /v1/patients takes it; checked one by one',
  })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(BATCH_LIMIT)
  items: unknown[];
}

export class UpdatePatientDto extends PatientFields {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'Alex' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  @IsNotBlank()
  firstName?: string;

  @ApiPropertyOptional({ type: () => ConsentPatchDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsentPatchDto)
  consent?: ConsentPatchDto;
}

/** Enough to name a patient beside an alert or a follow-up. */
export class PatientNameDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Alex' })
  firstName: string;

  @ApiProperty({ nullable: true, type: String, example: 'Tremblay' })
  lastName: string | null;
}

/** A patient as the API answers it. */
export class PatientDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Alex' })
  firstName: string;

  @ApiProperty({ type: String, nullable: true, example: 'Tremblay' })
  lastName: string | null;

  @ApiProperty({ type: String, nullable: true, example: 'alex@example.com' })
  email: string | null;

  @ApiProperty({ type: String, nullable: true, description: 'E.164', example: '+15145550111' })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true, description: "IANA time zone; null: the clinic's", example: 'America/Toronto' })
  timezone: string | null;

  @ApiProperty({ type: String, nullable: true, description: "null: the clinic's defaultLocale", example: 'fr-CA' })
  locale: string | null;

  @ApiProperty({ type: String, enum: ['email', 'sms'], nullable: true })
  preferredChannel: 'email' | 'sms' | null;

  @ApiProperty({ type: () => ConsentDto })
  consent: ConsentDto;

  @ApiProperty({ type: String, nullable: true })
  externalId: string | null;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time' })
  updatedAt: Date;
}

class FlareUpDto {
  @ApiProperty({ minimum: 1, maximum: 5 })
  score: number;

  @ApiProperty({ format: 'date-time' })
  at: Date;
}

/** A single patient, with the latest flare-up reported in a check-in reply. */
export class PatientWithFlareUpDto extends PatientDto {
  @ApiProperty({ type: () => FlareUpDto, nullable: true, description: 'the latest flare-up alert; null when none' })
  flareUp: FlareUpDto | null;
}
