import type { Api } from './api.js';

/**
 * A clinic without quiet hours whose service type has one step: an aftercare email `offset` after
 * a visit is completed. The recovery and outage suites plant their follow-ups this way. Answers
 * the API as the clinic.
 */
export async function clinicWithAftercareEmail(
  admin: Api,
  clinic: { name: string; email: string; serviceType: string; offset: string },
): Promise<Api> {
  const created = await admin.post('/v1/clinics', {
    name: clinic.name,
    timezone: 'America/Toronto',
    email: clinic.email,
    quietHours: null,
  });
  if (created.status !== 201) throw new Error(`clinic not created: ${created.status} ${JSON.stringify(created.body)}`);
  const api = admin.as(created.body.apiKey);
  const cadence = await api.put(`/v1/cadences/${clinic.serviceType}`, {
    serviceType: clinic.serviceType,
    steps: [
      {
        key: 'aftercare',
        kind: 'aftercare',
        anchor: 'appointment.completed',
        offset: clinic.offset,
        channel: 'email',
        template: { subject: 'After your visit', email: 'Hi {{firstName}}, drink water today.', sms: 'Drink water today.' },
      },
    ],
  });
  if (cadence.status !== 200) throw new Error(`cadence refused: ${cadence.status} ${JSON.stringify(cadence.body)}`);
  return api;
}

/** A patient with email consent whose visit an hour ago is completed: its aftercare is planned. */
export async function completedVisit(api: Api, visit: { firstName: string; email: string; serviceType: string }): Promise<void> {
  const patient = await api.post('/v1/patients', { firstName: visit.firstName, email: visit.email, consent: { email: true, sms: false } });
  const appointment = await api.post('/v1/appointments', {
    patientId: patient.body.id,
    serviceType: visit.serviceType,
    startsAt: new Date(Date.now() - 3600_000).toISOString(),
    durationMinutes: 60,
  });
  const completed = await api.post(`/v1/appointments/${appointment.body.id}/complete`);
  if (completed.status !== 200) throw new Error(`visit not completed: ${completed.status} ${JSON.stringify(completed.body)}`);
}
