export { InsightsModule } from './insights.module.js';
export { InsightsDto } from './insights.dto.js';
// For the bench, which prints the plan of each statement.
export { inOneSnapshot, insightsStatements, type InsightsScope } from './insights.repository.js';
export { resolvePeriod } from './reporting-period.js';
