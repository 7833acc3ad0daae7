import { graphql } from '../../gql';

/**
 * The queue's later pages: as many rows as fit the default query-cost budget
 * of one request (1,000 points), each row being 11 (the ticket, its customer,
 * device and model, assignee, and its clocks with their computation).
 */
export const QUEUE_NEXT_PAGES = 80;

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
