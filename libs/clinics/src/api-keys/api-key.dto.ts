import { ApiProperty } from '@nestjs/swagger';
import { IsString, Length } from 'class-validator';

export class CreateApiKeyDto {
  @ApiProperty({ minLength: 1, maxLength: 100, description: 'what the key is for', example: 'Jane booking sync' })
  @IsString()
  @Length(1, 100)
  name: string;
}

export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ example: 'Jane booking sync' })
  name: string;

  @ApiProperty({
    description: 'the key’s last four characters, to tell keys apart (empty for keys made before they were kept)',
    example: 'x9Qa',
  })
  lastFour: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: Date;

  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'set once revoked: the key no longer works' })
  revokedAt: Date | null;
}

export class CreatedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'the key itself, shown this once; only its hash is kept', example: 'cc_…' })
  key: string;
}
