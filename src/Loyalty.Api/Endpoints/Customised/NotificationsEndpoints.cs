using System.Security.Claims;
using Loyalty.Api.Auth;
using Loyalty.Application.Features.Customised.Notifications;
using Loyalty.Contracts.Admin;
using Mediator;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Loyalty.Api.Endpoints.Customised;

/// <summary>Interest notifications: the programme's frequency cap (the notifications themselves go out through the outbox).</summary>
public static class NotificationsEndpoints
{
    private const string Tag = "Interest notifications";

    public static void MapNotificationsEndpoints(this Audiences api)
    {
        api.Programme.MapGet("/notification-settings", async Task<Ok<NotificationSettingsResponse>> (ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new GetNotificationSettingsQuery(), ct)))
            .WithTags(Tag)
            .WithSummary("The frequency cap on interest notifications")
            .WithDescription("A member gets at most maxPerWindow interest notifications in any rolling windowDays days; updatedAt is null while the default (3 in 7 days) applies.")
            .WithName("GetNotificationSettings");
        api.Programme.MapPut("/notification-settings", async Task<Ok<NotificationSettingsResponse>> (NotificationSettingsRequest request, ClaimsPrincipal user, ISender sender, CancellationToken ct) =>
                TypedResults.Ok(await sender.Send(new ChangeNotificationSettingsCommand(user.GetActor(), request), ct)))
            .WithTags(Tag)
            .WithSummary("Change the frequency cap on interest notifications")
            .WithDescription("maxPerWindow 0 to 100 (0 switches interest notifications off), windowDays 1 to 90. Applies to notifications from now on. Audited.")
            .ProducesValidationProblem().ProducesProblem(422)
            .WithName("ChangeNotificationSettings");
    }
}
