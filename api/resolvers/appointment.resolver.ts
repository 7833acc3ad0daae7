import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import {
  cancelAppointment,
  completeAppointment,
  markAppointmentMissed,
  rescheduleAppointment,
  scheduleAppointment,
  type AppointmentResult,
} from '../../domain/tickets/appointment.service';
import { Appointment, StaffUser } from '../../schema/entities';
import {
  AppointmentPayload,
  CancelAppointmentInput,
  CompleteAppointmentInput,
  MarkAppointmentMissedInput,
  RescheduleAppointmentInput,
  ScheduleAppointmentInput,
} from '../../schema/graphql/appointment.types';
import { ApiContext, loadersOf, tenantOf } from '../context';
import { Requires } from '../graphql/guard';
import { ReturnsUserErrors } from '../graphql/user-errors';

@Resolver()
export class AppointmentResolver {
  @Mutation(() => AppointmentPayload, { description: 'Schedule an on-site visit: a window, a technician, an address. The customer is told.' })
  @Requires(Permission.TICKET_WRITE)
  @ReturnsUserErrors()
  scheduleAppointment(@Arg('input') input: ScheduleAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentResult> {
    return scheduleAppointment(tenantOf(ctx), input);
  }

  @Mutation(() => AppointmentPayload, { description: 'Move a scheduled visit to another window. The customer is told.' })
  @Requires(Permission.TICKET_WRITE)
  @ReturnsUserErrors()
  rescheduleAppointment(@Arg('input') input: RescheduleAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentResult> {
    return rescheduleAppointment(tenantOf(ctx), input);
  }

  @Mutation(() => AppointmentPayload, { description: 'Record that a scheduled visit took place.' })
  @Requires(Permission.TICKET_WORK)
  @ReturnsUserErrors()
  completeAppointment(@Arg('input') input: CompleteAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentResult> {
    return completeAppointment(tenantOf(ctx), input);
  }

  @Mutation(() => AppointmentPayload, { description: 'Call off a scheduled visit. The customer is told.' })
  @Requires(Permission.TICKET_WRITE)
  @ReturnsUserErrors()
  cancelAppointment(@Arg('input') input: CancelAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentResult> {
    return cancelAppointment(tenantOf(ctx), input);
  }

  @Mutation(() => AppointmentPayload, { description: 'Record that a scheduled visit did not happen.' })
  @Requires(Permission.TICKET_WRITE)
  @ReturnsUserErrors()
  markAppointmentMissed(@Arg('input') input: MarkAppointmentMissedInput, @Ctx() ctx: ApiContext): Promise<AppointmentResult> {
    return markAppointmentMissed(tenantOf(ctx), input);
  }
}

@Resolver(() => Appointment)
export class AppointmentFieldsResolver {
  @FieldResolver(() => StaffUser, { description: 'The technician who goes.' })
  async technician(@Root() appointment: Appointment, @Ctx() ctx: ApiContext): Promise<StaffUser> {
    return (await loadersOf(ctx).staffUser.load(appointment.technicianId))!;
  }
}
