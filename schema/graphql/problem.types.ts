import { ArgsType, Field, ID, InputType, Int, ObjectType } from 'type-graphql';
import { FaultCategory, ProblemStatus, ProblemTrend } from '../../core/problem-enums';
import { Problem, ProductModel } from '../entities';
import { Connection, PageArgs } from './connection';
import { GlobalIdOf } from './global-id-of';
import { PayloadWith } from './payload';
import { VersionedInput, versionYouRead } from './versioned-input';

export const ProblemConnection = Connection(Problem, 'Problem');

@InputType({ description: "A new problem record of the caller (a store its own, an HQ the network's)." })
export class CreateProblemInput {
  @Field({ description: 'A short name of the problem, 1 to 200 characters.' }) title!: string;

  @Field(() => ID, { nullable: true, description: "The product model of HQ's catalogue the tickets share." })
  @GlobalIdOf('ProductModel')
  modelId?: string | null;

  @Field(() => FaultCategory, { nullable: true, description: 'The kind of fault the tickets share.' }) faultCategory?: FaultCategory | null;
  @Field(() => String, { nullable: true, description: 'What causes it.' }) rootCause?: string | null;
  @Field(() => String, { nullable: true, description: 'What the desk can do meanwhile (required for KNOWN_ERROR).' }) workaround?: string | null;
  @Field(() => String, { nullable: true, description: 'What removes the cause.' }) fix?: string | null;
  @Field(() => ProblemStatus, { nullable: true, description: 'Defaults to OPEN.' }) status?: ProblemStatus | null;

  @Field(() => ID, { nullable: true, description: "Who handles it: a staff user of the problem's owner; give it with `dueDate`." })
  @GlobalIdOf('StaffUser')
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'By when (YYYY-MM-DD); give it with `ownerId`.' }) dueDate?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Or, instead of `dueDate`: due this many working days from now, on the caller's working calendar (1 to 250).",
  })
  dueInWorkingDays?: number | null;

  @Field(() => [ID], { nullable: true, description: 'Tickets to link at once (see `linkProblemTickets`).' })
  @GlobalIdOf('Ticket')
  ticketIds?: string[] | null;
}

@InputType({ description: 'Changes to a problem record; omitted fields stay.' })
export class UpdateProblemInput extends VersionedInput('problemId', 'Problem', 'The problem.', versionYouRead('problem')) {
  @Field(() => String, { nullable: true, description: 'A short name of the problem.' }) title?: string | null;

  @Field(() => ID, { nullable: true, description: "The product model of HQ's catalogue." })
  @GlobalIdOf('ProductModel')
  modelId?: string | null;

  @Field(() => FaultCategory, { nullable: true, description: 'The kind of fault.' }) faultCategory?: FaultCategory | null;
  @Field(() => String, { nullable: true, description: 'What causes it.' }) rootCause?: string | null;
  @Field(() => String, { nullable: true, description: 'What the desk can do meanwhile.' }) workaround?: string | null;
  @Field(() => String, { nullable: true, description: 'What removes the cause.' }) fix?: string | null;

  @Field(() => ProblemStatus, { nullable: true, description: 'OPEN, KNOWN_ERROR (needs a workaround) or RESOLVED (needs the fix).' })
  status?: ProblemStatus | null;

  @Field(() => ID, { nullable: true, description: 'Who handles it; give it with `dueDate`.' })
  @GlobalIdOf('StaffUser')
  ownerId?: string | null;

  @Field(() => String, { nullable: true, description: 'By when (YYYY-MM-DD); give it with `ownerId`.' }) dueDate?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Or, instead of `dueDate`: due this many working days from now, on the caller's working calendar (1 to 250).",
  })
  dueInWorkingDays?: number | null;
}

@InputType({ description: 'Tickets that share the cause of a problem.' })
export class LinkProblemTicketsInput extends VersionedInput('problemId', 'Problem', 'The problem.', versionYouRead('problem')) {
  @Field(() => [ID], {
    nullable: true,
    description: "Tickets by id: the store's own, or for an HQ's problem, tickets of its stores; with `ticketNumbers`, 1 to 100 in all.",
  })
  @GlobalIdOf('Ticket')
  ticketIds?: string[] | null;

  @Field(() => [String], {
    nullable: true,
    description: 'Or tickets by the number the customer quotes (e.g. `ZGC-2026-000123`), as the desk reads it off a receipt.',
  })
  ticketNumbers?: string[] | null;
}

@InputType({ description: 'A ticket that turned out not to share the cause.' })
export class UnlinkProblemTicketInput extends VersionedInput('problemId', 'Problem', 'The problem.', versionYouRead('problem')) {
  @Field(() => ID, { description: 'The linked ticket.' })
  @GlobalIdOf('Ticket')
  ticketId!: string;
}

@InputType({ description: "One of the month's top problems is being handled: by whom and by when." })
export class MarkTopProblemHandledInput {
  @Field(() => ID, { description: 'The product model of the top problem.' })
  @GlobalIdOf('ProductModel')
  modelId!: string;

  @Field(() => FaultCategory, { description: 'The fault category of the top problem.' }) faultCategory!: FaultCategory;

  @Field(() => ID, { description: "Who handles it: a staff user of the caller's tenant." })
  @GlobalIdOf('StaffUser')
  ownerId!: string;

  @Field(() => String, { nullable: true, description: 'By when (YYYY-MM-DD); or give `dueInWorkingDays`.' }) dueDate?: string | null;

  @Field(() => Int, {
    nullable: true,
    description: "Or, instead of `dueDate`: due this many working days from now, on the caller's working calendar (1 to 250).",
  })
  dueInWorkingDays?: number | null;
}

@ObjectType({ description: 'A problem record as saved.' })
export class ProblemPayload extends PayloadWith('problem', () => Problem, 'The problem as saved.') {}

@ArgsType()
export class ProblemsArgs extends PageArgs {
  @Field(() => [ProblemStatus], { nullable: true, description: 'Any of these states.' }) status?: ProblemStatus[] | null;

  @Field(() => ID, { nullable: true, description: 'Only problems of this product model.' })
  @GlobalIdOf('ProductModel')
  modelId?: string | null;

  @Field(() => FaultCategory, { nullable: true, description: 'Only problems of this fault category.' }) faultCategory?: FaultCategory | null;
  @Field(() => Boolean, { nullable: true, description: "Only problems not RESOLVED whose due date is before today (the caller's calendar day)." }) overdue?:
    boolean | null;

  @Field(() => ID, { nullable: true, description: "HQ: only this store's own problems (without it, the HQ's and all its stores')." })
  @GlobalIdOf('Tenant')
  store?: string | null;
}

@ArgsType()
export class TopProblemsArgs {
  @Field({ description: 'The month, YYYY-MM, in the calendar of the store (each store its own for the network).' }) month!: string;

  @Field(() => ID, { nullable: true, description: "A store's top problems (an HQ: one of its stores; a store: itself). HQ without it: the network's." })
  @GlobalIdOf('Tenant')
  store?: string | null;
}

@ObjectType({ description: 'One of the most frequent problems of a month: tickets of one product model and fault category.' })
export class TopProblem {
  @Field(() => Int, { description: '1 for the most frequent.' }) rank!: number;
  @Field(() => ProductModel, { description: 'The product model of the tickets.' }) model!: ProductModel;
  @Field(() => FaultCategory, { description: 'Their fault category.' }) faultCategory!: FaultCategory;
  @Field(() => Int, { description: 'Tickets registered in the month (cancelled ones left out).' }) count!: number;
  @Field(() => Int, { description: 'Tickets of the same model and category registered the month before.' }) previousCount!: number;
  @Field(() => ProblemTrend, { description: "How the month's count compares with the month before." }) trend!: ProblemTrend;

  @Field(() => Problem, {
    nullable: true,
    description:
      "The caller's problem record for this model and category that is not RESOLVED (for a store, else its HQ's), if any: its owner and due date say it is being handled.",
  })
  problem!: Problem | null;
}
