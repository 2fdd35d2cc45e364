import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { HH_MM } from '@app/shared';
import { Type } from 'class-transformer';
import { IsEmail, IsInt, IsOptional, IsString, Length, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { IsE164, IsTimeZone } from '../common/validators.js';

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

  /** A check-in score (1–5) at or above this alerts the clinic; default 4. */
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(5)
  flareUpThreshold?: number;
}
