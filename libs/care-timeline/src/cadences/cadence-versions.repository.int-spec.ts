import { cadenceVersions, type DatabaseHandle } from '@app/shared';
import { aClinic, aStep } from '@app/shared/testing/records.js';
import { eq } from 'drizzle-orm';
import { testDatabases } from '../../../../test/support/databases.js';
import { CadenceVersionsRepository } from './cadence-versions.repository.js';

const aftercare = aStep({ key: 'aftercare', offset: 'PT2H' });
const checkin = aStep({ key: 'checkin', kind: 'checkin', offset: 'P3D' });

describe.each(testDatabases())('cadence versions on $name', (database) => {
  let handle: DatabaseHandle;
  let versions: CadenceVersionsRepository;

  beforeAll(async () => {
    handle = await database.open();
    versions = new CadenceVersionsRepository(handle.db);
  });
  afterAll(() => handle.close());

  it('stores a set of steps once: the same steps, in any key order, name the same version', async () => {
    const clinic = await aClinic(handle.db);
    const first = await versions.versionOf({ clinicId: clinic.id, serviceType: 'massage', steps: [aftercare, checkin] });
    // The same steps as PostgreSQL's jsonb hands them back: keys in another order.
    const reordered = [aftercare, checkin].map((step) => Object.fromEntries(Object.entries(step).reverse()) as typeof step);
    const again = await versions.versionOf({ clinicId: clinic.id, serviceType: 'massage', steps: reordered });
    expect(again).toBe(first);
    expect(await handle.db.select().from(cadenceVersions).where(eq(cadenceVersions.clinicId, clinic.id))).toHaveLength(1);
  });

  it('gives an edited cadence, another service type or another clinic a version of its own', async () => {
    const clinic = await aClinic(handle.db);
    const other = await aClinic(handle.db);
    const original = await versions.versionOf({ clinicId: clinic.id, serviceType: 'massage', steps: [aftercare] });
    const edited = await versions.versionOf({ clinicId: clinic.id, serviceType: 'massage', steps: [{ ...aftercare, offset: 'PT3H' }] });
    const otherService = await versions.versionOf({ clinicId: clinic.id, serviceType: 'acupuncture', steps: [aftercare] });
    const otherClinic = await versions.versionOf({ clinicId: other.id, serviceType: 'massage', steps: [aftercare] });
    expect(new Set([original, edited, otherService, otherClinic]).size).toBe(4);
    const [stored] = await handle.db.select().from(cadenceVersions).where(eq(cadenceVersions.id, original));
    expect(stored.steps).toEqual([aftercare]);
  });

  it('hands concurrent first plannings of the same steps one version', async () => {
    const clinic = await aClinic(handle.db);
    const steps = [aStep({ key: 'rebook', kind: 'rebook', offset: 'P21D' })];
    const ids = await Promise.all(
      Array.from({ length: 8 }, () =>
        handle.db.transaction((tx) => versions.versionOf({ clinicId: clinic.id, serviceType: 'massage', steps }, tx)),
      ),
    );
    expect(new Set(ids).size).toBe(1);
    expect(await handle.db.select().from(cadenceVersions).where(eq(cadenceVersions.clinicId, clinic.id))).toHaveLength(1);
  });
});
