import { applyOffset } from '@app/shared';
import fc from 'fast-check';
import { DateTime } from 'luxon';
import { Api } from './support/api.js';
import { startSchedulerInProcess } from './support/in-process.js';

/**
 * Random sequences of what a booking system does — book, reschedule, cancel, no-show, complete,
 * create and cancel treatment plans — through the real API on PGlite; afterwards the follow-ups
 * still scheduled must be exactly what the final state implies.
 */

const ZONE = 'America/Toronto';
const SERVICES = ['medical-massage', 'relaxation-massage'] as const;

type Operation =
  | { op: 'book'; service: 0 | 1; days: number; hour: number }
  | { op: 'reschedule'; visit: number; days: number; hour: number }
  | { op: 'cancel' | 'no-show' | 'complete'; visit: number }
  | { op: 'plan'; sessions: number; intervalDays: number }
  | { op: 'cancel-plan'; plan: number };

const operation: fc.Arbitrary<Operation> = fc.oneof(
  fc.record({
    op: fc.constant('book' as const),
    service: fc.constantFrom(0 as const, 1 as const),
    days: fc.integer({ min: 2, max: 60 }),
    hour: fc.integer({ min: 8, max: 18 }),
  }),
  fc.record({
    op: fc.constant('reschedule' as const),
    visit: fc.nat(),
    days: fc.integer({ min: 2, max: 60 }),
    hour: fc.integer({ min: 8, max: 18 }),
  }),
  fc.record({ op: fc.constantFrom('cancel' as const, 'no-show' as const, 'complete' as const), visit: fc.nat() }),
  fc.record({ op: fc.constant('plan' as const), sessions: fc.integer({ min: 1, max: 3 }), intervalDays: fc.integer({ min: 1, max: 30 }) }),
  fc.record({ op: fc.constant('cancel-plan' as const), plan: fc.nat() }),
);

interface Visit {
  id: string;
  service: string;
  status: 'booked' | 'completed' | 'cancelled' | 'no-show';
  startsAt: number;
  planId: string | null;
}
interface Plan {
  id: string;
  status: 'active' | 'completed' | 'cancelled';
  sessions: number;
  intervalDays: number;
  startsAt: number;
  sessionStarts: number[];
}
interface FollowupView {
  stepKey: string;
  kind: string;
  channel: string;
  sendAt: string;
  status: string;
  reason?: string;
  appointmentId: string | null;
  planId: string | null;
}

/** A visit `days` from now at `hour` o'clock in the clinic's zone. */
function localStart(days: number, hour: number): string {
  return DateTime.now().setZone(ZONE).plus({ days }).set({ hour, minute: 0, second: 0, millisecond: 0 }).toISO()!;
}

describe('the live follow-ups always match the final state (property)', () => {
  let server: Awaited<ReturnType<typeof startSchedulerInProcess>>;
  let api: Api;

  beforeAll(async () => {
    server = await startSchedulerInProcess();
    const admin = new Api(server.baseUrl, server.config.adminToken);
    const clinic = await admin.post('/v1/clinics', {
      name: 'Property Clinic',
      timezone: ZONE,
      email: 'desk@property.test',
      quietHours: null,
    });
    api = admin.as(clinic.body.apiKey);
  });

  afterAll(() => server.stop());

  async function run(operations: Operation[]): Promise<void> {
    const patientId = (
      await api.post('/v1/patients', {
        firstName: 'Pat',
        email: 'pat@patients.test',
        phone: '+15145550123',
        consent: { email: true, sms: true },
      })
    ).body.id;
    const visits: Visit[] = [];
    const plans: Plan[] = [];

    for (const step of operations) {
      if (step.op === 'book') {
        const service = SERVICES[step.service];
        const response = await api.post('/v1/appointments', {
          patientId,
          serviceType: service,
          startsAt: localStart(step.days, step.hour),
          durationMinutes: 60,
        });
        expect(response.status).toBe(201);
        const matched = [...plans].reverse().find((p) => p.status === 'active' && service === 'medical-massage');
        expect(response.body.planId).toBe(matched?.id ?? null);
        visits.push({
          id: response.body.id,
          service,
          status: 'booked',
          startsAt: Date.parse(response.body.startsAt),
          planId: response.body.planId,
        });
      } else if (step.op === 'plan') {
        const response = await api.post('/v1/treatment-plans', {
          patientId,
          serviceType: 'medical-massage',
          sessions: step.sessions,
          intervalDays: step.intervalDays,
        });
        expect(response.status).toBe(201);
        plans.push({
          id: response.body.id,
          status: 'active',
          sessions: step.sessions,
          intervalDays: step.intervalDays,
          startsAt: Date.parse(response.body.startsAt),
          sessionStarts: [],
        });
      } else if (step.op === 'cancel-plan') {
        if (plans.length === 0) continue;
        const plan = plans[step.plan % plans.length];
        const response = await api.post(`/v1/treatment-plans/${plan.id}/cancel`);
        expect(response.status).toBe(plan.status === 'completed' ? 409 : 200);
        if (plan.status === 'active') plan.status = 'cancelled';
      } else {
        if (visits.length === 0) continue;
        const visit = visits[step.visit % visits.length];
        if (step.op === 'reschedule') {
          const response = await api.patch(`/v1/appointments/${visit.id}`, { startsAt: localStart(step.days, step.hour) });
          expect(response.status).toBe(visit.status === 'booked' ? 200 : 409);
          if (visit.status === 'booked') visit.startsAt = Date.parse(response.body.startsAt);
          continue;
        }
        const target = step.op === 'complete' ? 'completed' : step.op === 'cancel' ? 'cancelled' : 'no-show';
        const response = await api.post(`/v1/appointments/${visit.id}/${step.op}`);
        expect(response.status).toBe(visit.status === 'booked' || visit.status === target ? 200 : 409);
        if (visit.status !== 'booked') continue;
        visit.status = target;
        const plan = plans.find((p) => p.id === visit.planId);
        if (target === 'completed' && plan?.status === 'active') {
          plan.sessionStarts.push(visit.startsAt);
          if (plan.sessionStarts.length === plan.sessions) plan.status = 'completed';
        }
      }
    }

    const rows: FollowupView[] = (await api.get(`/v1/followups?patientId=${patientId}&limit=200`)).body;
    const live = rows.filter((f) => f.status === 'scheduled');
    const keys = (list: FollowupView[]) => list.map((f) => `${f.stepKey}/${f.channel}`).sort();

    for (const visit of visits) {
      const own = rows.filter((f) => f.appointmentId === visit.id);
      const ownLive = live.filter((f) => f.appointmentId === visit.id);
      // Planning the same occurrence twice never makes a second row.
      expect(new Set(keys(own)).size).toBe(own.length);
      if (visit.status === 'cancelled' || visit.status === 'no-show') {
        expect(ownLive).toEqual([]);
      } else if (visit.status === 'booked') {
        expect(keys(ownLive)).toEqual(['booking-confirmation/preferred', 'reminder-email/email', 'reminder-sms/sms']);
        for (const f of ownLive.filter((r) => r.kind === 'reminder')) {
          const offset = f.stepKey === 'reminder-email' ? '-P1D' : '-PT2H';
          expect(f.sendAt).toBe(applyOffset(new Date(visit.startsAt), offset, ZONE).toISOString());
        }
      } else {
        const expected =
          visit.service === 'medical-massage'
            ? ['aftercare/email', 'aftercare/sms', 'soreness-checkin/sms']
            : ['aftercare/email', 'aftercare/sms', 'gentle-rebook/preferred'];
        expect(keys(ownLive)).toEqual(expected);
        expect(keys(own.filter((f) => f.kind === 'aftercare'))).toEqual(['aftercare/email', 'aftercare/sms']);
      }
    }

    for (const plan of plans) {
      const planLive = live.filter((f) => f.planId === plan.id);
      const progress = (await api.get(`/v1/treatment-plans/${plan.id}`)).body;
      expect(progress.status).toBe(plan.status);
      if (plan.status === 'cancelled') {
        expect(planLive).toEqual([]);
      } else if (plan.status === 'completed') {
        expect(keys(planLive)).toEqual(['flareup-checkin-3m/preferred', 'flareup-checkin-3w/preferred']);
        expect(progress.sessionsDone).toBe(plan.sessions);
      } else {
        expect(progress.sessionsDone).toBe(plan.sessionStarts.length);
        const due =
          plan.sessionStarts.length === 0
            ? new Date(plan.startsAt)
            : applyOffset(new Date(Math.max(...plan.sessionStarts)), `P${plan.intervalDays}D`, ZONE);
        expect(progress.nextDueAt).toBe(due.toISOString());
        expect(planLive.every((f) => f.kind === 'rebook')).toBe(true);
        const again = planLive.filter((f) => f.stepKey === 'rebook-nudge-again');
        expect(again.map((f) => f.sendAt)).toEqual([applyOffset(due, 'P5D', ZONE).toISOString()]);
        for (const f of planLive.filter((r) => r.stepKey === 'rebook-nudge')) {
          expect(f.sendAt).toBe(applyOffset(due, '-P2D', ZONE).toISOString());
        }
        expect(planLive.length).toBeLessThanOrEqual(2);
      }
    }
  }

  it('for random sequences of bookings, reschedules, cancellations, completions and plans', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operation, { minLength: 1, maxLength: 12 }), (operations) => run(operations)),
      { numRuns: 40 },
    );
  }, 240_000);
});
