import sidecarSchema from '../../../annotations/schemas/sidecar.schema.json';

/** The sidecar JSON Schema (draft-07), also contributed to the YAML extension. */
export const SIDECAR_SCHEMA: object = sidecarSchema;

/**
 * The top level alone (annotations only checked to be an array): annotations are validated one at a
 * time with ANNOTATION_SCHEMA so that a bad annotation is dropped and the others still load.
 */
const { $id, ...withoutId } = sidecarSchema;

export const SIDECAR_SCHEMA_ID: string = $id;

export const SIDECAR_TOP_SCHEMA: object = {
  ...withoutId,
  properties: { ...sidecarSchema.properties, annotations: { type: 'array' } },
};

/** One annotation, with the schema's definitions so its `$ref`s resolve. */
export const ANNOTATION_SCHEMA: object = {
  $schema: sidecarSchema.$schema,
  definitions: sidecarSchema.definitions,
  $ref: '#/definitions/annotation',
};
