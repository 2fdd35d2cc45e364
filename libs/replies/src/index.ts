export { RepliesApiModule } from './api/replies-api.module.js';
export { type ParsedReply, parseReply } from './parse-reply.js';
export { RepliesModule } from './replies.module.js';
