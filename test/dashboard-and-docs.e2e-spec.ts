import { startSchedulerInProcess } from './support/in-process.js';
import { freePort, REDIS_URL, ServiceProcess, tempDir, uniquePrefix } from './support/services.js';

const DASHBOARD = { DASHBOARD_USER: 'ops', DASHBOARD_PASSWORD: 'queue-dashboard-password-1' };
const basic = (user: string, password: string) => `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

describe('queue dashboard', () => {
  it('is not there at all without credentials', async () => {
    const scheduler = await startSchedulerInProcess();
    try {
      expect((await fetch(`${scheduler.baseUrl}/admin/queues`)).status).toBe(404);
      expect((await fetch(`${scheduler.baseUrl}/admin/queues/api/queues`)).status).toBe(404);
    } finally {
      await scheduler.stop();
    }
  });

  // A spawned service: bull-board's CommonJS build loads under Node, not under Jest's loader.
  it('asks for the credentials, then shows the follow-up queue', async () => {
    const port = await freePort();
    const baseUrl = `http://127.0.0.1:${port}`;
    const service = await new ServiceProcess('scheduler', {
      ...DASHBOARD,
      REDIS_URL,
      QUEUE_PREFIX: uniquePrefix(),
      DATA_DIR: tempDir(),
      SCHEDULER_PORT: String(port),
    }).start(`${baseUrl}/health/ready`);
    const scheduler = { baseUrl, stop: async () => expect(await service.stop()).toBe(0) };
    try {
      const anonymous = await fetch(`${scheduler.baseUrl}/admin/queues`);
      expect(anonymous.status).toBe(401);
      expect(anonymous.headers.get('www-authenticate')).toMatch(/^Basic /);
      expect(
        (await fetch(`${scheduler.baseUrl}/admin/queues/api/queues`, { headers: { authorization: basic('ops', 'wrong-password-123') } }))
          .status,
      ).toBe(401);

      const headers = { authorization: basic(DASHBOARD.DASHBOARD_USER, DASHBOARD.DASHBOARD_PASSWORD) };
      const page = await fetch(`${scheduler.baseUrl}/admin/queues`, { headers });
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/<html/i);
      const queues = await fetch(`${scheduler.baseUrl}/admin/queues/api/queues`, { headers });
      expect(queues.status).toBe(200);
      expect(((await queues.json()) as any).queues.map((q: { name: string }) => q.name)).toEqual(['followups']);
    } finally {
      await scheduler.stop();
    }
  });
});

describe('OpenAPI description', () => {
  it('serves /docs and describes the request bodies from the validating DTOs, with examples', async () => {
    const scheduler = await startSchedulerInProcess();
    try {
      const page = await fetch(`${scheduler.baseUrl}/docs`);
      expect(page.status).toBe(200);
      expect(await page.text()).toMatch(/swagger/i);
      const document = (await (await fetch(`${scheduler.baseUrl}/docs-json`)).json()) as any;
      expect(Object.keys(document.paths)).toEqual(
        expect.arrayContaining(['/v1/clinics', '/v1/patients', '/v1/appointments', '/v1/cadences/{serviceType}', '/v1/followups']),
      );
      const patient = document.components.schemas.CreatePatientDto;
      expect(patient.required).toEqual(expect.arrayContaining(['firstName', 'consent']));
      expect(patient.properties.phone).toMatchObject({ example: expect.stringMatching(/^\+\d+$/) });
      expect(patient.properties.preferredChannel).toMatchObject({ enum: ['email', 'sms'] });
      const appointment = document.components.schemas.CreateAppointmentDto;
      expect(appointment.properties.startsAt.example).toMatch(/T\d{2}:\d{2}:\d{2}[+-]\d{2}:\d{2}$/);
      expect(document.components.schemas.CadenceStepDto.properties.offset.example).toBe('PT2H');
      expect(document.components.schemas.CadenceStepDto.properties.kind.enum).toContain('aftercare');
      expect(document.components.schemas.CreateTreatmentPlanDto.required).toEqual(
        expect.arrayContaining(['patientId', 'serviceType', 'sessions', 'intervalDays']),
      );
      expect(document.components.schemas.CreateTreatmentPlanDto.properties.intervalDays.example).toBe(7);
      const listFollowups = document.paths['/v1/followups'].get.parameters.map((p: { name: string }) => p.name);
      expect(listFollowups).toEqual(expect.arrayContaining(['patientId', 'appointmentId', 'planId', 'status', 'limit', 'cursor']));

      // Every /v1 answer with a body is described, so the console's generated client types them all.
      const undescribed: string[] = [];
      for (const [path, operations] of Object.entries(document.paths as Record<string, Record<string, any>>)) {
        if (!path.startsWith('/v1/')) continue;
        for (const [method, operation] of Object.entries(operations)) {
          const answers = Object.entries(operation.responses as Record<string, { content?: unknown }>).filter(([code]) => /^2/.test(code));
          if (answers.some(([code, answer]) => code !== '204' && !answer.content)) undescribed.push(`${method.toUpperCase()} ${path}`);
        }
      }
      expect(undescribed).toEqual([]);
      const visits = document.paths['/v1/appointments'].get;
      expect(visits.parameters.map((p: { name: string }) => p.name)).toEqual(expect.arrayContaining(['patientId', 'limit', 'cursor']));
      expect(visits.responses['200'].content['application/json'].schema).toEqual({
        type: 'array',
        items: { $ref: '#/components/schemas/AppointmentDto' },
      });
      expect(document.paths['/v1/cadences/{serviceType}/preview.html'].get.responses['200'].content).toHaveProperty(['text/html']);
    } finally {
      await scheduler.stop();
    }
  });
});
