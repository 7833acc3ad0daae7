import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { describeTrigger, escalationSchedule, ladderFor } from '../../domain/standards/escalation-ladder';
import { escalateTicket } from '../../domain/standards/escalation.service';
import { ticketClocks } from '../../domain/standards/ticket-clocks';
import { ladderClocks, levelKey, reachedLevels } from '../../domain/standards/ticket-watch';
import { Ticket } from '../../schema/entities';
import { EscalateTicketInput, EscalationPayload, EscalationStep } from '../../schema/graphql/escalation.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { ReturnsUserErrors } from '../graphql/user-errors';

@Resolver(() => Ticket)
export class EscalationResolver {
  @Mutation(() => EscalationPayload, { description: 'Push a ticket up the escalation ladder by hand, with a reason; the timeline records who was told.' })
  @Requires(Permission.TICKET_WORK)
  @ReturnsUserErrors({ notified: [] })
  async escalateTicket(@Arg('input') input: EscalateTicketInput, @Ctx() ctx: ApiContext): Promise<Omit<EscalationPayload, 'userErrors'>> {
    const result = await escalateTicket(tenantOf(ctx), input);
    const notified = [...result.notified.people.map((p) => p.name), ...result.notified.groups];
    return { ticket: result.ticket, level: result.level.level, levelName: result.level.name, notified };
  }

  @FieldResolver(() => [EscalationStep], {
    description:
      'For each clock a person answers for, when each level of the escalation ladder falls due (a level already reached: when it fell due). Once the work is resolved only the satisfaction callback is chased; nothing once the ticket is closed.',
  })
  async escalationSchedule(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<EscalationStep[]> {
    const loaders = loadersOf(ctx);
    const tenant = tenantOf(ctx);
    const [customer, events, parts, calendar] = await Promise.all([
      loaders.customer.load(ticket.customerId),
      loaders.eventsByTicket.load(ticket.id),
      loaders.partsOrdersByTicket.load(ticket.id),
      loaders.calendar(),
    ]);
    const now = tenant.clock.now();
    const ladder = ladderFor(ticket);
    // A level the worker (or a person) already acted on is reached, even if, by the calendar, its time is still to come.
    const acted = reachedLevels(events);
    // The clocks a person is chased for (the worker keeps the progress updates itself).
    return ladderClocks({ ticket, clocks: ticketClocks({ ticket, customer, events, parts, calendar, now }) }).flatMap((clock) =>
      escalationSchedule(clock, ladder, calendar, now).map((step) => ({
        metric: step.metric,
        level: step.level.level,
        name: step.level.name,
        trigger: describeTrigger(step.level.trigger),
        dueAt: step.dueAt,
        reached: step.reached || acted.has(levelKey(clock, step.level.level)),
      })),
    );
  }
}
