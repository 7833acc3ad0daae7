import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { printAppSchema, SCHEMA_FILE } from '../api/graphql/schema-file';

/** `npm run schema:emit`: writes schema/schema.graphql from the code. */
printAppSchema()
  .then((sdl) => {
    writeFileSync(SCHEMA_FILE, sdl);
    process.stdout.write(`wrote ${SCHEMA_FILE}\n`);
  })
  .catch((error: Error) => {
    process.stderr.write(`${error.stack ?? error.message}\n`);
    process.exit(1);
  });
