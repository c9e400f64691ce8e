/**
 * sync-protocol: the contract between devices and the gateway. Pure
 * TypeScript, no I/O: schemas, messages, checkpoints, conflict rules, the
 * live stream's framing, the error catalogue and the protocol version.
 */
export * from './agent-rules.js';
export * from './application-rules.js';
export * from './household-rules.js';
export * from './canonical-json.js';
export * from './checkpoint.js';
export * from './conflicts.js';
export * from './equality.js';
export * from './errors.js';
export * from './identifiers/index.js';
export * from './materials.js';
export * from './messages.js';
export * from './schemas/index.js';
export * from './sse.js';
export * from './tracking-code.js';
export * from './validation.js';
export * from './version.js';
export * from './changes.js';
export * from './field-rules.js';
export * from './rule-issue.js';
export * from './rule-messages.js';
export * from './submission-rules.js';
