import { Injectable } from '@nestjs/common';
import { SmsChannel } from '../channels/sms/sms.channel.js';
import { DeliveriesRepository } from './deliveries.repository.js';

/**
 * A text Twilio accepted but whose answer never reached us (a crash, a timeout, a connection reset
 * after the request went out) shows in Twilio's list of messages to the number, with a sid no
 * delivery record owns. Looking for it before sending again is how a text goes out once.
 */
@Injectable()
export class UnrecordedSms {
  constructor(
    private readonly sms: SmsChannel,
    private readonly deliveries: DeliveriesRepository,
  ) {}

  /** The sid of a text to `to` Twilio accepted since `since` that no delivery record owns. */
  async acceptedSince(to: string, since: Date): Promise<string | undefined> {
    // A minute of slack for the clocks of Twilio and the database.
    for (const sid of await this.sms.acceptedSince(to, new Date(since.getTime() - 60_000))) {
      if (!(await this.deliveries.isRecorded(sid))) return sid;
    }
    return undefined;
  }
}
