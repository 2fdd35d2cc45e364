import { HH_MM } from '@app/shared';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsE164, IsTimeZone } from '../common/validators.js';

export class QuietHoursDto {
  @Matches(HH_MM, { message: '$property must be a local time HH:mm' })
  start: string;

  @Matches(HH_MM, { message: '$property must be a local time HH:mm' })
  end: string;
}

export class CreateClinicDto {
  @IsString()
  @Length(1, 200)
  name: string;

  @IsTimeZone()
  timezone: string;

  @IsEmail()
  email: string;

  @IsOptional()
  @IsE164()
  phone?: string;

  @IsOptional()
  @IsString()
  @MaxLength(500)
  address?: string;

  /** Omitted → 21:00–08:00; `null` → no quiet hours. */
  @IsOptional()
  @ValidateNested()
  @Type(() => QuietHoursDto)
  quietHours?: QuietHoursDto | null;

  /** A check-in score (1–5) at or above this alerts the clinic; default 4. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  flareUpThreshold?: number;
}
