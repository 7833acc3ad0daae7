import { graphql } from '../../gql';

// What a problem page shows of a record: the list, the detail and every change answer the same fields
// (the operations below spread it; the client preset puts its definition into each of them).
graphql(`
  fragment ProblemFields on Problem {
    id
    title
    status
    faultCategory
    rootCause
    workaround
    fix
    dueDate
    handlingSince
    mine
    version
    createdAt
    updatedAt
    model {
      id
      name
      modelCode
    }
    owner {
      id
      name
    }
  }
`);

export const PROBLEMS = graphql(`
  query ProblemList($first: Int!, $after: String, $status: [ProblemStatus!], $modelId: ID) {
    problems(first: $first, after: $after, status: $status, modelId: $modelId) {
      edges {
        node {
          ...ProblemFields
          tickets {
            id
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

export const PROBLEM = graphql(`
  query ProblemDetail($id: ID!) {
    problem(id: $id) {
      ...ProblemFields
      tickets {
        id
        number
        status
        faultCategory
        createdAt
      }
    }
  }
`);

export const PRODUCT_MODELS = graphql(`
  query ProblemProductModels {
    productModels(first: 100) {
      edges {
        node {
          id
          name
          modelCode
        }
      }
    }
  }
`);

export const STAFF = graphql(`
  query ProblemOwners {
    staffUsers(first: 100) {
      edges {
        node {
          id
          name
          status
        }
      }
    }
  }
`);

export const CREATE_PROBLEM = graphql(`
  mutation ProblemCreate($input: CreateProblemInput!) {
    createProblem(input: $input) {
      problem {
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

export const UPDATE_PROBLEM = graphql(`
  mutation ProblemUpdate($input: UpdateProblemInput!) {
    updateProblem(input: $input) {
      problem {
        ...ProblemFields
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const LINK_TICKETS = graphql(`
  mutation ProblemLinkTickets($input: LinkProblemTicketsInput!) {
    linkProblemTickets(input: $input) {
      problem {
        ...ProblemFields
        tickets {
          id
          number
          status
          faultCategory
          createdAt
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const UNLINK_TICKET = graphql(`
  mutation ProblemUnlinkTicket($input: UnlinkProblemTicketInput!) {
    unlinkProblemTicket(input: $input) {
      problem {
        ...ProblemFields
        tickets {
          id
          number
          status
          faultCategory
          createdAt
        }
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);
