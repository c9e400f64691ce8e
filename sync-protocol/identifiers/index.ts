/**
 * Checks of the identifiers people type into applications, for offline
 * validation on the device and again at the gateway. Pure functions that
 * answer rule codes; rule-messages.ts words them.
 */
export * from './credit-code.js';
export * from './date.js';
export * from './mobile.js';
export * from './resident-id.js';
export * from './result.js';
