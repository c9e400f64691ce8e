/**
 * Checks of the identifiers people type into applications, for offline
 * validation on the device and again at the gateway. Pure functions; the
 * reasons are plain Chinese, meant to be shown beside the field.
 */
export * from './credit-code.js';
export * from './date.js';
export * from './mobile.js';
export * from './resident-id.js';
export * from './result.js';
