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
  @IsBoolean()
  email: boolean;

  @IsBoolean()
  sms: boolean;
}

export class ConsentPatchDto {
  @IsOptional()
  @IsBoolean()
  email?: boolean;

  @IsOptional()
  @IsBoolean()
  sms?: boolean;
}

class PatientFields {
  @IsOptional()
  @IsString()
  @MaxLength(100)
  lastName?: string;

  @IsOptional()
  @IsEmail()
  email?: string;

  @IsOptional()
  @IsE164()
  phone?: string;

  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @IsOptional()
  @Matches(/^[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*$/, { message: '$property must be a BCP 47 language tag such as en-CA' })
  locale?: string;

  @IsOptional()
  @IsIn(['email', 'sms'])
  preferredChannel?: 'email' | 'sms';
}

export class CreatePatientDto extends PatientFields {
  @IsString()
  @Length(1, 100)
  firstName: string;

  @IsDefined({ message: '$property is required: {email: boolean, sms: boolean}' })
  @ValidateNested()
  @Type(() => ConsentDto)
  consent: ConsentDto;

  @IsOptional()
  @IsString()
  @Length(1, 200)
  externalId?: string;
}

export class UpdatePatientDto extends PatientFields {
  @IsOptional()
  @IsString()
  @Length(1, 100)
  firstName?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ConsentPatchDto)
  consent?: ConsentPatchDto;
}
