import { Arg, Ctx, FieldResolver, Resolver, Root } from 'type-graphql';
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
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class AppointmentResolver {
  @SavingMutation(() => AppointmentPayload, 'Schedule an on-site visit: a window, a technician, an address. The customer is told.', Permission.TICKET_WRITE)
  scheduleAppointment(@Arg('input') input: ScheduleAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentResult> {
    return scheduleAppointment(tenantOf(ctx), input);
  }

  @SavingMutation(() => AppointmentPayload, 'Move a scheduled visit to another window. The customer is told.', Permission.TICKET_WRITE)
  rescheduleAppointment(@Arg('input') input: RescheduleAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentResult> {
    return rescheduleAppointment(tenantOf(ctx), input);
  }

  @SavingMutation(() => AppointmentPayload, 'Record that a scheduled visit took place.', Permission.TICKET_WORK)
  completeAppointment(@Arg('input') input: CompleteAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentResult> {
    return completeAppointment(tenantOf(ctx), input);
  }

  @SavingMutation(() => AppointmentPayload, 'Call off a scheduled visit. The customer is told.', Permission.TICKET_WRITE)
  cancelAppointment(@Arg('input') input: CancelAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentResult> {
    return cancelAppointment(tenantOf(ctx), input);
  }

  @SavingMutation(() => AppointmentPayload, 'Record that a scheduled visit did not happen.', Permission.TICKET_WRITE)
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
