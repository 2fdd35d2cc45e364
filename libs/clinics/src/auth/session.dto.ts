import { ApiProperty } from '@nestjs/swagger';
import { IsString, MaxLength } from 'class-validator';

export class SignInDto {
  @ApiProperty({ format: 'email', example: 'kim@riverside.test' })
  @IsString()
  @MaxLength(254)
  email: string;

  @ApiProperty({ example: 'a long passphrase' })
  @IsString()
  @MaxLength(200)
  password: string;
}

export class SessionStaffDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'email' })
  email: string;

  @ApiProperty({ example: 'Kim Tremblay' })
  name: string;

  @ApiProperty({ enum: ['owner', 'staff'] })
  role: 'owner' | 'staff';
}

export class SessionClinicDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Riverside Massage' })
  name: string;

  @ApiProperty({ description: 'IANA time zone; the console shows times in it', example: 'America/Toronto' })
  timezone: string;
}

/** Who is signed in, for the console; `csrfToken` goes in `X-CSRF-Token` on every change. */
export class SessionDto {
  @ApiProperty({ type: () => SessionStaffDto })
  staff: SessionStaffDto;

  @ApiProperty({ type: () => SessionClinicDto })
  clinic: SessionClinicDto;

  @ApiProperty({ description: 'send as the X-CSRF-Token header on POST, PUT, PATCH and DELETE' })
  csrfToken: string;
}
