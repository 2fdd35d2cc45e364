// Delivery's public surface: its Nest modules, what the replies module sends through, the worker
// hooks the notifier's composition needs, and the pure functions of sending.
export { DeliveryApiModule } from './api/delivery-api.module.js';
export type { OutgoingEmail, OutgoingSms, SentMessage } from './channels/channel.js';
export { EmailChannel } from './channels/email/email.channel.js';
export { twilioForm } from './channels/sms/twilio-form.js';
export { TwilioSignatureGuard } from './channels/sms/twilio-signature.guard.js';
export { type SendCheck, type SendCheckInput, type SendCheckResult } from './checks/send-checks.js';
export { DeliveryModule } from './delivery.module.js';
export { languageOf, mergeValues, type RenderedMessage, renderMessage } from './rendering/render-message.js';
export { countedOutcome, MESSAGE_OUTCOMES, type MessageOutcome, type SendOutcome } from './send/send-outcome.js';
export { FollowupProcessor } from './worker/followup.processor.js';
export { WorkerDrain } from './worker/worker-drain.js';
export { WorkersHealthIndicator } from './worker/workers-health.indicator.js';
