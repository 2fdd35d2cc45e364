import { Controller, Get, Header, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig } from '@app/shared';
import type { Response } from 'express';
import { ConsentService } from './consent.service.js';
import { checkUnsubscribeToken, type TokenCheck } from './unsubscribe-token.js';

function page(title: string, body: string): string {
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width">` +
    `<meta name="robots" content="noindex"><title>${title}</title></head>` +
    `<body style="font-family:sans-serif;max-width:32rem;margin:3rem auto;padding:0 1rem"><h1>${title}</h1>${body}</body></html>`;
}

const escape = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const REFUSED: Record<Exclude<TokenCheck, { valid: true }>['reason'], string> = {
  malformed: 'This unsubscribe link is not complete.',
  forged: 'This unsubscribe link is not valid.',
  expired: 'This unsubscribe link has expired.',
};

/**
 * Email unsubscribe (RFC 8058). GET only shows a page, because mail scanners follow links;
 * POST, from the page's button or the mail client's one-click, unsubscribes at once, no session.
 */
@Controller('unsubscribe')
export class UnsubscribeController {
  constructor(
    private readonly consent: ConsentService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  @Get(':token')
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  show(@Param('token') token: string, @Res({ passthrough: true }) response: Response): string {
    const check = checkUnsubscribeToken(token, this.config.unsubscribeSecret, new Date());
    if (!check.valid) return this.refuse(response, check);
    return page(
      'Unsubscribe from emails',
      `<p>Stop receiving care emails at this address? Text messages are not affected (reply STOP to a text for those).</p>` +
        `<form method="post" action="/unsubscribe/${escape(token)}"><button type="submit">Unsubscribe</button></form>`,
    );
  }

  @Post(':token')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async unsubscribe(@Param('token') token: string, @Res({ passthrough: true }) response: Response): Promise<string> {
    const check = checkUnsubscribeToken(token, this.config.unsubscribeSecret, new Date());
    if (!check.valid) return this.refuse(response, check);
    const patient = await this.consent.unsubscribeEmail(check.patientId);
    if (!patient) {
      response.status(404);
      return page('Nothing to unsubscribe', '<p>We have no record for this link any more; nothing was changed.</p>');
    }
    return page('You are unsubscribed', '<p>You will receive no more care emails from the clinic at this address.</p>');
  }

  private refuse(response: Response, check: Exclude<TokenCheck, { valid: true }>): string {
    response.status(400);
    return page('Link not valid', `<p>${REFUSED[check.reason]} Nothing was changed. To stop emails, use the link in a recent email or contact the clinic.</p>`);
  }
}
