/** The bundled knowledge pack's files (`annotations/` minus the schemas), made by scripts/build.js for the web entry. */
declare module 'policy-lens:bundled-pack' {
  /** Path relative to `annotations/` ('/'-separated) → the file's text. */
  const files: Readonly<Record<string, string>>;
  export default files;
}
