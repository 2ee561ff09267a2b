using FluentValidation;
using Loyalty.Application.Common;
using Loyalty.Contracts;
using Loyalty.Domain.Structural.Outbox;

namespace Loyalty.Application.Features.Structural.Webhooks;

internal static class WebhookRules
{
    public const string UrlNotAllowed = ErrorCodes.WebhookUrlNotAllowed;

    public static IRuleBuilderOptions<T, string?> WebhookUrl<T>(this IRuleBuilder<T, string?> rule, WebhookOptions options, IWebhookUrlGuard guard) =>
        rule.Must(u => WebhookLookup.IsAllowedUrl(u, options))
            .WithMessage(options.AllowPrivateNetworks ? "url must be an absolute https URL (or http to a local or private address)." : "url must be an absolute https URL.")
            .MustAsync(async (u, ct) => !WebhookLookup.IsAllowedUrl(u, options) || await guard.IsAllowedAsync(new Uri(u!), ct)).WithErrorCode(UrlNotAllowed)
            .WithMessage($"url must not point to a loopback, private, link-local or multicast address ({UrlNotAllowed}).");

    public static void EventTypeFilter<T>(this AbstractValidator<T> validator, Func<T, IReadOnlyList<string>?> eventTypes)
    {
        validator.RuleFor(c => eventTypes(c)).MaximumCount(50).WithName("eventTypes").WithMessage("At most 50 event types.");
        validator.RuleForEach(c => eventTypes(c)).Must(t => EventTypes.All.Contains(t)).OverridePropertyName("eventTypes")
            .WithMessage($"Unknown event type. Known types: {string.Join(", ", EventTypes.All)}.");
    }
}
