export { ConsentApiModule } from './api/consent-api.module.js';
export { ConsentLedgerModule } from './consent-ledger.service.js';
export { ConsentModule } from './consent.module.js';
export { ConsentService, smsSender } from './consent.service.js';
export { UnsubscribeLinks } from './unsubscribe-links.js';
export { checkUnsubscribeToken, makeUnsubscribeToken, UNSUBSCRIBE_LINK_DAYS } from './unsubscribe-token.js';
