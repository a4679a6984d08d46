import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import type { Problem } from './problem';
import type { YamlFile } from './yamlFile';

// One Ajv instance, schemas compiled on first use: validation is only needed when a file is loaded.
let ajv: Ajv | undefined;
const compiled = new Map<object, ValidateFunction>();

function validatorFor(schema: object): ValidateFunction {
  let v = compiled.get(schema);
  if (!v) {
    ajv ??= new Ajv({ allErrors: true, strict: false });
    v = ajv.compile(schema);
    compiled.set(schema, v);
  }
  return v;
}

/** Whether a value is valid against a JSON Schema (no positions: for a fast path that falls back on any error). */
export function schemaAccepts(value: unknown, schema: object): boolean {
  return validatorFor(schema)(value) === true;
}

/** Validates a parsed YAML file against a JSON Schema; returns one positioned problem per schema error. */
export function checkSchema(file: YamlFile, schema: object): Problem[] {
  const validate = validatorFor(schema);
  if (validate(file.value)) return [];
  const problems: Problem[] = [];
  const seen = new Set<string>();
  for (const err of validate.errors ?? []) {
    const p = toProblem(file, err);
    const key = `${p.line}:${p.character}:${p.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(p);
    }
  }
  return problems;
}

function toProblem(file: YamlFile, err: ErrorObject): Problem {
  const path: (string | number)[] = err.instancePath
    .split('/')
    .slice(1)
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  const params = err.params as Record<string, unknown>;
  switch (err.keyword) {
    case 'required':
      return file.problemAt(path, `missing required field '${String(params['missingProperty'])}'`);
    case 'additionalProperties':
      return file.problemAt([...path, String(params['additionalProperty'])], `unknown field '${String(params['additionalProperty'])}'`, 'error', true);
    case 'enum':
      return file.problemAt(path, `must be one of ${(params['allowedValues'] as unknown[]).map((v) => JSON.stringify(v)).join(', ')}`);
    case 'const':
      return file.problemAt(path, `must be ${JSON.stringify(params['allowedValue'])}`);
    default:
      return file.problemAt(path, err.message ?? 'is invalid');
  }
}
