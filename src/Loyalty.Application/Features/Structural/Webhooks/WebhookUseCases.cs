using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Common;
using Loyalty.Application.Errors;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Common;
using Loyalty.Contracts.Partner;
using Loyalty.Domain.Structural.Outbox;
using Loyalty.Domain.Structural.Webhooks;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Structural.Webhooks;

/// <summary>
/// Who is asking: staff (<see cref="PartnerId"/> null, every subscription) or a partner (only its own). A partner
/// asking for another partner's subscription gets 404, as if it did not exist.
/// </summary>
public sealed record WebhookOwner(string Actor, Guid? PartnerId)
{
    public bool IsStaff => PartnerId is null;
}

internal static class WebhookLookup
{
    public static async Task<WebhookSubscription> FindAsync(ILoyaltyDbContext db, WebhookOwner owner, Guid id, CancellationToken cancellationToken)
    {
        var subscription = await db.WebhookSubscriptions.SingleOrDefaultAsync(s => s.Id == id, cancellationToken);
        return subscription is null || (!owner.IsStaff && subscription.PartnerId != owner.PartnerId)
            ? throw AppException.NotFound("webhook_not_found", "There is no webhook subscription with this id.")
            : subscription;
    }

    public static WebhookResponse ToResponse(this WebhookSubscription s) =>
        new(s.Id, s.PartnerId, s.Url, s.Description, s.EventTypeList, s.Active, s.CreatedAt, s.UpdatedAt);

    public static WebhookDeliveryResponse ToResponse(this WebhookDelivery d) =>
        new(d.Id, d.MessageId, d.EventType, Names.Of(d.Status), d.Attempts, d.NextAttemptAt, d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt);

    public static bool IsAllowedUrl(string? url, WebhookOptions options)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var uri) || !string.IsNullOrEmpty(uri.UserInfo))
        {
            return false;
        }

        // Plain http only in development, and only to a receiver on this machine or its private network.
        return uri.Scheme == Uri.UriSchemeHttps
            || (options.AllowPrivateNetworks && uri.Scheme == Uri.UriSchemeHttp
                && (uri.IsLoopback || uri.Host == "localhost" || (System.Net.IPAddress.TryParse(uri.DnsSafeHost, out var ip) && !WebhookAddresses.IsPublic(ip))));
    }
}

/// <summary>Delivery statuses as the API spells them: camelCase, like every other enum name it shows.</summary>
internal static class Names
{
    public static string Of(WebhookDeliveryStatus status) => System.Text.Json.JsonNamingPolicy.CamelCase.ConvertName(status.ToString());

    public static WebhookDeliveryStatus? Parse(string? status) =>
        string.IsNullOrEmpty(status) ? null
        : Enum.GetValues<WebhookDeliveryStatus>().Cast<WebhookDeliveryStatus?>().FirstOrDefault(s => Of(s!.Value) == status)
            ?? throw AppException.BadRequest("invalid_status", $"status must be one of {string.Join(", ", Enum.GetValues<WebhookDeliveryStatus>().Select(Of))}.");
}

internal static class WebhookRules
{
    public const string UrlNotAllowed = "webhook_url_not_allowed";

    public static IRuleBuilderOptions<T, string?> WebhookUrl<T>(this IRuleBuilder<T, string?> rule, WebhookOptions options, IWebhookUrlGuard guard) =>
        rule.Must(u => WebhookLookup.IsAllowedUrl(u, options))
            .WithMessage(options.AllowPrivateNetworks ? "url must be an absolute https URL (or http to a local or private address)." : "url must be an absolute https URL.")
            .MustAsync(async (u, ct) => !WebhookLookup.IsAllowedUrl(u, options) || await guard.IsAllowedAsync(new Uri(u!), ct)).WithErrorCode(UrlNotAllowed)
            .WithMessage($"url must not point to a loopback, private, link-local or multicast address ({UrlNotAllowed}).");

    public static void EventTypeFilter<T>(this AbstractValidator<T> validator, Func<T, IReadOnlyList<string>?> eventTypes)
    {
        validator.RuleFor(c => eventTypes(c)).Must(e => e is null || e.Count <= 50).WithName("eventTypes").WithMessage("At most 50 event types.");
        validator.RuleForEach(c => eventTypes(c)).Must(t => EventTypes.All.Contains(t)).OverridePropertyName("eventTypes")
            .WithMessage($"Unknown event type. Known types: {string.Join(", ", EventTypes.All)}.");
    }
}

public sealed record CreateWebhookCommand(WebhookOwner Owner, Guid? PartnerId, CreateWebhookRequest Request) : ICommand<WebhookSecretResponse>, ITransactionalCommand;

public sealed class CreateWebhookValidator : AbstractValidator<CreateWebhookCommand>
{
    public CreateWebhookValidator(WebhookOptions options, IWebhookUrlGuard guard)
    {
        RuleFor(c => c.Request.Url).NotEmpty().MaximumLength(2000).WebhookUrl(options, guard);
        RuleFor(c => c.Request.Description).MaximumLength(200);
        this.EventTypeFilter(c => c.Request.EventTypes);
    }
}

public sealed class CreateWebhookHandler(ILoyaltyDbContext db, IWebhookSecretProtector protector, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<CreateWebhookCommand, WebhookSecretResponse>
{
    public async ValueTask<WebhookSecretResponse> Handle(CreateWebhookCommand command, CancellationToken cancellationToken)
    {
        var partnerId = command.Owner.PartnerId ?? command.PartnerId;
        if (partnerId is { } id && !await db.Partners.AnyAsync(p => p.Id == id, cancellationToken))
        {
            throw AppException.NotFound("partner_not_found", "There is no partner with this id.");
        }

        var secret = WebhookSecrets.Generate();
        var subscription = WebhookSubscription.Create(partnerId, command.Request.Url, command.Request.Description, command.Request.EventTypes, protector.Protect(secret), clock.GetUtcNow());
        db.WebhookSubscriptions.Add(subscription);
        var response = subscription.ToResponse();
        audit.Record<WebhookResponse>(command.Owner.Actor, "webhook.created", "webhook", subscription.Id, null, response);
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretResponse(response, secret, null);
    }
}

public sealed record UpdateWebhookCommand(WebhookOwner Owner, Guid Id, UpdateWebhookRequest Request) : ICommand<WebhookResponse>, ITransactionalCommand;

public sealed class UpdateWebhookValidator : AbstractValidator<UpdateWebhookCommand>
{
    public UpdateWebhookValidator(WebhookOptions options, IWebhookUrlGuard guard)
    {
        RuleFor(c => c.Request.Url).MaximumLength(2000).WebhookUrl(options, guard).When(c => c.Request.Url is not null);
        RuleFor(c => c.Request.Description).MaximumLength(200);
        this.EventTypeFilter(c => c.Request.EventTypes);
    }
}

public sealed class UpdateWebhookHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<UpdateWebhookCommand, WebhookResponse>
{
    public async ValueTask<WebhookResponse> Handle(UpdateWebhookCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, command.Owner, command.Id, cancellationToken);
        var before = subscription.ToResponse();
        var r = command.Request;
        subscription.Update(r.Url, r.Description, r.EventTypes, r.Active, clock.GetUtcNow());
        var after = subscription.ToResponse();
        audit.Record(command.Owner.Actor, "webhook.updated", "webhook", subscription.Id, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }
}

public sealed record DeleteWebhookCommand(WebhookOwner Owner, Guid Id) : ICommand<Unit>, ITransactionalCommand;

public sealed class DeleteWebhookHandler(ILoyaltyDbContext db, AuditTrail audit) : ICommandHandler<DeleteWebhookCommand, Unit>
{
    public async ValueTask<Unit> Handle(DeleteWebhookCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, command.Owner, command.Id, cancellationToken);
        audit.Record<WebhookResponse>(command.Owner.Actor, "webhook.deleted", "webhook", subscription.Id, subscription.ToResponse(), null);
        await db.WebhookDeliveries.Where(d => d.SubscriptionId == subscription.Id).ExecuteDeleteAsync(cancellationToken);
        db.WebhookSubscriptions.Remove(subscription);
        await db.SaveChangesAsync(cancellationToken);
        return Unit.Value;
    }
}

public sealed record RotateWebhookSecretCommand(WebhookOwner Owner, Guid Id) : ICommand<WebhookSecretResponse>, ITransactionalCommand;

public sealed class RotateWebhookSecretHandler(ILoyaltyDbContext db, IWebhookSecretProtector protector, WebhookOptions options, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<RotateWebhookSecretCommand, WebhookSecretResponse>
{
    public async ValueTask<WebhookSecretResponse> Handle(RotateWebhookSecretCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, command.Owner, command.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var secret = WebhookSecrets.Generate();
        subscription.RotateSecret(protector.Protect(secret), now + options.SecretOverlap, now);
        audit.Record<WebhookResponse>(command.Owner.Actor, "webhook.secret_rotated", "webhook", subscription.Id, null, subscription.ToResponse());
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookSecretResponse(subscription.ToResponse(), secret, subscription.PreviousSecretExpiresAt);
    }
}

public sealed record GetWebhookQuery(WebhookOwner Owner, Guid Id) : IQuery<WebhookResponse>;

public sealed class GetWebhookHandler(ILoyaltyDbContext db) : IQueryHandler<GetWebhookQuery, WebhookResponse>
{
    public async ValueTask<WebhookResponse> Handle(GetWebhookQuery query, CancellationToken cancellationToken) =>
        (await WebhookLookup.FindAsync(db, query.Owner, query.Id, cancellationToken)).ToResponse();
}

/// <summary>Staff may narrow to one partner; a partner always sees only its own.</summary>
public sealed record ListWebhooksQuery(WebhookOwner Owner, Guid? PartnerId) : IQuery<IReadOnlyList<WebhookResponse>>;

public sealed class ListWebhooksHandler(ILoyaltyDbContext db) : IQueryHandler<ListWebhooksQuery, IReadOnlyList<WebhookResponse>>
{
    public async ValueTask<IReadOnlyList<WebhookResponse>> Handle(ListWebhooksQuery query, CancellationToken cancellationToken)
    {
        var partnerId = query.Owner.PartnerId ?? query.PartnerId;
        var subscriptions = db.WebhookSubscriptions.AsNoTracking();
        if (partnerId is { } id)
        {
            subscriptions = subscriptions.Where(s => s.PartnerId == id);
        }

        // Ordered before the limit, so the 500 listed are the oldest, not whichever the database returns first.
        var list = await subscriptions.OrderBy(s => s.CreatedAt).ThenBy(s => s.Id).Take(500).ToListAsync(cancellationToken);
        return list.Select(s => s.ToResponse()).ToList();
    }
}

/// <summary>The delivery log of one subscription, newest first.</summary>
public sealed record ListWebhookDeliveriesQuery(WebhookOwner Owner, Guid Id, string? Status, int? Limit, string? Cursor) : IQuery<Page<WebhookDeliveryResponse>>;

public sealed class ListWebhookDeliveriesHandler(ILoyaltyDbContext db) : IQueryHandler<ListWebhookDeliveriesQuery, Page<WebhookDeliveryResponse>>
{
    public async ValueTask<Page<WebhookDeliveryResponse>> Handle(ListWebhookDeliveriesQuery query, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, query.Owner, query.Id, cancellationToken);
        var limit = Paging.Limit(query.Limit);
        var status = Names.Parse(query.Status);
        var deliveries = db.WebhookDeliveries.AsNoTracking().Where(d => d.SubscriptionId == subscription.Id);
        if (status is { } s)
        {
            deliveries = deliveries.Where(d => d.Status == s);
        }

        // An offset cursor: the log is for people reading it, and deliveries of one fan-out share a creation time.
        var skip = Paging.DecodeLong(query.Cursor) ?? 0;
        var rows = await deliveries.OrderByDescending(d => d.CreatedAt).ThenBy(d => d.Id).Skip((int)Math.Min(skip, int.MaxValue)).Take(limit + 1).ToListAsync(cancellationToken);
        var page = rows.Select(d => d.ToResponse()).ToList();
        return page.Count > limit ? new Page<WebhookDeliveryResponse>(page[..limit], Paging.Encode((skip + limit).ToString(System.Globalization.CultureInfo.InvariantCulture))) : new Page<WebhookDeliveryResponse>(page, null);
    }
}
/// <summary>Sends one delivery again (any state but in flight), with a fresh set of attempts.</summary>
public sealed record ReplayWebhookDeliveryCommand(WebhookOwner Owner, Guid Id, Guid DeliveryId) : ICommand<WebhookDeliveryResponse>, ITransactionalCommand;

public sealed class ReplayWebhookDeliveryHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<ReplayWebhookDeliveryCommand, WebhookDeliveryResponse>
{
    public async ValueTask<WebhookDeliveryResponse> Handle(ReplayWebhookDeliveryCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, command.Owner, command.Id, cancellationToken);
        var delivery = await db.WebhookDeliveries.SingleOrDefaultAsync(d => d.Id == command.DeliveryId && d.SubscriptionId == subscription.Id, cancellationToken)
            ?? throw AppException.NotFound("delivery_not_found", "This subscription has no delivery with this id.");
        delivery.Replay(clock.GetUtcNow());
        audit.Record<WebhookDeliveryResponse>(command.Owner.Actor, "webhook.delivery_replayed", "webhook_delivery", delivery.Id, null, delivery.ToResponse());
        await db.SaveChangesAsync(cancellationToken);
        return delivery.ToResponse();
    }
}

/// <summary>Puts every dead-lettered delivery of a subscription back in the queue.</summary>
public sealed record ReplayDeadLettersCommand(WebhookOwner Owner, Guid Id) : ICommand<WebhookReplayResponse>, ITransactionalCommand;

public sealed class ReplayDeadLettersHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock) : ICommandHandler<ReplayDeadLettersCommand, WebhookReplayResponse>
{
    public async ValueTask<WebhookReplayResponse> Handle(ReplayDeadLettersCommand command, CancellationToken cancellationToken)
    {
        var subscription = await WebhookLookup.FindAsync(db, command.Owner, command.Id, cancellationToken);
        var now = clock.GetUtcNow();
        var count = await db.WebhookDeliveries
            .Where(d => d.SubscriptionId == subscription.Id && d.Status == WebhookDeliveryStatus.DeadLettered)
            .ExecuteUpdateAsync(
                s => s.SetProperty(d => d.Status, WebhookDeliveryStatus.Pending).SetProperty(d => d.Attempts, 0)
                    .SetProperty(d => d.NextAttemptAt, now).SetProperty(d => d.UpdatedAt, now),
                cancellationToken);
        audit.Record<WebhookReplayResponse>(command.Owner.Actor, "webhook.dead_letters_replayed", "webhook", subscription.Id, null, new WebhookReplayResponse(count));
        await db.SaveChangesAsync(cancellationToken);
        return new WebhookReplayResponse(count);
    }
}
