import type { Followup, FollowupChannel, Patient } from '@app/shared';

export type ChannelChoice = { channel: 'email' | 'sms'; to: string } | { skip: string };

function reachable(patient: Patient, channel: 'email' | 'sms'): ChannelChoice {
  const to = channel === 'email' ? patient.email : patient.phone;
  const consent = channel === 'email' ? patient.consentEmail : patient.consentSms;
  if (!consent) return { skip: 'opted-out' };
  if (!to) return { skip: `no-${channel === 'email' ? 'email' : 'phone'}` };
  return { channel, to };
}

/**
 * Decides, at send time, where a follow-up goes. `preferred` uses the patient's preferred channel
 * when it has consent and an address, else the other one; a patient reachable on neither is skipped.
 */
export function chooseChannel(channel: FollowupChannel, patient: Patient): ChannelChoice {
  if (channel !== 'preferred') return reachable(patient, channel);
  const first = patient.preferredChannel ?? 'email';
  const preferred = reachable(patient, first);
  if ('channel' in preferred) return preferred;
  const other = reachable(patient, first === 'email' ? 'sms' : 'email');
  return 'channel' in other ? other : preferred;
}

/**
 * The number an earlier try of a follow-up texted, if it went by SMS: where the follow-up would go
 * had the patient's SMS consent stood. Consent withdrawn since the try (a STOP, perhaps in answer
 * to that very text, or a staff edit) must not hide a text that went out from the question to
 * Twilio: it would not be sent again, but it would never be on record either.
 */
export function phoneTheTryMayHaveUsed(followup: Pick<Followup, 'channel'>, patient: Patient): string | undefined {
  const choice = chooseChannel(followup.channel, { ...patient, consentSms: true });
  return 'channel' in choice && choice.channel === 'sms' ? choice.to : undefined;
}
