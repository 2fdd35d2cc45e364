import { Body, Controller, Header, HttpCode, Post, UseGuards } from '@nestjs/common';
import { TwilioSignatureGuard, twilioForm } from '@app/delivery';
import twilio from 'twilio';
import { InboundRepliesService } from './inbound-replies.service.js';

/** Twilio's incoming-message webhook (form-encoded). Nothing is read or changed before the signature is checked. */
@Controller('webhooks/twilio')
@UseGuards(TwilioSignatureGuard)
export class InboundSmsController {
  constructor(private readonly replies: InboundRepliesService) {}

  /** A patient's text; the answer goes back as TwiML, through the same Twilio sender. */
  @Post('inbound')
  @HttpCode(200)
  @Header('Content-Type', 'text/xml; charset=utf-8')
  async inbound(@Body() body: unknown): Promise<string> {
    const sms = twilioForm(body, { required: ['MessageSid', 'From'], optional: ['Body'], oneOf: [['To', 'MessagingServiceSid']] });
    const answer = await this.replies.receive(sms);
    const twiml = new twilio.twiml.MessagingResponse();
    if (answer) twiml.message(answer);
    return twiml.toString();
  }
}
