import { Arg, Args, Ctx, FieldResolver, Mutation, Resolver, Root } from 'type-graphql';
import type { Page } from '../../domain/pagination';
import { Permission } from '../../domain/permissions';
import { listWebhookDeliveries, replayWebhookDelivery } from '../../domain/webhooks/delivery.service';
import {
  createWebhookEndpoint,
  deleteWebhookEndpoint,
  disableWebhookEndpoint,
  enableWebhookEndpoint,
  findWebhookEndpoint,
  listWebhookEndpoints,
  rotateWebhookEndpointSecret,
  updateWebhookEndpoint,
} from '../../domain/webhooks/endpoint.service';
import { WebhookEndpoint } from '../../schema/entities';
import { toGlobalId } from '../../core/global-id';
import { ConnectionShape, PageArgs } from '../../schema/graphql/connection';
import {
  CreateWebhookEndpointInput,
  CreateWebhookEndpointPayload,
  DeleteWebhookEndpointInput,
  DeleteWebhookEndpointPayload,
  DisableWebhookEndpointInput,
  EnableWebhookEndpointInput,
  ReplayWebhookDeliveryInput,
  ReplayWebhookDeliveryPayload,
  RotateWebhookEndpointSecretInput,
  RotateWebhookEndpointSecretPayload,
  UpdateWebhookEndpointInput,
  WebhookDelivery,
  WebhookDeliveryConnection,
  WebhookEndpointConnection,
  WebhookEndpointPayload,
} from '../../schema/graphql/webhook.types';
import { requestLoader } from '../request-loader';
import { ApiContext, tenantOf } from '../context';
import { PermittedQuery } from '../graphql/permitted-query';
import { Requires } from '../graphql/guard';
import { GlobalIdArg } from '../graphql/global-ids';
import { toConnection } from '../graphql/relay';
import { ReturnsUserErrors } from '../graphql/user-errors';
import { SavingMutation } from '../graphql/saving-mutation';

@Resolver()
export class WebhookResolver {
  @PermittedQuery(() => WebhookEndpointConnection, "The tenant's webhook endpoints, newest first.", Permission.WEBHOOK_MANAGE)
  async webhookEndpoints(@Args() page: PageArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<WebhookEndpoint>> {
    return toConnection(await listWebhookEndpoints(tenantOf(ctx), page));
  }

  @PermittedQuery(() => WebhookEndpoint, 'One webhook endpoint of the tenant.', Permission.WEBHOOK_MANAGE)
  webhookEndpoint(@GlobalIdArg('id', 'WebhookEndpoint') id: string, @Ctx() ctx: ApiContext): Promise<WebhookEndpoint> {
    return findWebhookEndpoint(tenantOf(ctx), id);
  }

  @SavingMutation(() => CreateWebhookEndpointPayload, 'Subscribe a URL to events; the signing secret is returned this once.', Permission.WEBHOOK_MANAGE)
  async createWebhookEndpoint(
    @Arg('input') input: CreateWebhookEndpointInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<CreateWebhookEndpointPayload, 'userErrors'>> {
    const { endpoint, secret } = await createWebhookEndpoint(tenantOf(ctx), input);
    return { webhookEndpoint: endpoint, secret };
  }

  @Mutation(() => WebhookEndpointPayload, {
    description: "Change an endpoint's URL, description or events; pass `expectedVersion` to refuse overwriting a colleague.",
  })
  @Requires(Permission.WEBHOOK_MANAGE)
  @ReturnsUserErrors()
  async updateWebhookEndpoint(@Arg('input') input: UpdateWebhookEndpointInput, @Ctx() ctx: ApiContext): Promise<Omit<WebhookEndpointPayload, 'userErrors'>> {
    return { webhookEndpoint: await updateWebhookEndpoint(tenantOf(ctx), input) };
  }

  @SavingMutation(() => WebhookEndpointPayload, 'Stop sending to an endpoint; deliveries due meanwhile are skipped.', Permission.WEBHOOK_MANAGE)
  async disableWebhookEndpoint(@Arg('input') input: DisableWebhookEndpointInput, @Ctx() ctx: ApiContext): Promise<Omit<WebhookEndpointPayload, 'userErrors'>> {
    return { webhookEndpoint: await disableWebhookEndpoint(tenantOf(ctx), input) };
  }

  @SavingMutation(() => WebhookEndpointPayload, 'Send to an endpoint again, with its failure count reset.', Permission.WEBHOOK_MANAGE)
  async enableWebhookEndpoint(@Arg('input') input: EnableWebhookEndpointInput, @Ctx() ctx: ApiContext): Promise<Omit<WebhookEndpointPayload, 'userErrors'>> {
    return { webhookEndpoint: await enableWebhookEndpoint(tenantOf(ctx), input.id) };
  }

  @SavingMutation(
    () => RotateWebhookEndpointSecretPayload,
    "Replace an endpoint's signing secret; the new one is returned this once.",
    Permission.WEBHOOK_MANAGE,
  )
  async rotateWebhookEndpointSecret(
    @Arg('input') input: RotateWebhookEndpointSecretInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<RotateWebhookEndpointSecretPayload, 'userErrors'>> {
    const { endpoint, secret } = await rotateWebhookEndpointSecret(tenantOf(ctx), input);
    return { webhookEndpoint: endpoint, secret };
  }

  @SavingMutation(
    () => DeleteWebhookEndpointPayload,
    'Delete an endpoint with its attempt log; its pending deliveries are cancelled.',
    Permission.WEBHOOK_MANAGE,
  )
  async deleteWebhookEndpoint(
    @Arg('input') input: DeleteWebhookEndpointInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<DeleteWebhookEndpointPayload, 'userErrors'>> {
    const id = await deleteWebhookEndpoint(tenantOf(ctx), input.id);
    return { deletedWebhookEndpointId: toGlobalId('WebhookEndpoint', id) };
  }

  @Mutation(() => ReplayWebhookDeliveryPayload, {
    description: "Send a delivery's event to its endpoint again, with the same `webhook-id`, as a new delivery due now.",
  })
  @Requires(Permission.WEBHOOK_MANAGE)
  @ReturnsUserErrors()
  async replayWebhookDelivery(
    @Arg('input') input: ReplayWebhookDeliveryInput,
    @Ctx() ctx: ApiContext,
  ): Promise<Omit<ReplayWebhookDeliveryPayload, 'userErrors'>> {
    return { delivery: new WebhookDelivery(await replayWebhookDelivery(tenantOf(ctx), input.deliveryId)) };
  }
}

@Resolver(() => WebhookEndpoint)
export class WebhookEndpointFieldsResolver {
  @FieldResolver(() => WebhookDeliveryConnection, { description: 'Its deliveries, newest first, with their attempts.' })
  @Requires(Permission.WEBHOOK_MANAGE)
  async deliveries(@Root() endpoint: WebhookEndpoint, @Args() page: PageArgs, @Ctx() ctx: ApiContext): Promise<ConnectionShape<WebhookDelivery>> {
    // One loader per page asked for: every endpoint of a list asks for the same page, so they share one read.
    const loader = requestLoader(ctx, `webhookDeliveries:${page.first}:${page.after ?? ''}`, (tenant, endpointIds) =>
      listWebhookDeliveries(tenant, endpointIds, page),
    );
    const records = await loader.load(endpoint.id);
    const deliveries: Page<WebhookDelivery> = {
      items: records.items.map((record) => new WebhookDelivery(record)),
      hasNextPage: records.hasNextPage,
      cursorOf: (delivery) => records.cursorOf(delivery.record),
    };
    return toConnection(deliveries);
  }
}
