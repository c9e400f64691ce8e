type JsonSchema = {
  type?: string;
  properties?: Record<string, JsonSchema>;
  additionalProperties?: boolean | JsonSchema;
  items?: JsonSchema;
};

/**
 * Drops fields the local schema does not know, recursively where the schema
 * closes an object (`additionalProperties: false`). The protocol allows a
 * newer gateway to add optional fields without a version bump, but the
 * schemas are closed: without this, one new field would make every pulled
 * document fail local validation and stall replication for good.
 */
export function keepKnownFields<T>(schema: JsonSchema, value: T): T {
  if (Array.isArray(value)) {
    return (schema.items ? value.map((item) => keepKnownFields(schema.items!, item)) : value) as T;
  }
  if (typeof value !== 'object' || value === null || !schema.properties) return value;
  const result: Record<string, unknown> = {};
  for (const [key, field] of Object.entries(value as Record<string, unknown>)) {
    const fieldSchema = schema.properties[key];
    if (fieldSchema) result[key] = keepKnownFields(fieldSchema, field);
    else if (key === '_deleted' || schema.additionalProperties !== false) result[key] = field;
  }
  return result as T;
}
