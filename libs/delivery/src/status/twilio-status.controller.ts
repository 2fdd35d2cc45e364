import { Body, Controller, HttpCode, Post, UseGuards } from '@nestjs/common';
import { twilioForm } from '../channels/sms/twilio-form.js';
import { TwilioSignatureGuard } from '../channels/sms/twilio-signature.guard.js';
import { DeliveryStatusService } from './delivery-status.service.js';

/** Twilio's delivery reports (form-encoded). Nothing is read or changed before the signature is checked. */
@Controller('webhooks/twilio')
@UseGuards(TwilioSignatureGuard)
export class TwilioStatusController {
  constructor(private readonly statuses: DeliveryStatusService) {}

  @Post('status')
  @HttpCode(204)
  async status(@Body() body: unknown): Promise<void> {
    await this.statuses.apply(twilioForm(body, { required: ['MessageSid', 'MessageStatus'], optional: ['ErrorCode'] }));
  }
}
