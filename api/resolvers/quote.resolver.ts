import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import { linesOfQuotes, quotesOfTickets } from '../../domain/quotes/quote-access';
import { acceptQuote, declineQuote, sendQuote, withdrawQuote } from '../../domain/quotes/quote-answer.service';
import { createQuote, updateQuote } from '../../domain/quotes/quote-draft.service';
import { effectiveState } from '../../domain/quotes/quote-state';
import { RepairQuote, RepairQuoteLine, Ticket } from '../../schema/entities';
import { QuoteState } from '../../core/paid-service-enums';
import {
  CreateQuoteInput,
  DeclineQuoteInput,
  QuoteStepInput,
  RepairQuotePayload,
  UpdateQuoteInput,
  WithdrawQuoteInput,
} from '../../schema/graphql/quote.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { requestLoader } from '../request-loader';
import { SavingMutation } from '../graphql/saving-mutation';
import { storeToday } from '../graphql/store-today';

@Resolver()
export class QuoteResolver {
  @SavingMutation(() => RepairQuotePayload, 'Draft a repair quote on a ticket; the server computes every amount and the total.', Permission.QUOTE_WRITE)
  async createQuote(@Arg('input') input: CreateQuoteInput, @Ctx() ctx: ApiContext): Promise<Omit<RepairQuotePayload, 'userErrors'>> {
    return { quote: await createQuote(tenantOf(ctx), input) };
  }

  @SavingMutation(() => RepairQuotePayload, "Change a draft quote's lines, last valid day or note.", Permission.QUOTE_WRITE)
  async updateQuote(@Arg('input') input: UpdateQuoteInput, @Ctx() ctx: ApiContext): Promise<Omit<RepairQuotePayload, 'userErrors'>> {
    return { quote: await updateQuote(tenantOf(ctx), input) };
  }

  @SavingMutation(() => RepairQuotePayload, "Send a draft quote to the customer; it appears on the ticket's customer timeline.", Permission.QUOTE_WRITE)
  async sendQuote(@Arg('input') input: QuoteStepInput, @Ctx() ctx: ApiContext): Promise<Omit<RepairQuotePayload, 'userErrors'>> {
    return { quote: await sendQuote(tenantOf(ctx), input) };
  }

  @SavingMutation(() => RepairQuotePayload, 'Record that the customer accepted a sent quote, on or before its last valid day.', Permission.QUOTE_WRITE)
  async acceptQuote(@Arg('input') input: QuoteStepInput, @Ctx() ctx: ApiContext): Promise<Omit<RepairQuotePayload, 'userErrors'>> {
    return { quote: await acceptQuote(tenantOf(ctx), input) };
  }

  @SavingMutation(() => RepairQuotePayload, 'Record that the customer declined a sent quote.', Permission.QUOTE_WRITE)
  async declineQuote(@Arg('input') input: DeclineQuoteInput, @Ctx() ctx: ApiContext): Promise<Omit<RepairQuotePayload, 'userErrors'>> {
    return { quote: await declineQuote(tenantOf(ctx), input) };
  }

  @SavingMutation(() => RepairQuotePayload, 'Withdraw a draft or a sent quote, with the reason (e.g. to revise it).', Permission.QUOTE_WRITE)
  async withdrawQuote(@Arg('input') input: WithdrawQuoteInput, @Ctx() ctx: ApiContext): Promise<Omit<RepairQuotePayload, 'userErrors'>> {
    return { quote: await withdrawQuote(tenantOf(ctx), input) };
  }
}

@Resolver(() => RepairQuote)
export class RepairQuoteFieldsResolver {
  @FieldResolver(() => QuoteState, { description: "Where the quote is today: a sent quote past its last valid day (in the store's calendar) is EXPIRED." })
  async state(@Root() quote: RepairQuote, @Ctx() ctx: ApiContext): Promise<QuoteState> {
    return quote.state === QuoteState.SENT ? effectiveState(quote, await storeToday(ctx)) : quote.state;
  }

  @FieldResolver(() => [RepairQuoteLine], { description: 'The lines, in their order.' })
  lines(@Root() quote: RepairQuote, @Ctx() ctx: ApiContext): Promise<RepairQuoteLine[]> {
    return requestLoader(ctx, 'lines', linesOfQuotes).load(quote.id);
  }

  @FieldResolver(() => Ticket, { description: 'The ticket the quote is for.' })
  async ticket(@Root() quote: RepairQuote, @Ctx() ctx: ApiContext): Promise<Ticket> {
    return (await loadersOf(ctx).ticket.load(quote.ticketId))!;
  }
}

@Resolver(() => Ticket)
export class TicketQuotesResolver {
  @FieldResolver(() => [RepairQuote], { description: 'Repair quotes given on this ticket, oldest first.' })
  quotes(@Root() ticket: Ticket, @Ctx() ctx: ApiContext): Promise<RepairQuote[]> {
    return requestLoader(ctx, 'quotes', quotesOfTickets).load(ticket.id);
  }
}
