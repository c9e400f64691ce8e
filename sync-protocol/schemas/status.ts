import type { FromSchema } from 'json-schema-to-ts';
import { idProperty, materialKeyProperty } from './common.js';

/**
 * States an application passes through after it leaves the device.
 * `received`: stored at the gateway; `forwarded`: delivered to the provincial
 * platform; then the province's answers.
 */
export const STATUS_STATES = ['received', 'forwarded', 'accepted', 'supplement_required', 'completed', 'rejected'] as const;
export type StatusState = (typeof STATUS_STATES)[number];

/**
 * One status change of one application, written by the gateway and pulled by
 * the device that filed it. Read-only for devices.
 */
export const statusSchema = {
  title: 'status',
  description: 'A status change of an application, published by the gateway',
  // 1: materials name the guide's material `key` (issue 6).
  version: 1,
  primaryKey: 'id',
  type: 'object',
  additionalProperties: false,
  properties: {
    id: { type: 'string', maxLength: 140 },
    applicationId: idProperty,
    state: { type: 'string', enum: [...STATUS_STATES] },
    acceptanceNumber: { type: 'string', maxLength: 64 },
    message: { type: 'string', maxLength: 2000 },
    materials: {
      type: 'array',
      maxItems: 50,
      items: {
        type: 'object',
        additionalProperties: false,
        properties: {
          /** The guide's material key, so the app opens the right slot; absent on version-0 documents. */
          key: materialKeyProperty,
          name: { type: 'string', maxLength: 200 },
          reason: { type: 'string', maxLength: 1000 },
        },
        required: ['name', 'reason'],
      },
    },
    /** Time at the gateway or the province: server clocks only. */
    at: { type: 'string', format: 'date-time', maxLength: 40 },
  },
  required: ['id', 'applicationId', 'state', 'at'],
} as const;

/** A material the province asks for again (补件), and why. */
export type StatusMaterial = FromSchema<typeof statusSchema.properties.materials.items>;
export type StatusDoc = FromSchema<typeof statusSchema>;
