import { graphql } from '../../gql';

export const FIND_CUSTOMERS = graphql(`
  query DeskFindCustomers($phoneStartsWith: String!) {
    customers(first: 8, phoneStartsWith: $phoneStartsWith) {
      edges {
        node {
          id
          name
          phone
          email
          tier
        }
      }
    }
  }
`);

export const FIND_DEVICES = graphql(`
  query DeskFindDevices($serialStartsWith: String!, $customerId: ID) {
    devices(first: 8, serialStartsWith: $serialStartsWith, customerId: $customerId) {
      edges {
        node {
          id
          serialNumber
          purchaseDate
          model {
            id
            name
          }
          customer {
            id
            name
          }
        }
      }
    }
  }
`);

export const PRODUCT_MODELS = graphql(`
  query DeskProductModels {
    productModels(first: 100) {
      edges {
        node {
          id
          name
          modelCode
          category
        }
      }
    }
  }
`);

export const WARRANTY_PREVIEW = graphql(`
  query DeskWarrantyPreview($input: WarrantyPreviewInput!) {
    warrantyPreview(input: $input) {
      advice
      overrideNeeded
      returnOrExchangeAllowed
      decision {
        status
        reason
        on
        returnUntil
        exchangeUntil
        wholeMachineUntil
        mainPartsUntil
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const REGISTER_TICKET = graphql(`
  mutation DeskRegisterTicket($input: RegisterTicketInput!) {
    registerTicket(input: $input) {
      ticket {
        id
        number
        knownErrors {
          id
          title
          workaround
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
