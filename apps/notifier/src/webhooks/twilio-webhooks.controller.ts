import { Body, Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import twilio from 'twilio';
import { type InboundSms, InboundRepliesService } from '../replies/inbound-replies.service.js';
import { DeliveryStatusService, type StatusCallback } from './delivery-status.service.js';
import { TwilioSignatureGuard } from './twilio-signature.guard.js';

/** Twilio's webhooks (form-encoded). Nothing is read or changed before the signature is checked. */
@Controller('webhooks/twilio')
@UseGuards(TwilioSignatureGuard)
export class TwilioWebhooksController {
  constructor(
    private readonly replies: InboundRepliesService,
    private readonly statuses: DeliveryStatusService,
  ) {}

  /** A patient's text; the answer goes back as TwiML, through the same Twilio sender. */
  @Post('inbound')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  async inbound(@Body() sms: InboundSms): Promise<string> {
    const answer = await this.replies.receive(sms);
    const twiml = new twilio.twiml.MessagingResponse();
    if (answer) twiml.message(answer);
    return twiml.toString();
  }

  @Post('status')
  @HttpCode(204)
  async status(@Body() callback: StatusCallback): Promise<void> {
    await this.statuses.apply(callback);
  }
}
