// Rewrites test/domain-events.snapshot.txt from the built code (`npm run build` first).
// Review the diff: it is a change of who reacts to what, and in which order.
import { createRequire } from 'node:module';
import { writeFileSync } from 'node:fs';

const require = createRequire(import.meta.url);
require('reflect-metadata');
const { renderSubscriptions } = require('../dist/domain/events/dispatcher.js');
const { DOMAIN_EVENT_SUBSCRIPTIONS } = require('../dist/domain/wiring/domain-event-subscriptions.js');

const text = renderSubscriptions(DOMAIN_EVENT_SUBSCRIPTIONS);
writeFileSync(new URL('../test/domain-events.snapshot.txt', import.meta.url), text);
console.log(`wrote ${text.trim().split('\n').length} lines`);
