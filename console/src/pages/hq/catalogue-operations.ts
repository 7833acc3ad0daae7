import { graphql } from '../../gql';

export const PAID_SERVICES = graphql(`
  query HqPaidServices {
    paidServices(first: 100, includeInactive: true) {
      edges {
        node {
          id
          code
          nameZhCn
          nameEn
          description
          includes
          active
          requiresDevice
          extendsWarranty
          warrantyExtensionMonths
          version
          minPrice {
            amountMinor
            currency
            formatted
          }
          maxPrice {
            amountMinor
            currency
            formatted
          }
        }
      }
    }
  }
`);

export const CREATE_PAID_SERVICE = graphql(`
  mutation CreatePaidService($input: CreatePaidServiceInput!) {
    createPaidService(input: $input) {
      paidService {
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

export const UPDATE_PAID_SERVICE = graphql(`
  mutation UpdatePaidService($input: UpdatePaidServiceInput!) {
    updatePaidService(input: $input) {
      paidService {
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

export const DEACTIVATE_PAID_SERVICE = graphql(`
  mutation DeactivatePaidService($input: PaidServiceActivationInput!) {
    deactivatePaidService(input: $input) {
      paidService {
        id
        active
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

export const REACTIVATE_PAID_SERVICE = graphql(`
  mutation ReactivatePaidService($input: PaidServiceActivationInput!) {
    reactivatePaidService(input: $input) {
      paidService {
        id
        active
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
