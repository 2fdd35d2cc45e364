import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsIn, IsString, Length, MaxLength, MinLength } from 'class-validator';
import { MIN_PASSWORD_LENGTH } from '../auth/passwords.js';

const ROLES = ['owner', 'staff'] as const;
const PASSWORD_RULE = `must be at least ${MIN_PASSWORD_LENGTH} characters`;

/** The first owner, given with `POST /v1/clinics`. */
export class OwnerDto {
  @ApiProperty({ format: 'email', example: 'kim@riverside.test' })
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 1, maxLength: 100, example: 'Kim Tremblay' })
  @IsString()
  @Length(1, 100)
  name: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200, example: 'a long passphrase' })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `$property ${PASSWORD_RULE}` })
  @MaxLength(200)
  password: string;
}

export class CreateStaffDto extends OwnerDto {
  @ApiProperty({ enum: ROLES, description: '`staff` cannot manage staff, API keys or clinic settings', example: 'staff' })
  @IsIn(ROLES)
  role: (typeof ROLES)[number];
}

export class ChangePasswordDto {
  @ApiProperty({ example: 'the password used to sign in' })
  @IsString()
  @MaxLength(200)
  currentPassword: string;

  @ApiProperty({ minLength: MIN_PASSWORD_LENGTH, maxLength: 200, example: 'a new long passphrase' })
  @IsString()
  @MinLength(MIN_PASSWORD_LENGTH, { message: `$property ${PASSWORD_RULE}` })
  @MaxLength(200)
  newPassword: string;
}

export class StaffMemberDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email', example: 'kim@riverside.test' })
  email: string;

  @ApiProperty({ example: 'Kim Tremblay' })
  name: string;

  @ApiProperty({ enum: ROLES })
  role: (typeof ROLES)[number];

  @ApiPropertyOptional({ format: 'date-time' })
  createdAt?: Date;
}
