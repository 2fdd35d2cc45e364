import { describe, expect, it } from '@jest/globals';
import type { TreatmentPlan } from '@app/shared';
import { planOfBooking } from './treatment-plans.service.js';

const plan = (id: string, fields: Partial<TreatmentPlan> = {}) =>
  ({ id, patientId: 'alex', serviceType: 'physiotherapy', status: 'active', ...fields }) as TreatmentPlan;

// Newest first, as the repository reads them.
const plans = [
  plan('newest'),
  plan('older'),
  plan('massage', { serviceType: 'medical-massage' }),
  plan('done', { status: 'completed' }),
  plan('sams', { patientId: 'sam' }),
];

describe('the plan a booking counts towards', () => {
  it("is the patient's newest active plan for the service type when the booking names none", () => {
    expect(planOfBooking(plans, { patientId: 'alex', serviceType: 'physiotherapy' })).toEqual({ planId: 'newest' });
    expect(planOfBooking(plans, { patientId: 'alex', serviceType: 'medical-massage' })).toEqual({ planId: 'massage' });
    expect(planOfBooking(plans, { patientId: 'alex', serviceType: 'acupuncture' })).toEqual({ planId: null });
    expect(planOfBooking([plan('done', { status: 'completed' })], { patientId: 'alex', serviceType: 'physiotherapy' })).toEqual({
      planId: null,
    });
  });

  it('is the one it names, when that is an active plan of the patient for the same service type', () => {
    expect(planOfBooking(plans, { patientId: 'alex', serviceType: 'physiotherapy', planId: 'older' })).toEqual({ planId: 'older' });
  });

  it.each([
    ['unknown', 'physiotherapy', "is not one of this patient's treatment plans"],
    ['sams', 'physiotherapy', "is not one of this patient's treatment plans"],
    ['done', 'physiotherapy', 'names a treatment plan that is completed'],
    ['massage', 'physiotherapy', 'names a plan for medical-massage, not physiotherapy'],
  ])('refuses naming %s for %s, on planId', (planId, serviceType, reason) => {
    expect(planOfBooking(plans, { patientId: 'alex', serviceType, planId })).toEqual({ errors: [{ field: 'planId', reason }] });
  });
});
