import { graphql } from '../../gql';

export const WORK_ORDERS = graphql(`
  query PartnerWorkOrders($status: WorkOrderStatus) {
    workOrders(first: 100, status: $status) {
      edges {
        node {
          id
          reference
          deviceModel
          deviceSerial
          problem
          parts
          status
          note
          version
          createdAt
          storeDueAt
        }
      }
    }
  }
`);

export const UPDATE_WORK_ORDER = graphql(`
  mutation UpdateWorkOrder($input: UpdateWorkOrderInput!) {
    updateWorkOrder(input: $input) {
      workOrder {
        id
        status
        note
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
