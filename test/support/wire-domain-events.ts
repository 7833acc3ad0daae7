import { wireDomainEvents } from '../../domain/wiring/domain-event-subscriptions';

// Every test process is wired as the api and the worker are at start: tests
// that call a service or a processor directly see the same subscribers.
wireDomainEvents();
