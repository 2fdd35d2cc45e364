import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
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
import { IsE164, IsTimeZone } from '../common/validators.js';

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
  lastName?: string;

  @ApiPropertyOptional({ format: 'email', example: 'alex@example.com' })
  @IsOptional()
  @IsEmail()
  email?: string;

  @ApiPropertyOptional({ description: 'E.164', example: '+15145550111' })
  @IsOptional()
  @IsE164()
  phone?: string;

  @ApiPropertyOptional({ description: 'IANA time zone; the clinic\'s when omitted', example: 'America/Toronto' })
  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @ApiPropertyOptional({ description: 'BCP 47 language tag', example: 'en-CA' })
  @IsOptional()
  @Matches(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: '$property must be a BCP 47 language tag such as en-CA' })
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
  firstName: string;

  @ApiProperty({ type: () => ConsentDto })
  @IsDefined({ message: '$property is required: {email: boolean, sms: boolean}' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;

  @ApiPropertyOptional({ description: 'the booking system\'s id; repeating it answers the existing patient', example: 'janeapp-4711' })
  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;
}

export class UpdatePatientDto extends PatientFields {
  @ApiPropertyOptional({ minLength: 1, maxLength: 100, example: 'Alex' })
  @IsOptional()
  @IsString()
  @Length(1, 100)
  firstName?: string;

  @ApiPropertyOptional({ type: () => ConsentPatchDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsentPatchDto)
  consent?: ConsentPatchDto;
}
