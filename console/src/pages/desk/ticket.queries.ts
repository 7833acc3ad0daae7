import { graphql } from '../../gql';

export const TICKET = graphql(`
  query DeskTicket($id: ID!) {
    ticket(id: $id) {
      id
      number
      version
      status
      type
      priority
      channel
      problem
      suspectedCause
      resolution
      createdAt
      resolvedAt
      closedAt
      contactName
      contactPhone
      contactAddress
      allowedTransitions
      hasLatePart
      customer {
        id
        name
        phone
        email
        address
        tier
      }
      device {
        id
        serialNumber
        purchaseDate
        purchaseSource
        invoiceNumber
        model {
          id
          name
          modelCode
        }
      }
      assignee {
        id
        name
      }
      warrantyAtRegistration {
        status
        reason
      }
      slaClocks {
        metric
        state
        targetAmount
        targetUnit
        dueAt
        breachedAt
        stoppedAt
      }
      partsOrders {
        id
        description
        partNumber
        quantity
        supplier
        expectedOn
        status
        late
        arrivedAt
        orderedAt
        dateChanges {
          changedAt
          previousOn
          expectedOn
          reason
        }
      }
      appointments {
        id
        windowStart
        windowEnd
        address
        status
        notes
        technician {
          id
          name
        }
      }
      dispatches {
        id
        partnerId
        partnerStatus
        partnerNote
        partnerUpdatedAt
        createdAt
      }
      timeline(first: 100) {
        edges {
          node {
            kind
            summary
            occurredAt
            visibility
            actorKind
          }
        }
      }
    }
  }
`);

export const STAFF = graphql(`
  query DeskStaff {
    staffUsers(first: 100) {
      edges {
        node {
          id
          name
          role
          status
        }
      }
    }
  }
`);

export const PARTNERS = graphql(`
  query DeskPartners {
    networkPartners {
      id
      name
      slug
    }
  }
`);

export const ASSIGN = graphql(`
  mutation DeskAssign($input: AssignTicketInput!) {
    assignTicket(input: $input) {
      ticket {
        id
        version
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const MOVE = graphql(`
  mutation DeskMove($input: MoveTicketInput!) {
    moveTicket(input: $input) {
      ticket {
        id
        version
        status
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const CONTACT = graphql(`
  mutation DeskContact($input: RecordCustomerContactInput!) {
    recordCustomerContact(input: $input) {
      ticket {
        id
        version
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const NOTE = graphql(`
  mutation DeskNote($input: AddTicketNoteInput!) {
    addTicketNote(input: $input) {
      ticket {
        id
        version
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const ORDER_PART = graphql(`
  mutation DeskOrderPart($input: OrderPartInput!) {
    orderPart(input: $input) {
      partsOrder {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const CHANGE_PART_DATE = graphql(`
  mutation DeskChangePartDate($input: ChangePartExpectedDateInput!) {
    changePartExpectedDate(input: $input) {
      partsOrder {
        id
        expectedOn
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const PART_ARRIVED = graphql(`
  mutation DeskPartArrived($input: MarkPartArrivedInput!) {
    markPartArrived(input: $input) {
      partsOrder {
        id
        status
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const SCHEDULE_VISIT = graphql(`
  mutation DeskScheduleVisit($input: ScheduleAppointmentInput!) {
    scheduleAppointment(input: $input) {
      appointment {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const DISPATCH = graphql(`
  mutation DeskDispatch($input: DispatchToPartnerInput!) {
    dispatchToPartner(input: $input) {
      dispatch {
        id
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);
