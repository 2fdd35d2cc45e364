import { NotFoundException, ParseUUIDPipe } from '@nestjs/common';

/** Path ids are UUIDs; anything else cannot exist, so it is a 404 like any other unknown id. */
export const IdPipe = new ParseUUIDPipe({ exceptionFactory: () => new NotFoundException('not found') });
