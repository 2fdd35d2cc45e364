import {
  type CanActivate,
  createParamDecorator,
  type ExecutionContext,
  Inject,
  Injectable,
  UnauthorizedException,
} from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type Clinic } from '@app/shared';
import type { Request } from 'express';
import { ClinicsRepository } from '../clinics/clinics.repository.js';
import { hashApiKey, tokensMatch } from './api-key.js';

function bearer(request: Request): string | undefined {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  return match?.[1];
}

/** `POST /v1/clinics` only: the operator's ADMIN_TOKEN. */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const token = bearer(context.switchToHttp().getRequest<Request>());
    if (!this.config.adminToken || !token || !tokensMatch(token, this.config.adminToken)) {
      throw new UnauthorizedException('a valid admin token is required (Authorization: Bearer <ADMIN_TOKEN>)');
    }
    return true;
  }
}

/** Everything else: a clinic's API key; the clinic found becomes the scope of the request. */
@Injectable()
export class ClinicKeyGuard implements CanActivate {
  constructor(private readonly clinics: ClinicsRepository) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<Request & { clinic?: Clinic }>();
    const key = bearer(request);
    const clinic = key ? await this.clinics.findByApiKeyHash(hashApiKey(key)) : undefined;
    if (!clinic) throw new UnauthorizedException('a valid clinic API key is required (Authorization: Bearer <key>)');
    request.clinic = clinic;
    return true;
  }
}

export const CurrentClinic = createParamDecorator((_: unknown, context: ExecutionContext): Clinic => {
  return context.switchToHttp().getRequest<Request & { clinic: Clinic }>().clinic;
});
