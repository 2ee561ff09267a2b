using FluentValidation;
using Loyalty.Application.Abstractions;
using Loyalty.Application.Features.Audit;
using Loyalty.Contracts.Admin;
using Loyalty.Domain.Customised.Notifications;
using Mediator;
using Microsoft.EntityFrameworkCore;

namespace Loyalty.Application.Features.Customised.Notifications;

/// <summary>Staff change the frequency cap; it applies to notifications from now on. Audited.</summary>
public sealed record ChangeNotificationSettingsCommand(string Actor, NotificationSettingsRequest Request) : ICommand<NotificationSettingsResponse>, ITransactionalCommand;

public sealed class ChangeNotificationSettingsValidator : AbstractValidator<ChangeNotificationSettingsCommand>
{
    public ChangeNotificationSettingsValidator()
    {
        RuleFor(c => c.Request).NotNull();
        RuleFor(c => c.Request.MaxPerWindow).InclusiveBetween(0, NotificationSettings.MaxCap).When(c => c.Request is not null);
        RuleFor(c => c.Request.WindowDays).InclusiveBetween(1, NotificationSettings.MaxWindowDays).When(c => c.Request is not null);
    }
}

public sealed class ChangeNotificationSettingsHandler(ILoyaltyDbContext db, AuditTrail audit, TimeProvider clock)
    : ICommandHandler<ChangeNotificationSettingsCommand, NotificationSettingsResponse>
{
    public async ValueTask<NotificationSettingsResponse> Handle(ChangeNotificationSettingsCommand command, CancellationToken cancellationToken)
    {
        var now = clock.GetUtcNow();
        var settings = await db.NotificationSettings.SingleOrDefaultAsync(s => s.Id == NotificationSettings.SingletonId, cancellationToken);
        var before = settings is null ? null : ToResponse(settings);
        if (settings is null)
        {
            settings = NotificationSettings.Default(now);
            db.NotificationSettings.Add(settings);
        }

        settings.Change(command.Request.MaxPerWindow, command.Request.WindowDays, now);
        var after = ToResponse(settings);
        audit.Record(command.Actor, "notification_settings.changed", "notification_settings", NotificationSettings.SingletonId, before, after);
        await db.SaveChangesAsync(cancellationToken);
        return after;
    }

    internal static NotificationSettingsResponse ToResponse(NotificationSettings s) => new(s.MaxPerWindow, s.WindowDays, s.UpdatedAt);
}
