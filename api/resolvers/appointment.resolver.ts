import { Arg, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import { Permission } from '../../domain/permissions';
import {
  cancelAppointment,
  completeAppointment,
  markAppointmentMissed,
  rescheduleAppointment,
  scheduleAppointment,
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
import { idOf, withUserErrors } from '../graphql/relay';

const EMPTY = { appointment: null, ticket: null };

@Resolver()
export class AppointmentResolver {
  @Mutation(() => AppointmentPayload, { description: 'Schedule an on-site visit: a window, a technician, an address. The customer is told.' })
  @Requires(Permission.TICKET_WRITE)
  scheduleAppointment(@Arg('input') input: ScheduleAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentPayload> {
    return withUserErrors<AppointmentPayload>(
      () =>
        scheduleAppointment(tenantOf(ctx), {
          ...input,
          ticketId: idOf(input.ticketId, 'Ticket'),
          technicianId: idOf(input.technicianId, 'StaffUser'),
        }),
      EMPTY,
    );
  }

  @Mutation(() => AppointmentPayload, { description: 'Move a scheduled visit to another window. The customer is told.' })
  @Requires(Permission.TICKET_WRITE)
  rescheduleAppointment(@Arg('input') input: RescheduleAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentPayload> {
    return withUserErrors<AppointmentPayload>(
      () =>
        rescheduleAppointment(tenantOf(ctx), {
          ...input,
          appointmentId: idOf(input.appointmentId, 'Appointment'),
          technicianId: input.technicianId ? idOf(input.technicianId, 'StaffUser') : null,
        }),
      EMPTY,
    );
  }

  @Mutation(() => AppointmentPayload, { description: 'Record that a scheduled visit took place.' })
  @Requires(Permission.TICKET_WORK)
  completeAppointment(@Arg('input') input: CompleteAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentPayload> {
    return withUserErrors<AppointmentPayload>(
      () => completeAppointment(tenantOf(ctx), { ...input, appointmentId: idOf(input.appointmentId, 'Appointment') }),
      EMPTY,
    );
  }

  @Mutation(() => AppointmentPayload, { description: 'Call off a scheduled visit. The customer is told.' })
  @Requires(Permission.TICKET_WRITE)
  cancelAppointment(@Arg('input') input: CancelAppointmentInput, @Ctx() ctx: ApiContext): Promise<AppointmentPayload> {
    return withUserErrors<AppointmentPayload>(
      () => cancelAppointment(tenantOf(ctx), { ...input, appointmentId: idOf(input.appointmentId, 'Appointment') }),
      EMPTY,
    );
  }

  @Mutation(() => AppointmentPayload, { description: 'Record that a scheduled visit did not happen.' })
  @Requires(Permission.TICKET_WRITE)
  markAppointmentMissed(@Arg('input') input: MarkAppointmentMissedInput, @Ctx() ctx: ApiContext): Promise<AppointmentPayload> {
    return withUserErrors<AppointmentPayload>(
      () => markAppointmentMissed(tenantOf(ctx), { ...input, appointmentId: idOf(input.appointmentId, 'Appointment') }),
      EMPTY,
    );
  }
}

@Resolver(() => Appointment)
export class AppointmentFieldsResolver {
  @FieldResolver(() => StaffUser, { description: 'The technician who goes.' })
  async technician(@Root() appointment: Appointment, @Ctx() ctx: ApiContext): Promise<StaffUser> {
    return (await loadersOf(ctx).staffUser.load(appointment.technicianId))!;
  }
}
