import { Field, ObjectType } from 'type-graphql';
import { describeEnum } from '../../core/describe-enum';
import { TicketType } from '../../core/desk-enums';
import { CustomerTier, Locale } from '../../core/enums';
import { CommitmentKind, TargetUnit } from '../../core/sla-enums';
import { CustomerStore } from './customer-status.types';

describeEnum(CommitmentKind, 'CommitmentKind', "What a line of a store's published commitments promises.", {
  FIRST_CONTACT: 'Someone contacts the customer, within the first-contact target.',
  DISPATCH: 'The request is handed to the person responsible for it, within the dispatch target.',
  RESOLUTION: 'The request is resolved, within the resolution target of its type.',
  PROGRESS_UPDATE: 'While the request is open, the customer hears how it stands at least this often.',
  PART_DATE_CHANGE: "A part's later date is told as soon as the store records it.",
  PART_LATE: 'A part late without a new date is told on the next working day, with the next word due within the progress target.',
  CALLBACK: 'After resolution, the satisfaction callback, within the callback target.',
});

@ObjectType({ description: "One promise of a store's service standard, as its customers read it." })
export class StoreCommitment {
  @Field(() => CommitmentKind, { description: 'What it promises.' }) kind!: CommitmentKind;
  @Field(() => [TicketType], { description: 'The kinds of request it speaks of.' }) ticketTypes!: TicketType[];
  @Field({ description: 'Whether it speaks of every kind of request.' }) allTypes!: boolean;
  @Field(() => CustomerTier, { nullable: true, description: 'VIP: it holds for VIP customers only; null: for every customer.' }) tier!: CustomerTier | null;
  @Field(() => Number, { nullable: true, description: 'The target it promises, in `unit`; null for a promise without a target of its own.' }) amount!:
    number | null;
  @Field(() => TargetUnit, { nullable: true, description: "The target's unit." }) unit!: TargetUnit | null;
  @Field({ description: 'The promise in words, in the language asked for.' }) text!: string;
}

@ObjectType({ description: "A store's published service commitments: what it promises every customer, from the standard its tickets are held to." })
export class StoreCommitments {
  @Field({ description: "The store's code, as in the page's address." }) slug!: string;
  @Field(() => CustomerStore, { description: 'How to reach the store.' }) store!: CustomerStore;
  @Field(() => Locale, { description: 'The language of `text`.' }) locale!: Locale;

  @Field(() => [StoreCommitment], {
    description:
      'In the order a request meets them: first contact, dispatch, resolution by kind of request, progress, parts, callback. Empty before HQ publishes a standard.',
  })
  commitments!: StoreCommitment[];
}
