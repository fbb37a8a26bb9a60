// asl-validator ships no type declarations; this is the part of its API we use.
declare module 'asl-validator' {
  interface AslValidatorError {
    'Error code': string;
    Message: string;
    schemaError?: { instancePath?: string };
  }
  function validator(definition: unknown, options?: { checkPaths?: boolean; checkArn?: boolean }): { isValid: boolean; errors: AslValidatorError[]; errorsText(separator?: string): string };
  export default validator;
}
