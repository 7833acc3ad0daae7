import { graphql } from '../../gql';

export const WORK_ORDER_FIGURES = graphql(`
  query PartnerWorkOrderFigures($period: FigurePeriodInput!, $groupBy: FigureInterval) {
    workOrderFigures(period: $period, groupBy: $groupBy) {
      from
      to
      received
      repaired
      repairedOnTime
      repairedLate
      repairedWithoutDeadline
      onTimePercent
      reworked
      returnedUnrepaired
      cancelled
      open
      overdue
      turnaround {
        averageHours
        medianHours
        p90Hours
      }
      series {
        start
        received
        repairedOnTime
        repairedLate
        repaired
      }
    }
  }
`);

export const WORK_ORDER_FIGURE_ORDERS = graphql(`
  query PartnerWorkOrderFigureOrders($period: FigurePeriodInput!, $figure: WorkOrderFigure!, $first: Int!, $after: String) {
    workOrderFigureOrders(period: $period, figure: $figure, first: $first, after: $after) {
      edges {
        node {
          id
          reference
          deviceModel
          status
          createdAt
          storeDueAt
          repairedAt
          reworks
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`);
