export { InsightsModule } from './insights.module.js';
export { InsightsDto } from './insights.dto.js';
// For the bench, which compares answers counted from the records and from kept days, and prints
// the plan of each statement.
export { inOneSnapshot, InsightsRepository, insightsStatements, type InsightsScope, stepDaysStatement } from './insights.repository.js';
export { foldSteps, InsightsService, weeklyOf } from './insights.service.js';
export { resolvePeriod, splitPeriod } from './reporting-period.js';
