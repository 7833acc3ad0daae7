import { graphql } from '../../../gql';

/** An order as the money page shows it: read with the page, and alone while Stripe's answer is awaited. */
export const MONEY_ORDER = graphql(`
  fragment ManageMoneyOrder on ServiceOrder {
    id
    kind
    state
    createdAt
    version
    paymentUrl
    paymentExpiresAt
    allowedTransitions
    quote {
      id
    }
    total {
      amountMinor
      currency
    }
    amountPaid {
      amountMinor
      currency
    }
    amountRefunded {
      amountMinor
      currency
    }
    refundable {
      amountMinor
      currency
    }
    refundPending {
      amountMinor
      currency
    }
    lines {
      position
      nameZhCn
      nameEn
      quantity
      amount {
        amountMinor
        currency
      }
    }
    refunds {
      createdAt
      reason
      state
      confirmedAt
      failureReason
      amount {
        amountMinor
        currency
      }
    }
  }
`);

export const MONEY = graphql(`
  query ManageTicketMoney($id: ID!) {
    ticket(id: $id) {
      id
      number
      problem
      quotes {
        id
        state
        createdAt
        validUntil
        note
        reason
        version
        total {
          amountMinor
          currency
        }
        lines {
          position
          kind
          description
          quantity
          unitPrice {
            amountMinor
            currency
          }
          amount {
            amountMinor
            currency
          }
        }
      }
      orders {
        ...ManageMoneyOrder
      }
    }
    paidServices(first: 100, availableOnly: true) {
      edges {
        node {
          id
          nameZhCn
          nameEn
          storeOffer {
            price {
              amountMinor
              currency
            }
          }
        }
      }
    }
  }
`);

/** Only the ticket's orders (cheap to ask every few seconds); they land on the same ticket in the cache, so the page shows them. */
export const MONEY_ORDERS = graphql(`
  query ManageTicketOrders($id: ID!) {
    ticket(id: $id) {
      id
      orders {
        ...ManageMoneyOrder
      }
    }
  }
`);

export const CREATE_QUOTE = graphql(`
  mutation ManageCreateQuote($input: CreateQuoteInput!) {
    createQuote(input: $input) {
      quote {
        id
        state
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const SEND_QUOTE = graphql(`
  mutation ManageSendQuote($input: QuoteStepInput!) {
    sendQuote(input: $input) {
      quote {
        id
        state
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const WITHDRAW_QUOTE = graphql(`
  mutation ManageWithdrawQuote($input: WithdrawQuoteInput!) {
    withdrawQuote(input: $input) {
      quote {
        id
        state
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const CREATE_ORDER = graphql(`
  mutation ManageCreateServiceOrder($input: CreateServiceOrderInput!) {
    createServiceOrder(input: $input) {
      order {
        id
        state
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const REQUEST_PAYMENT = graphql(`
  mutation ManageRequestPayment($input: OrderStepInput!) {
    requestPayment(input: $input) {
      order {
        id
        state
        paymentUrl
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const CANCEL_ORDER = graphql(`
  mutation ManageCancelOrder($input: CancelOrderInput!) {
    cancelOrder(input: $input) {
      order {
        id
        state
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const REFUND_ORDER = graphql(`
  mutation ManageRefundOrder($input: RefundOrderInput!) {
    refundOrder(input: $input) {
      order {
        id
        state
      }
      refund {
        state
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);
