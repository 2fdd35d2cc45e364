import { type CanActivate, type ExecutionContext, ForbiddenException, Inject, Injectable, Logger } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import type { Request } from 'express';
import twilio from 'twilio';

/**
 * Lets a webhook through only with a valid X-Twilio-Signature for PUBLIC_URL + the request path,
 * checked by twilio's own validator. Without Twilio credentials nothing can be valid.
 */
@Injectable()
export class TwilioSignatureGuard implements CanActivate {
  private readonly logger = new Logger(TwilioSignatureGuard.name);

  constructor(@Inject(APP_CONFIG) private readonly config: AppConfig) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const signature = request.header('x-twilio-signature');
    const authToken = this.config.twilio?.authToken;
    // The signature covers the URL Twilio was given, which is the public one, not the one we see.
    const url = `${this.config.publicUrl}${request.originalUrl}`;
    const params = typeof request.body === 'object' && request.body !== null ? (request.body as Record<string, string>) : {};
    if (!authToken || !signature || !twilio.validateRequest(authToken, signature, url, params)) {
      this.logger.warn(`refused ${request.path}: ${signature ? 'signature does not match' : 'no X-Twilio-Signature'}`);
      throw new ForbiddenException('invalid or missing X-Twilio-Signature');
    }
    return true;
  }
}
