import type { CodegenConfig } from '@graphql-codegen/cli';

/**
 * Every operation of the console is typed from the schema the api emits
 * (schema/schema.graphql): a schema change that breaks a page breaks the build.
 * Paths are from the project's root, where `npm run console:codegen` runs.
 */
const config: CodegenConfig = {
  schema: 'schema/schema.graphql',
  documents: ['console/src/**/*.{ts,tsx}', '!console/src/gql/**/*'],
  ignoreNoDocuments: true,
  generates: {
    'console/src/gql/': {
      preset: 'client',
      config: { useTypeImports: true, enumsAsTypes: true, scalars: { DateTimeISO: 'string', JSONObject: 'Record<string, unknown>' } },
      presetConfig: { fragmentMasking: false },
    },
  },
  errorsOnly: true,
};

export default config;
