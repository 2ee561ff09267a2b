using Loyalty.Application.Abstractions;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Notifications;

/// <summary>The frequency cap on interest notifications in force (the default until staff change it).</summary>
public sealed record GetNotificationSettingsQuery : IQuery<NotificationSettingsResponse>;

public sealed class GetNotificationSettingsHandler(ILoyaltyDbContext db) : IQueryHandler<GetNotificationSettingsQuery, NotificationSettingsResponse>
{
    public async ValueTask<NotificationSettingsResponse> Handle(GetNotificationSettingsQuery query, CancellationToken cancellationToken)
    {
        var settings = await db.NotificationSettings.AsNoTracking().SingleOrDefaultAsync(s => s.Id == NotificationSettings.SingletonId, cancellationToken);
        return settings is null
            ? new NotificationSettingsResponse(NotificationSettings.DefaultMaxPerWindow, NotificationSettings.DefaultWindowDays, null)
            : ChangeNotificationSettingsHandler.ToResponse(settings);
    }
}
