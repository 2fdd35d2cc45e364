import type { FollowupChannel, Patient } from '@app/shared';

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
