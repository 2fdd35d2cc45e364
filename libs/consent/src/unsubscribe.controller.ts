import { Controller, Get, Header, Headers, HttpCode, Inject, Param, Post, Res } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, type Language } from '@app/shared';
import type { Response } from 'express';
import { ConsentService } from './consent.service.js';
import { browserLanguage, unsubscribePage, type UnsubscribePageKind } from './unsubscribe-page.js';
import { checkUnsubscribeToken } from './unsubscribe-token.js';

/**
 * Email unsubscribe (RFC 8058). GET only shows a page, because mail scanners follow links;
 * POST, from the page's button or the mail client's one-click, unsubscribes at once, no session.
 * Pages are in the patient's language; a link naming no patient we know, in the browser's.
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
  async show(
    @Param('token') token: string,
    @Headers('accept-language') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const check = checkUnsubscribeToken(token, this.config.unsubscribeSecret, new Date());
    if (!check.valid) return this.answer(response, 400, browserLanguage(accept), check.reason);
    const language = (await this.consent.languageOf(check.patientId)) ?? browserLanguage(accept);
    return this.answer(response, 200, language, 'confirm', token);
  }

  @Post(':token')
  @HttpCode(200)
  @Header('Content-Type', 'text/html; charset=utf-8')
  @Header('Cache-Control', 'no-store')
  async unsubscribe(
    @Param('token') token: string,
    @Headers('accept-language') accept: string | undefined,
    @Res({ passthrough: true }) response: Response,
  ): Promise<string> {
    const check = checkUnsubscribeToken(token, this.config.unsubscribeSecret, new Date());
    if (!check.valid) return this.answer(response, 400, browserLanguage(accept), check.reason);
    const patient = await this.consent.unsubscribeEmail(check.patientId);
    if (!patient) return this.answer(response, 404, browserLanguage(accept), 'unknown-patient');
    const language = (await this.consent.languageOf(patient.id)) ?? browserLanguage(accept);
    return this.answer(response, 200, language, 'unsubscribed');
  }

  private answer(response: Response, status: number, language: Language, kind: UnsubscribePageKind, token?: string): string {
    response.status(status);
    response.setHeader('Content-Language', language);
    return unsubscribePage(kind, language, token);
  }
}
