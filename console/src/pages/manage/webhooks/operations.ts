import { graphql } from '../../../gql';

export const ENDPOINT_FIELDS = graphql(`
  fragment ManageWebhookEndpoint on WebhookEndpoint {
    id
    url
    description
    eventTypes
    status
    disabledCause
    disabledReason
    consecutiveFailedDeliveries
    previousSecretExpiresAt
    createdAt
    version
  }
`);

export const ENDPOINTS = graphql(`
  query ManageWebhookEndpoints {
    webhookEndpoints(first: 100) {
      edges {
        node {
          ...ManageWebhookEndpoint
        }
      }
    }
  }
`);

export const DELIVERIES = graphql(`
  query ManageWebhookDeliveries($id: ID!) {
    webhookEndpoint(id: $id) {
      id
      url
      deliveries(first: 50) {
        edges {
          node {
            id
            webhookId
            eventType
            state
            attemptCount
            maxAttempts
            lastError
            createdAt
            completedAt
            nextAttemptAt
            replayOf
            skippedReason
            attempts {
              attemptNumber
              at
              statusCode
              latencyMs
              error
            }
          }
        }
      }
    }
  }
`);

export const CREATE_ENDPOINT = graphql(`
  mutation ManageCreateWebhookEndpoint($input: CreateWebhookEndpointInput!) {
    createWebhookEndpoint(input: $input) {
      webhookEndpoint {
        ...ManageWebhookEndpoint
      }
      secret
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const UPDATE_ENDPOINT = graphql(`
  mutation ManageUpdateWebhookEndpoint($input: UpdateWebhookEndpointInput!) {
    updateWebhookEndpoint(input: $input) {
      webhookEndpoint {
        ...ManageWebhookEndpoint
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const DISABLE_ENDPOINT = graphql(`
  mutation ManageDisableWebhookEndpoint($input: DisableWebhookEndpointInput!) {
    disableWebhookEndpoint(input: $input) {
      webhookEndpoint {
        ...ManageWebhookEndpoint
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const ENABLE_ENDPOINT = graphql(`
  mutation ManageEnableWebhookEndpoint($input: EnableWebhookEndpointInput!) {
    enableWebhookEndpoint(input: $input) {
      webhookEndpoint {
        ...ManageWebhookEndpoint
      }
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const DELETE_ENDPOINT = graphql(`
  mutation ManageDeleteWebhookEndpoint($input: DeleteWebhookEndpointInput!) {
    deleteWebhookEndpoint(input: $input) {
      deletedWebhookEndpointId
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const ROTATE_SECRET = graphql(`
  mutation ManageRotateWebhookSecret($input: RotateWebhookEndpointSecretInput!) {
    rotateWebhookEndpointSecret(input: $input) {
      webhookEndpoint {
        ...ManageWebhookEndpoint
      }
      secret
      userErrors {
        field
        code
        message
      }
    }
  }
`);

export const REPLAY = graphql(`
  mutation ManageReplayWebhookDelivery($input: ReplayWebhookDeliveryInput!) {
    replayWebhookDelivery(input: $input) {
      delivery {
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
