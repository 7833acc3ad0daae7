import { graphql } from '../../gql';

export const QUEUE_PAGE = graphql(`
  query DeskQueuePage($first: Int!, $after: String, $status: [TicketStatus!], $assigneeId: ID) {
    tickets(first: $first, after: $after, status: $status, assigneeId: $assigneeId, sort: URGENCY) {
      edges {
        node {
          id
          number
          status
          priority
          type
          customer {
            id
            name
            phone
          }
          device {
            id
            serialNumber
            model {
              id
              name
            }
          }
          assignee {
            id
            name
          }
          slaClocks {
            metric
            state
            dueAt
            breachedAt
          }
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
