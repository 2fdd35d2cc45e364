import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HH_MM, IsE164, IsHexColor, IsHttpsUrl, IsNotBlank, IsTimeZone, LANGUAGE_TAG, languageOfLocale, LANGUAGES } from '@app/shared';
import { Type } from 'class-transformer';
import {
  IsEmail,
  IsInt,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateIf,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';
import { OwnerDto, StaffMemberDto } from './staff/staff.dto.js';

/** A BCP 47 tag in a language patients are written to in (`en`, `fr-CA`…). */
export function IsWrittenLocale(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isWrittenLocale',
      validator: {
        validate: (value: unknown) => typeof value === 'string' && LANGUAGE_TAG.test(value) && languageOfLocale(value) !== undefined,
        defaultMessage: () => `$property must be a language tag in ${LANGUAGES.join(' or ')}, such as en-CA or fr-CA`,
      },
    },
    options,
  );
}

export class QuietHoursDto {
  @ApiProperty({ description: 'local time HH:mm', example: '21:00' })
  @Matches(HH_MM, { message: '$property must be a local time HH:mm' })
  start: string;

  @ApiProperty({ description: 'local time HH:mm', example: '08:00' })
  @Matches(HH_MM, { message: '$property must be a local time HH:mm' })
  end: string;
}

export class CreateClinicDto {
  @ApiProperty({ example: 'Riverside Massage' })
  @IsString()
  @Length(1, 200)
  @IsNotBlank()
  name: string;

  @ApiProperty({ description: 'IANA time zone', example: 'America/Toronto' })
  @IsTimeZone()
  timezone: string;

  @ApiProperty({ format: 'email', example: 'care@example.com' })
  @IsEmail()
  email: string;

  @ApiPropertyOptional({ description: 'E.164', example: '+15145550100' })
  @IsOptional()
  @IsE164()
  phone?: string;

  @ApiPropertyOptional({ maxLength: 500, example: '12 River Rd, Montreal QC' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  /** Omitted → 21:00–08:00; `null` → no quiet hours. */
  @ApiPropertyOptional({ type: () => QuietHoursDto, nullable: true, description: 'omitted: 21:00–08:00; null: none' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  @ApiPropertyOptional({
    description: 'language of patients without a locale of their own: en or fr, with or without a region',
    example: 'fr-CA',
    default: 'en',
  })
  @IsOptional()
  @IsWrittenLocale()
  defaultLocale?: string;

  /** A check-in score (1–5) at or above this alerts the clinic; default 4. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  flareUpThreshold?: number;

  @ApiPropertyOptional({
    description: 'https page where patients book online; {{bookingUrl}} in messages',
    example: 'https://book.example.com/riverside',
  })
  @IsOptional()
  @IsHttpsUrl()
  bookingUrl?: string | null;

  @ApiPropertyOptional({ description: 'https address of the logo shown at the top of emails', example: 'https://example.com/logo.png' })
  @IsOptional()
  @IsHttpsUrl()
  logoUrl?: string | null;

  @ApiPropertyOptional({ description: 'colour of the email button, #rrggbb', example: '#1f6f78' })
  @IsOptional()
  @IsHexColor()
  brandColor?: string | null;

  @ApiPropertyOptional({ type: () => OwnerDto, description: 'the first owner, who signs in to the console' })
  @IsOptional()
  @ValidateNested()
  @Type(() => OwnerDto)
  owner?: OwnerDto;
}

/**
 * `PATCH /v1/clinics/me`: any field of the clinic's own details. `null` clears an optional one
 * (phone, address, quiet hours, booking link, logo, colour); the name, zone, email and default
 * language cannot be cleared.
 */
export class UpdateClinicDto {
  @ApiPropertyOptional({ example: 'Riverside Massage' })
  @ValidateIf((_, value) => value !== undefined)
  @IsString()
  @Length(1, 200)
  name?: string;

  @ApiPropertyOptional({ description: 'IANA time zone', example: 'America/Toronto' })
  @ValidateIf((_, value) => value !== undefined)
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ format: 'email', example: 'care@example.com' })
  @ValidateIf((_, value) => value !== undefined)
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ description: 'E.164', example: '+15145550100', nullable: true, type: String })
  @IsOptional()
  @IsE164()
  phone?: string | null;

  @ApiPropertyOptional({ maxLength: 500, example: '12 River Rd, Montreal QC', nullable: true, type: String })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string | null;

  @ApiPropertyOptional({ type: () => QuietHoursDto, nullable: true, description: 'null: none' })
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 5 })
  @ValidateIf((_, value) => value !== undefined)
  @IsInt()
  @Min(1)
  @Max(5)
  flareUpThreshold?: number;

  @ApiPropertyOptional({ example: 'https://book.example.com/riverside', nullable: true, type: String })
  @IsOptional()
  @IsHttpsUrl()
  bookingUrl?: string | null;

  @ApiPropertyOptional({ example: 'https://example.com/logo.png', nullable: true, type: String })
  @IsOptional()
  @IsHttpsUrl()
  logoUrl?: string | null;

  @ApiPropertyOptional({ example: '#1f6f78', nullable: true, type: String })
  @IsOptional()
  @IsHexColor()
  brandColor?: string | null;

  @ApiPropertyOptional({
    description: 'language of patients without a locale of their own: en or fr, with or without a region',
    example: 'fr-CA',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsWrittenLocale()
  defaultLocale?: string;
}

/** A clinic as the API answers it. */
export class ClinicDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Riverside Massage' })
  name: string;

  @ApiProperty({ example: 'America/Toronto' })
  timezone: string;

  @ApiProperty({ example: 'care@riverside.example' })
  email: string;

  @ApiProperty({ type: String, nullable: true, description: 'E.164', example: '+15145550100' })
  phone: string | null;

  @ApiProperty({ type: String, nullable: true })
  address: string | null;

  @ApiProperty({ type: () => QuietHoursDto, nullable: true, description: 'null: no quiet hours' })
  quietHours: QuietHoursDto | null;

  @ApiProperty({ example: 4, description: 'a check-in score at or above this raises a flare-up alert' })
  flareUpThreshold: number;

  @ApiProperty({ type: String, nullable: true, example: 'https://riverside.example/book' })
  bookingUrl: string | null;

  @ApiProperty({ type: String, nullable: true })
  logoUrl: string | null;

  @ApiProperty({ type: String, nullable: true, example: '#0b7285' })
  brandColor: string | null;

  @ApiProperty({ example: 'fr-CA' })
  defaultLocale: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;
}

/** A new clinic: its first API key (shown once) and, when asked for, its first owner. */
export class CreatedClinicDto extends ClinicDto {
  @ApiProperty({ description: "the clinic's first API key; only its SHA-256 is kept" })
  apiKey: string;

  @ApiPropertyOptional({ type: () => StaffMemberDto })
  owner?: StaffMemberDto;
}
